#include "player/player_settings.hpp"

#include "store/store.hpp"

namespace trellis::player {

Result<int64_t> load_token_ttl(store::Database& db) {
  auto value = store::get_setting(db, "player.token_ttl_seconds");
  if (!value) return value.error();
  if (!value->has_value()) return kDefaultTokenTtlSeconds;
  const std::string& text = **value;
  int64_t n = 0;
  bool ok = !text.empty() && text.size() <= 9;
  for (char c : text) {
    ok = ok && c >= '0' && c <= '9';
    if (ok) n = n * 10 + (c - '0');
  }
  if (!ok || n < 60 || n > 604800)
    return make_error(ErrorKind::invalid_input,
                      "setting player.token_ttl_seconds is '" + text + "'; it must be a number of seconds from 60 to 604800");
  return n;
}

namespace {

Result<std::optional<std::string>> load_origin(store::Database& db, const char* name) {
  auto value = store::get_setting(db, name);
  if (!value) return value.error();
  if (!value->has_value()) return std::optional<std::string>{};
  const std::string& o = **value;
  std::string_view rest = o;
  if (rest.rfind("http://", 0) == 0) rest.remove_prefix(7);
  else if (rest.rfind("https://", 0) == 0) rest.remove_prefix(8);
  else rest = {};
  bool ok = !rest.empty();
  for (char c : rest)
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
                c == ':' || c == '[' || c == ']');
  if (!ok)
    return make_error(ErrorKind::invalid_input, std::string("setting ") + name + " is '" + o +
                                                    "'; it must be an origin such as http://localhost:8081 (no path)");
  return std::optional<std::string>{o};
}

}  // namespace

Result<std::optional<std::string>> load_content_origin(store::Database& db) {
  return load_origin(db, "player.content_origin");
}

Result<std::optional<std::string>> load_api_origin(store::Database& db) { return load_origin(db, "player.api_origin"); }

}  // namespace trellis::player
