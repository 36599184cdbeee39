#include "flat_model.hpp"

#include <cstdio>
#include <cstdlib>
#include <set>

namespace trellis::scorm::rt {

std::string text_of(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

Flat flat_of(const nlohmann::json& j) {
  Flat out = Flat::object();
  if (!j.is_object()) return out;
  for (const auto& [k, v] : j.items()) out[k] = text_of(v);
  return out;
}

std::optional<std::string> get(const Flat& flat, std::string_view key) {
  auto it = flat.find(key);
  if (it == flat.end()) return std::nullopt;
  return text_of(*it);
}

std::optional<ElementName> parse_element(std::string_view name) {
  ElementName out;
  size_t start = 0;
  while (start <= name.size()) {
    size_t dot = name.find('.', start);
    std::string_view seg = name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (seg.empty()) return std::nullopt;
    bool numeric = seg.find_first_not_of("0123456789") == std::string_view::npos;
    if (!out.pattern.empty()) out.pattern += '.';
    if (numeric) {
      if (seg.size() > 1 && seg[0] == '0') return std::nullopt;
      if (seg.size() > 9) return std::nullopt;
      out.indices.push_back(std::stoul(std::string(seg)));
      out.pattern += 'n';
    } else {
      out.pattern += seg;
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

namespace {
// The indices collection `prefix` uses in `flat`.
std::set<size_t> indices_of(const Flat& flat, std::string_view prefix) {
  std::set<size_t> seen;
  std::string head = std::string(prefix) + ".";
  const auto& object = flat.get_ref<const nlohmann::json::object_t&>();
  for (auto it = object.lower_bound(head); it != object.end(); ++it) {
    const std::string& key = it->first;
    if (key.compare(0, head.size(), head) != 0) break;
    size_t end = key.find('.', head.size());
    std::string seg = key.substr(head.size(), end == std::string::npos ? std::string::npos : end - head.size());
    if (!seg.empty() && seg.size() < 10 && seg.find_first_not_of("0123456789") == std::string::npos)
      seen.insert(std::stoul(seg));
  }
  return seen;
}
}  // namespace

size_t count_of(const Flat& flat, std::string_view prefix) { return indices_of(flat, prefix).size(); }

bool dense(const Flat& flat, std::string_view prefix) {
  auto seen = indices_of(flat, prefix);
  return seen.empty() || *seen.rbegin() + 1 == seen.size();
}

std::optional<double> parse_real(std::string_view t) {
  size_t i = 0;
  if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
  size_t digits = 0;
  while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i, ++digits;
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i, ++digits;
  }
  if (digits == 0 || i != t.size()) return std::nullopt;
  return std::strtod(std::string(t).c_str(), nullptr);
}

std::optional<double> number(const Flat& flat, std::string_view key) {
  auto v = get(flat, key);
  return v ? parse_real(*v) : std::nullopt;
}

std::string number_text(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.7g", d);
  return buf;
}

}  // namespace trellis::scorm::rt
