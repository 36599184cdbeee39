#include "package/entry_name.hpp"

#include "core/utf8.hpp"

#include <cctype>
#include <vector>

namespace trellis::package {

Result<std::string> normalise_entry_name(std::string_view raw) {
  auto refuse = [&](const std::string& rule) {
    return make_error(ErrorKind::invalid_input, "entry '" + std::string(raw) + "' refused: " + rule);
  };
  if (raw.empty()) return refuse("empty name");
  if (!is_valid_utf8(raw))
    return make_error(ErrorKind::invalid_input,
                      "an entry name is not valid UTF-8 (legacy code-page names are not accepted; re-create "
                      "the zip with UTF-8 names)");
  for (char c : raw)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return refuse("control character in name");
  std::string name(raw);
  // Windows tools write '\'; treating it as a separator makes "..\x" visible below.
  for (char& c : name)
    if (c == '\\') c = '/';
  if (name.front() == '/') return refuse("absolute path");
  if (name.size() >= 2 && std::isalpha(static_cast<unsigned char>(name[0])) && name[1] == ':')
    return refuse("drive-letter path");
  bool folder = name.back() == '/';
  std::vector<std::string_view> parts;
  std::string_view rest(name);
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view part = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == "..") return refuse("'..' path component (path traversal)");
    parts.push_back(part);
  }
  if (parts.empty()) return refuse("name has no path components");
  std::string out;
  for (auto p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  if (folder) out += '/';
  return out;
}

std::string fold_case(std::string_view name) {
  std::string out(name);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int folded_compare(std::string_view a, std::string_view b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    int x = std::tolower(static_cast<unsigned char>(a[i])), y = std::tolower(static_cast<unsigned char>(b[i]));
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

Error refuse_entry(const std::string& entry, const std::string& rule) {
  return make_error(ErrorKind::invalid_input, "entry '" + entry + "' refused: " + rule);
}

}  // namespace trellis::package
