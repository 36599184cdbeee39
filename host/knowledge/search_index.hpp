// What other domains write into knowledge search: the entry of one searchable
// thing they own (native threads and posts today), put or removed inside the
// transaction of their own change. The rest of the index is knowledge's own
// (index_store.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::knowledge {

// What one searchable thing looks like to the index. (kind, source, ref) is its
// identity: putting the same identity again replaces it.
struct IndexEntry {
  std::string kind;    // module | thread | post | document | expert | event
  std::string source;  // "catalog", "native", or the connector plugin's id
  std::string ref;     // unique within (kind, source): a module id, thread id, the connector's ref
  std::string title;   // non-empty
  std::string body;    // plain text (Markdown is fine) that search matches against
  std::string url;
  std::string tags;    // comma-separated
  std::string author;
  std::string updated;  // RFC 3339; empty when unknown
  std::optional<std::string> module_id;  // catalog modules.id this belongs to, if any
  // The native thread this entry is (a thread) or belongs to (a reply), so a
  // result names its thread and a reply is told from its thread.
  std::optional<std::string> thread_id = std::nullopt;
};

// Inserts or replaces. Refuses an unknown kind or an empty title/source/ref.
Status put_entry(store::Database& db, const IndexEntry& entry);
// Removing what is not there is not an error.
Status remove_entry(store::Database& db, std::string_view kind, std::string_view source, std::string_view ref);
}  // namespace trellis::knowledge
