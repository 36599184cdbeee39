// feeds: communities that publish RSS or Atom (forums, mailing-list archives,
// Q&A sites) as a knowledge source. Feeds are fetched through the host's
// http_request service only, with conditional GET.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "feed_fetch.hpp"
#include "feed_parser.hpp"
#include "seen_items.hpp"
#include "trellis/connector_kit/fingerprint.hpp"
#include "trellis/connector_kit/ranking.hpp"
#include "trellis/connector_kit/text.hpp"
#include "trellis/cpp/plugin.hpp"

namespace trellis::feeds {
namespace kit = trellis::connector_kit;
namespace {

std::string fingerprint_of(const FeedEntry& e) {
  kit::Fingerprint f;
  f.add(e.title).add(e.link).add(e.author).add(e.updated).add(e.body);
  for (const auto& t : e.tags) f.add(t);
  return f.hex();
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}

ItemKind kind_named(const std::string& name, bool& known) {
  known = true;
  if (name == "discussion" || name.empty()) return ItemKind::discussion;
  if (name == "document") return ItemKind::document;
  if (name == "event") return ItemKind::event;
  known = false;
  return ItemKind::discussion;
}

}  // namespace

class Feeds : public Plugin, public Connector {
 public:
  explicit Feeds(Host host) : host_(host), seen_(host) {}
  const char* source_name() const override { return "Community feeds"; }

  std::string sync(std::string_view cursor, ItemSink& out, const Cancel& cancel) override {
    std::vector<std::string> urls = configured_urls();
    ItemKind kind = configured_kind();
    nlohmann::json old = nlohmann::json::parse(cursor, nullptr, false);
    if (!old.is_object() || old.value("v", 0) != 1 || !old.contains("feeds") || !old["feeds"].is_object())
      old = {{"v", 1}, {"feeds", nlohmann::json::object()}};
    nlohmann::json next = {{"v", 1}, {"feeds", nlohmann::json::object()}};
    std::vector<std::string> failures;
    for (const std::string& url : urls) {
      cancel.check();
      nlohmann::json before = old["feeds"].value(url, nlohmann::json::object());
      if (!before.is_object()) before = nlohmann::json::object();
      std::string why;
      nlohmann::json after = sync_feed(url, before, kind, out, cancel, why);
      if (!why.empty()) {
        host_.warn("feeds: " + kit::repair_utf8(url) + ": " + why);
        failures.push_back(kit::repair_utf8(url) + ": " + why);
        after = before;  // tried again next time, from the same state
      }
      next["feeds"][url] = std::move(after);
    }
    // Feeds the admin removed: their items go, with what search kept of them.
    for (const auto& [url, state] : old["feeds"].items()) {
      if (next["feeds"].contains(url) || !state.is_object() || !state.contains("items") || !state["items"].is_object())
        continue;
      for (const auto& [ref, fp] : state["items"].items()) {
        KnowledgeItem gone;
        gone.kind = kind;
        gone.ref = ref;
        gone.deleted = true;
        out.add(gone);
      }
      seen_.forget(url);
    }
    if (!failures.empty() && failures.size() == urls.size()) {
      std::string message = "feeds: no feed could be read";
      for (const auto& f : failures) message += "; " + f;
      throw Error(TRELLIS_ERR_REMOTE, message);
    }
    return next.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }

  void search(const SearchQuery& query, ItemSink& out, const Cancel& cancel) override {
    ItemKind kind = configured_kind();
    if (!query.wants(static_cast<int32_t>(kind))) return;
    nlohmann::json seen_everywhere = nlohmann::json::object();
    for (const std::string& url : configured_urls_or_none()) {
      cancel.check();
      seen_everywhere.update(seen_.load(url));
    }
    for (const auto& hit : kit::rank_entries(seen_everywhere, query, cancel)) {
      KnowledgeItem item = SeenItems::item_of(hit.ref, *hit.entry, kind);
      item.body.clear();  // search answers are links with a snippet
      item.score = hit.score;
      if (!out.add(item)) break;
    }
  }

  void fetch(std::string_view ref, ItemSink& out, const Cancel&) override {
    ItemKind kind = configured_kind();
    for (const std::string& url : configured_urls_or_none()) {
      nlohmann::json seen = seen_.load(url);
      auto it = seen.find(std::string(ref));
      if (it != seen.end() && it->is_object()) {
        out.add(SeenItems::item_of(std::string(ref), *it, kind));
        return;
      }
    }
    throw Error(TRELLIS_ERR_NOT_FOUND, "feeds: no item '" + kit::repair_utf8(ref.substr(0, 200)) + "' in the feeds read so far");
  }

 private:
  // Fetches one feed and sends what is new or changed since `before`. Returns
  // the feed's new state; on failure sets `why` (and the state is ignored).
  nlohmann::json sync_feed(const std::string& url, const nlohmann::json& before, ItemKind kind, ItemSink& out,
                           const Cancel& cancel, std::string& why) {
    auto text_at = [&](const char* key) {
      auto it = before.find(key);
      return it != before.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    FeedValidators last;
    if (before.contains("items")) last = {text_at("etag"), text_at("modified")};  // only once read in full
    FetchedFeed fetched;
    if (!fetch_feed(host_, url, last, timeout_ms(), cancel, fetched, why)) return before;
    if (fetched.unchanged) return before;
    Feed feed;
    if (!parse_feed(fetched.body, url, feed, why)) return before;

    nlohmann::json old_items = before.value("items", nlohmann::json::object());
    if (!old_items.is_object()) old_items = nlohmann::json::object();
    nlohmann::json items = nlohmann::json::object();
    nlohmann::json seen = seen_.load(url);
    size_t limit = max_items();
    for (size_t i = 0; i < feed.entries.size() && i < limit; ++i) {
      cancel.check();
      const FeedEntry& e = feed.entries[i];
      if (e.title.empty() && e.body.empty()) continue;  // nothing a person could recognise
      std::string fp = fingerprint_of(e);
      items[e.ref] = fp;
      if (auto was = old_items.find(e.ref); was != old_items.end() && *was == fp) continue;
      KnowledgeItem item;
      item.kind = kind;
      item.ref = e.ref;
      item.url = e.link;
      item.title = e.title.empty() ? kit::excerpt_of(e.body, 80) : e.title;
      item.author = e.author;
      item.updated = e.updated;
      item.body = e.body;
      item.tags = joined(e.tags);
      item.snippet = kit::excerpt_of(e.body);
      out.add(item);
      seen[e.ref] = SeenItems::entry_of(item);
    }
    seen_.store(url, seen);
    nlohmann::json state = {{"items", std::move(items)}};
    if (!fetched.validators.etag.empty()) state["etag"] = fetched.validators.etag;
    if (!fetched.validators.modified.empty()) state["modified"] = fetched.validators.modified;
    return state;
  }

  std::vector<std::string> configured_urls_or_none() const {
    std::vector<std::string> urls;
    std::string text = host_.setting("urls").value_or("");
    for (char& c : text)
      if (c == ',' || c == '\n' || c == '\r' || c == '\t') c = ' ';
    size_t at = 0;
    while (at < text.size()) {
      size_t end = text.find(' ', at);
      if (end == std::string::npos) end = text.size();
      std::string url = text.substr(at, end - at);
      at = end + 1;
      if (url.empty()) continue;
      std::string lower = kit::ascii_lower(url.substr(0, 8));
      if (lower.rfind("http://", 0) != 0 && lower.rfind("https://", 0) != 0) {
        host_.warn("feeds: '" + kit::repair_utf8(url) + "' in the setting 'urls' is not an http(s) URL; ignored");
        continue;
      }
      if (std::find(urls.begin(), urls.end(), url) == urls.end()) urls.push_back(url);
    }
    return urls;
  }

  std::vector<std::string> configured_urls() const {
    auto urls = configured_urls_or_none();
    if (urls.empty())
      throw InvalidInput("feeds: the setting 'urls' holds no http(s) feed URL; set it with "
                         "`trellis plugin configure feeds urls=https://forum.example/latest.rss`");
    return urls;
  }

  ItemKind configured_kind() const {
    std::string name = host_.setting("kind").value_or("discussion");
    bool known = true;
    ItemKind kind = kind_named(name, known);
    if (!known) host_.warn("feeds: kind '" + kit::repair_utf8(name) + "' is not discussion, document or event; using discussion");
    return kind;
  }

  size_t max_items() const { return static_cast<size_t>(integer_setting("max_items", 100, 1, 100000)); }
  uint32_t timeout_ms() const { return static_cast<uint32_t>(integer_setting("timeout_ms", 20000, 100, 600000)); }

  long long integer_setting(const char* key, long long fallback, long long low, long long high) const {
    try {
      long long v = std::stoll(host_.setting(key).value_or(std::to_string(fallback)));
      return std::clamp(v, low, high);
    } catch (...) {
      return fallback;
    }
  }

  Host host_;
  SeenItems seen_;
};

}  // namespace trellis::feeds

TRELLIS_PLUGIN(trellis::feeds::Feeds, "feeds", "1.0.0")
