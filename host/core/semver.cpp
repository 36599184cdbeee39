#include "core/semver.hpp"

#include <charconv>
#include <sstream>
#include <vector>

namespace trellis {
namespace {

bool parse_number(std::string_view s, int& out) {
  if (s.empty() || (s.size() > 1 && s[0] == '0')) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Accepts "1", "1.2", "1.2.3", "1.2.3-beta"; `parts` says how many numbers were given.
bool parse_partial(std::string_view text, SemVer& v, int& parts) {
  auto dash = text.find('-');
  if (dash != std::string_view::npos) {
    v.pre = std::string(text.substr(dash + 1));
    if (v.pre.empty()) return false;
    text = text.substr(0, dash);
  }
  parts = 0;
  int* fields[] = {&v.major, &v.minor, &v.patch};
  size_t start = 0;
  while (parts < 3) {
    size_t dot = text.find('.', start);
    std::string_view piece = text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!parse_number(piece, *fields[parts])) return false;
    ++parts;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
  return false;
}

}  // namespace

std::string SemVer::str() const {
  std::string s = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  if (!pre.empty()) s += "-" + pre;
  return s;
}

Result<SemVer> parse_semver(std::string_view text) {
  SemVer v;
  int parts = 0;
  if (!parse_partial(text, v, parts) || parts != 3)
    return make_error(ErrorKind::invalid_input, "'" + std::string(text) + "' is not a semantic version (MAJOR.MINOR.PATCH)");
  return v;
}

Result<bool> satisfies(const SemVer& version, std::string_view range) {
  std::istringstream in{std::string(range)};
  std::string token;
  bool any = false;
  while (in >> token) {
    any = true;
    if (token == "*") continue;
    std::string op;
    size_t i = 0;
    while (i < token.size() && (token[i] == '>' || token[i] == '<' || token[i] == '=' || token[i] == '^' || token[i] == '~'))
      op.push_back(token[i++]);
    SemVer bound;
    int parts = 0;
    if (!parse_partial(std::string_view(token).substr(i), bound, parts))
      return make_error(ErrorKind::invalid_input, "'" + std::string(range) + "' is not a version range");
    bool ok = false;
    if (op.empty() || op == "=") {
      ok = version.major == bound.major && (parts < 2 || version.minor == bound.minor) &&
           (parts < 3 || (version.patch == bound.patch && version.pre == bound.pre));
    } else if (op == ">=") {
      ok = version >= bound;
    } else if (op == ">") {
      ok = version > bound;
    } else if (op == "<=") {
      ok = version <= bound;
    } else if (op == "<") {
      ok = version < bound;
    } else if (op == "^") {
      SemVer upper = bound.major > 0 ? SemVer{bound.major + 1, 0, 0, ""}
                     : parts >= 2    ? SemVer{0, bound.minor + 1, 0, ""}
                                     : SemVer{1, 0, 0, ""};
      ok = version >= bound && version < upper;
    } else if (op == "~") {
      SemVer upper = parts >= 2 ? SemVer{bound.major, bound.minor + 1, 0, ""} : SemVer{bound.major + 1, 0, 0, ""};
      ok = version >= bound && version < upper;
    } else {
      return make_error(ErrorKind::invalid_input, "'" + std::string(range) + "' has an unknown operator '" + op + "'");
    }
    if (!ok) return false;
  }
  if (!any) return make_error(ErrorKind::invalid_input, "empty version range");
  return true;
}

}  // namespace trellis
