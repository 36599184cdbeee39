// Runs a connector's search, fetch, sync and post (trellis.connector/1) and
// collects every item it sends, the next cursor and the error text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "trellis/connector.h"

namespace trellis::testing {

struct CollectedItem {
  int32_t kind = -1;
  std::string url, title, snippet, ref;
  double score = 0;
  std::string author, updated, body, tags;  // ABI 1.1 fields; empty from a 1.0 item
  bool deleted = false;
};

struct ConnectorRun {
  int32_t status = -1;
  bool threw = false;   // an exception crossed the ABI boundary
  std::vector<CollectedItem> items;  // the items the sink took
  size_t offered = 0;   // every add call, taken or refused
  bool cursor_written = false;
  std::string next_cursor;
  std::string error;

  const CollectedItem* find(std::string_view ref) const;  // the last item with `ref`
  size_t count_deleted() const;
  size_t count_live() const { return items.size() - count_deleted(); }
};

struct TestQuery {
  std::string text, title, description, keywords, objectives, module_id, course_id, language;
  uint32_t max_results = 10;
  uint32_t kinds = 0;
};

struct TestDraft {
  std::string course_id, module_id, title, body, author, tags;
};

// Sees each item before the sink takes it; a status other than TRELLIS_OK
// refuses the item with that status. `item` may be NULL.
using ItemCheck = std::function<trellis_status(const trellis_knowledge_item* item)>;

struct CallOptions {
  const trellis_cancel* cancel = nullptr;  // NULL: the call cannot be cancelled
  size_t limit = SIZE_MAX;                 // items past it are answered TRELLIS_ERR_LIMIT, like the host
  ItemCheck check;
  size_t error_cap = SIZE_MAX;             // bytes kept of the error text and of the cursor
  size_t cursor_cap = SIZE_MAX;
};

// Each returns status TRELLIS_ERR_UNSUPPORTED, with an error, for a call the
// connector does not offer.
ConnectorRun search_with(const trellis_connector_v1* connector, void* state, const TestQuery& query,
                         const CallOptions& options);
ConnectorRun fetch_with(const trellis_connector_v1* connector, void* state, std::string_view ref,
                        const CallOptions& options);
ConnectorRun sync_with(const trellis_connector_v1* connector, void* state, std::string_view cursor,
                       const CallOptions& options);
ConnectorRun post_with(const trellis_connector_v1* connector, void* state, const TestDraft& draft,
                       const CallOptions& options);

bool offers_fetch(const trellis_connector_v1* connector);
bool offers_sync(const trellis_connector_v1* connector);
bool offers_post(const trellis_connector_v1* connector);

}  // namespace trellis::testing
