#include "seen_items.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "trellis/connector_kit/fingerprint.hpp"
#include "trellis/connector_kit/ranking.hpp"
#include "trellis/connector_kit/text.hpp"

namespace trellis::feeds {
namespace kit = trellis::connector_kit;
namespace {

constexpr size_t kSeenPerFeed = 500;
constexpr size_t kStoredBodyBytes = 16384;  // of each item's text, for fetch

std::string key_of(const std::string& url) { return "seen." + kit::Fingerprint().add(url).hex(); }

}  // namespace

nlohmann::json SeenItems::load(const std::string& feed_url) const {
  auto text = host_.kv_get(key_of(feed_url));
  nlohmann::json seen = text ? nlohmann::json::parse(*text, nullptr, false) : nlohmann::json::object();
  return seen.is_object() ? seen : nlohmann::json::object();
}

void SeenItems::store(const std::string& feed_url, nlohmann::json& items) const {
  if (items.size() > kSeenPerFeed) {
    std::vector<std::pair<std::string, std::string>> by_date;
    for (const auto& [ref, s] : items.items()) by_date.emplace_back(s.is_object() ? s.value("u", "") : "", ref);
    std::sort(by_date.begin(), by_date.end());
    for (size_t i = 0; i + kSeenPerFeed < by_date.size(); ++i) items.erase(by_date[i].second);
  }
  host_.kv_put(key_of(feed_url), items.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void SeenItems::forget(const std::string& feed_url) const { host_.kv_delete(key_of(feed_url)); }

nlohmann::json SeenItems::entry_of(const KnowledgeItem& item) {
  return {{"t", item.title},
          {"l", item.url},
          {"a", item.author},
          {"u", item.updated},
          {"g", item.tags},
          {"b", kit::snippet_of(item.body, kStoredBodyBytes)},
          {"p", kit::TermProfile::of(item.title, item.tags, item.body).to_json()}};
}

KnowledgeItem SeenItems::item_of(const std::string& ref, const nlohmann::json& s, ItemKind kind) {
  KnowledgeItem item;
  item.kind = kind;
  item.ref = ref;
  item.title = s.value("t", ref);
  item.url = s.value("l", "");
  item.author = s.value("a", "");
  item.updated = s.value("u", "");
  item.tags = s.value("g", "");
  item.body = s.value("b", "");
  item.snippet = kit::excerpt_of(item.body);
  return item;
}

}  // namespace trellis::feeds
