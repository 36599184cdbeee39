// Base class for a knowledge connector (capability trellis.connector/1).
//
// Override search(); override fetch(), sync() and post() when the source can do
// them. The wrapper tells the host which ones exist (the table gets NULL for
// the others), so the host never calls what the connector does not offer.
#ifndef TRELLIS_CPP_CONNECTOR_HPP
#define TRELLIS_CPP_CONNECTOR_HPP

#include <string>
#include <string_view>
#include <type_traits>

#include "trellis/connector.h"
#include "trellis/cpp/core.hpp"

namespace trellis {
inline namespace sdk1 {

struct SearchQuery {
  std::string course_id, module_id, title, description, keywords, language;
  std::string text, objectives;  // empty when the host's side is older
  uint32_t max_results = 10;
  uint32_t kinds = 0;  // bit set of (1u << TRELLIS_ITEM_*); 0 = every kind

  bool wants(int32_t kind) const { return kinds == 0 || (kinds & (1u << kind)) != 0; }
  bool about_module() const { return !module_id.empty(); }
};

enum class ItemKind : int32_t {
  discussion = TRELLIS_ITEM_DISCUSSION,
  document = TRELLIS_ITEM_DOCUMENT,
  expert = TRELLIS_ITEM_EXPERT,
  event = TRELLIS_ITEM_EVENT,
};

struct KnowledgeItem {
  ItemKind kind = ItemKind::document;
  std::string url, title, snippet, ref;
  double score = 0.0;
  std::string author, updated, body, tags;
  bool deleted = false;
};

class ItemSink {
 public:
  explicit ItemSink(const trellis_item_sink* s) : s_(s) {}
  // False once the host has as many items as it asked for: stop producing.
  // An item the host refuses (bad URL, empty title) is skipped, not fatal.
  bool add(const KnowledgeItem& item) {
    trellis_knowledge_item raw{};
    raw.struct_size = sizeof raw;
    raw.kind = static_cast<int32_t>(item.kind);
    raw.url = to_str(item.url);
    raw.title = to_str(item.title);
    raw.snippet = to_str(item.snippet);
    raw.ref = to_str(item.ref);
    raw.score = item.score;
    raw.author = to_str(item.author);
    raw.updated = to_str(item.updated);
    raw.body = to_str(item.body);
    raw.tags = to_str(item.tags);
    raw.deleted = item.deleted ? 1 : 0;
    trellis_status st = s_->add(s_->ctx, &raw);
    if (st == TRELLIS_ERR_LIMIT) return false;
    if (st == TRELLIS_OK || st == TRELLIS_ERR_INVALID_INPUT) return true;
    throw Error(st, "the host could not take an item");
  }

 private:
  const trellis_item_sink* s_;
};

struct ThreadDraft {
  std::string course_id, module_id, title, body, author, tags;
};

class Connector {
 public:
  virtual ~Connector() = default;
  virtual const char* source_name() const = 0;
  virtual void search(const SearchQuery& query, ItemSink& out, const Cancel& cancel) = 0;

  // Optional. Not overriding one leaves its table entry NULL.
  virtual void fetch(std::string_view /*ref*/, ItemSink& /*out*/, const Cancel& /*cancel*/) {
    throw Error(TRELLIS_ERR_UNSUPPORTED, "this connector cannot fetch items");
  }
  // Returns the cursor to hand back next time.
  virtual std::string sync(std::string_view /*cursor*/, ItemSink& /*out*/, const Cancel& /*cancel*/) {
    throw Error(TRELLIS_ERR_UNSUPPORTED, "this connector has nothing to sync");
  }
  virtual void post(const ThreadDraft& /*thread*/, ItemSink& /*created*/, const Cancel& /*cancel*/) {
    throw Error(TRELLIS_ERR_UNSUPPORTED, "this source is read-only");
  }
};

namespace detail {
// Which optional calls a connector class T overrides, known at compile time: a
// member T does not redeclare still has Connector's member-pointer type.
template <typename T>
struct ConnectorOverrides {
  static constexpr bool fetch = !std::is_same_v<decltype(&T::fetch), decltype(&Connector::fetch)>;
  static constexpr bool sync = !std::is_same_v<decltype(&T::sync), decltype(&Connector::sync)>;
  static constexpr bool post = !std::is_same_v<decltype(&T::post), decltype(&Connector::post)>;
};
}  // namespace detail

}  // namespace sdk1
}  // namespace trellis

#endif
