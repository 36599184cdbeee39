// Response formats per interaction type (RTE 4.2.9.1 and 4.2.9.2): the
// "[,]"-separated lists and "[.]"-separated pairs of SCORM 2004.
#include <string>
#include <vector>

#include "flat_model.hpp"
#include "scorm2004_model.hpp"

namespace trellis::scorm2004 {

namespace {

std::vector<std::string_view> split(std::string_view s, std::string_view sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + sep.size();
  }
}

// short_identifier_type: 1 to 250 characters without white space.
bool short_id(std::string_view v) {
  if (v.empty() || scorm::rt::checks::characters(v) > 250) return false;
  for (unsigned char c : v)
    if (c <= ' ') return false;
  return true;
}

// Patterns may open with {case_matters=..}, {order_matters=..} or {lang=..}
// delimiters; they are not part of the responses.
std::string_view strip_delimiters(std::string_view v) {
  while (!v.empty() && v[0] == '{') {
    size_t close = v.find('}');
    std::string_view d = v.substr(0, close == std::string_view::npos ? 0 : close + 1);
    if (d.rfind("{case_matters=", 0) != 0 && d.rfind("{order_matters=", 0) != 0 && d.rfind("{lang=", 0) != 0) break;
    v.remove_prefix(d.size());
  }
  return v;
}

bool list_of_ids(std::string_view v, size_t max, bool unique) {
  if (v.empty()) return true;
  auto items = split(v, "[,]");
  if (items.size() > max) return false;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!short_id(items[i])) return false;
    for (size_t j = 0; unique && j < i; ++j)
      if (items[j] == items[i]) return false;
  }
  return true;
}

bool pairs(std::string_view v, bool both_ids) {
  if (v.empty()) return true;
  auto items = split(v, "[,]");
  if (items.size() > 36) return false;
  for (auto item : items) {
    auto parts = split(item, "[.]");
    if (parts.size() != 2) return false;
    if (both_ids ? !(short_id(parts[0]) && short_id(parts[1])) : (parts[0].empty() && parts[1].empty())) return false;
  }
  return true;
}

bool numeric_range(std::string_view v) {
  auto parts = split(v, "[:]");
  if (parts.size() == 1) return scorm::rt::parse_real(parts[0]).has_value();
  if (parts.size() != 2) return false;
  auto lo = parts[0].empty() ? std::optional<double>() : scorm::rt::parse_real(parts[0]);
  auto hi = parts[1].empty() ? std::optional<double>() : scorm::rt::parse_real(parts[1]);
  if ((!parts[0].empty() && !lo) || (!parts[1].empty() && !hi)) return false;
  return !(lo && hi && *lo > *hi);
}

}  // namespace

bool valid_response(std::string_view type, std::string_view value, bool pattern) {
  std::string_view v = pattern ? strip_delimiters(value) : value;
  if (type == "true-false") return v == "true" || v == "false";
  if (type == "choice") return list_of_ids(v, 36, true);
  if (type == "sequencing") return list_of_ids(v, 36, false);
  if (type == "likert") return v.empty() || short_id(v);
  if (type == "matching") return pairs(v, true);
  if (type == "performance") return pairs(v, false);
  if (type == "numeric") return pattern ? numeric_range(v) : scorm::rt::parse_real(v).has_value();
  if (type == "fill-in") {
    auto items = split(v, "[,]");
    if (items.size() > 10) return false;
    for (auto item : items)
      if (scorm::rt::checks::characters(item) > 250) return false;
    return true;
  }
  if (type == "long-fill-in" || type == "other") return scorm::rt::checks::characters(v) <= 4000;
  return false;
}

}  // namespace trellis::scorm2004
