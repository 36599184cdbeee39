#include "knowledge/knowledge_settings.hpp"

#include <charconv>
#include <string>

#include "store/store.hpp"

namespace trellis::knowledge {
namespace {

Error bad(const std::string& key, const std::string& value, const std::string& want) {
  return make_error(ErrorKind::invalid_input, "setting " + key + " = '" + value + "' is not " + want);
}

Result<int64_t> whole_number(const std::string& key, const std::string& value, int64_t min, int64_t max) {
  int64_t n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size() || n < min || n > max)
    return bad(key, value, "a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  return n;
}

Result<std::chrono::seconds> duration(const std::string& key, const std::string& value) {
  std::string digits = value;
  int64_t unit = 1;
  if (!digits.empty() && (digits.back() == 's' || digits.back() == 'm' || digits.back() == 'h')) {
    unit = digits.back() == 'h' ? 3600 : digits.back() == 'm' ? 60 : 1;
    digits.pop_back();
  }
  auto n = whole_number(key, digits, 0, 7 * 24 * 3600);
  if (!n) return bad(key, value, "a duration such as 90, 90s, 15m or 2h (0 turns the schedule off)");
  return std::chrono::seconds(*n * unit);
}

}  // namespace

Result<KnowledgeSettings> load_knowledge_settings(store::Database& db) {
  KnowledgeSettings s;
  auto get = [&db](const char* key) { return store::get_setting(db, key); };
  auto timeout = get("connector.timeout_ms");
  if (!timeout) return timeout.error();
  if (timeout->has_value()) {
    auto n = whole_number("connector.timeout_ms", **timeout, 1, 600000);
    if (!n) return n.error();
    s.connector_timeout = std::chrono::milliseconds(*n);
  }
  auto sync_timeout = get("connector.sync_timeout_ms");
  if (!sync_timeout) return sync_timeout.error();
  if (sync_timeout->has_value()) {
    auto n = whole_number("connector.sync_timeout_ms", **sync_timeout, 1, 3600000);
    if (!n) return n.error();
    s.sync_timeout = std::chrono::milliseconds(*n);
  }
  auto interval = get("connector.sync_interval");
  if (!interval) return interval.error();
  if (interval->has_value()) {
    auto d = duration("connector.sync_interval", **interval);
    if (!d) return d.error();
    s.sync_interval = *d;
  }
  auto max_items = get("connector.max_sync_items");
  if (!max_items) return max_items.error();
  if (max_items->has_value()) {
    auto n = whole_number("connector.max_sync_items", **max_items, 1, 10000000);
    if (!n) return n.error();
    s.max_sync_items = static_cast<size_t>(*n);
  }
  // Read by the plugins' host services; checked here so `settings set` refuses junk.
  auto rate = get("plugins.http_rate_per_second");
  if (!rate) return rate.error();
  if (rate->has_value()) {
    auto n = whole_number("plugins.http_rate_per_second", **rate, 1, 10000);
    if (!n) return n.error();
  }
  auto threshold = get("knowledge.auto_attach_score");
  if (!threshold) return threshold.error();
  if (threshold->has_value() && !(*threshold)->empty()) {
    const std::string& v = **threshold;
    size_t used = 0;
    double d = -1;
    try {
      d = std::stod(v, &used);
    } catch (...) {
      used = 0;
    }
    if (used != v.size() || !(d >= 0.0 && d <= 1.0)) return bad("knowledge.auto_attach_score", v, "a number from 0 to 1");
    s.auto_attach_score = d;
  }
  return s;
}

}  // namespace trellis::knowledge
