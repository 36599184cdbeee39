#include "community/input_rules.hpp"
#include "core/utf8.hpp"
#include "core/hex.hpp"

#include <algorithm>
#include <charconv>

#include "package/entry_name.hpp"
#include "store/store.hpp"

namespace trellis::community {
namespace {

constexpr size_t kMaxTags = 20;
constexpr size_t kMaxTagBytes = 64;
constexpr const char* kMaxPostSetting = "community.max_post_bytes";

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }

Error refuse(std::string_view field, const std::string& rule) {
  return make_error(ErrorKind::invalid_input, std::string(field) + " " + rule);
}

}  // namespace

Result<PostLimits> load_post_limits(store::Database& db) {
  PostLimits limits;
  auto value = store::get_setting(db, kMaxPostSetting);
  if (!value) return value.error();
  if (!value->has_value()) return limits;
  const std::string& text = **value;
  size_t parsed = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (ec != std::errc{} || end != text.data() + text.size() || parsed == 0)
    return make_error(ErrorKind::invalid_input,
                      std::string("setting ") + kMaxPostSetting + " must be a positive integer, found '" + text + "'");
  limits.max_post_bytes = parsed;
  return limits;
}

Status check_body(std::string_view body, const PostLimits& limits) {
  if (body.size() > limits.max_post_bytes)
    return refuse("body", "is " + std::to_string(body.size()) + " bytes, over the limit of " +
                              std::to_string(limits.max_post_bytes) + " bytes (setting " + kMaxPostSetting + ")");
  if (!is_valid_utf8(body)) return refuse("body", "is not valid UTF-8");
  if (is_blank(body)) return refuse("body", "is empty");
  for (size_t i = 0; i < body.size(); ++i) {
    auto c = static_cast<unsigned char>(body[i]);
    if (is_control(c) && c != '\n' && c != '\r' && c != '\t')
      return refuse("body", "contains control character 0x" + hex_encode(&c, 1) + " at byte " + std::to_string(i));
  }
  return {};
}

Status check_line(std::string_view field, std::string_view value, size_t max_bytes) {
  if (value.size() > max_bytes)
    return refuse(field, "is " + std::to_string(value.size()) + " bytes, over the limit of " +
                             std::to_string(max_bytes) + " bytes");
  if (!is_valid_utf8(value)) return refuse(field, "is not valid UTF-8");
  if (is_blank(value)) return refuse(field, "is empty");
  for (char c : value)
    if (is_control(static_cast<unsigned char>(c))) return refuse(field, "must be one line without control characters");
  return {};
}

Result<std::vector<std::string>> normalise_tags(const std::vector<std::string>& tags) {
  std::vector<std::string> out;
  for (size_t i = 0; i < tags.size(); ++i) {
    std::string_view tag = trimmed(tags[i]);
    std::string field = "tag " + std::to_string(i + 1);
    TRELLIS_TRY(check_line(field, tag, kMaxTagBytes));
    if (tag.find(',') != std::string_view::npos)
      return refuse(field + " '" + std::string(tag) + "'", "contains a comma");
    if (std::find(out.begin(), out.end(), tag) == out.end()) out.emplace_back(tag);
  }
  if (out.size() > kMaxTags)
    return refuse("tags", "number " + std::to_string(out.size()) + ", over the limit of " + std::to_string(kMaxTags));
  return out;
}

}  // namespace trellis::community
