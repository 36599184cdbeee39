#include "records/forward_settings.hpp"

#include <charconv>
#include <string>

#include "store/store.hpp"

namespace trellis::records {

Result<std::chrono::seconds> load_forward_interval(store::Database& db) {
  constexpr const char* kKey = "records.forward_interval_seconds";
  auto value = store::get_setting(db, kKey);
  if (!value) return value.error();
  if (!value->has_value()) return std::chrono::seconds(kDefaultForwardIntervalSeconds);
  const std::string& text = **value;
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size() || n < 1 || n > 86400)
    return make_error(ErrorKind::invalid_input, std::string("setting ") + kKey + " = '" + text +
                                                    "' is not a whole number of seconds from 1 to 86400");
  return std::chrono::seconds(n);
}

}  // namespace trellis::records
