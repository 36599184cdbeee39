// The C entry points of trellis.connector/1, forwarding to a trellis::Connector.
// Included by plugin.hpp.
#ifndef TRELLIS_CPP_CONNECTOR_TRAMPOLINES_HPP
#define TRELLIS_CPP_CONNECTOR_TRAMPOLINES_HPP

#include <string>

#include "trellis/cpp/connector.hpp"
#include "trellis/cpp/trampoline.hpp"

namespace trellis {
inline namespace sdk1 {
namespace detail {

inline trellis_status connector_search(void* state, const trellis_search_query* q, const trellis_item_sink* out,
                                       const trellis_cancel* cancel, const trellis_sink* error) noexcept {
  return guarded(error, [&] {
    if (q == nullptr || out == nullptr) throw Error(TRELLIS_ERR_INVALID_ARGUMENT, "search needs a query and a sink");
    SearchQuery query;
    query.course_id = std::string(to_view(q->course_id));
    query.module_id = std::string(to_view(q->module_id));
    query.title = std::string(to_view(q->title));
    query.description = std::string(to_view(q->description));
    query.keywords = std::string(to_view(q->keywords));
    query.language = std::string(to_view(q->language));
    query.max_results = q->max_results;
    if (TRELLIS_HAS_FIELD(q, trellis_search_query, text)) query.text = std::string(to_view(q->text));
    if (TRELLIS_HAS_FIELD(q, trellis_search_query, objectives)) query.objectives = std::string(to_view(q->objectives));
    if (TRELLIS_HAS_FIELD(q, trellis_search_query, kinds)) query.kinds = q->kinds;
    if (query.max_results == 0) return;
    Cancel stop(cancel);
    if (stop.requested()) throw Error(TRELLIS_ERR_CANCELLED, "the search was cancelled before it started");
    ItemSink sink(out);
    instance(state)->connector->search(query, sink, stop);
  });
}

inline trellis_status connector_fetch(void* state, trellis_str ref, const trellis_item_sink* out,
                                      const trellis_cancel* cancel, const trellis_sink* error) noexcept {
  return guarded(error, [&] {
    if (out == nullptr) throw Error(TRELLIS_ERR_INVALID_ARGUMENT, "fetch needs a sink");
    ItemSink sink(out);
    instance(state)->connector->fetch(to_view(ref), sink, Cancel(cancel));
  });
}

inline trellis_status connector_sync(void* state, trellis_str cursor, const trellis_item_sink* out,
                                     const trellis_sink* next_cursor, const trellis_cancel* cancel,
                                     const trellis_sink* error) noexcept {
  return guarded(error, [&] {
    if (out == nullptr || next_cursor == nullptr)
      throw Error(TRELLIS_ERR_INVALID_ARGUMENT, "sync needs an item sink and a cursor sink");
    Cancel stop(cancel);
    if (stop.requested()) throw Error(TRELLIS_ERR_CANCELLED, "the sync was cancelled before it started");
    ItemSink sink(out);
    std::string next = instance(state)->connector->sync(to_view(cursor), sink, stop);
    write_to(next_cursor, next);
  });
}

inline trellis_status connector_post(void* state, const trellis_thread_draft* t, const trellis_item_sink* created,
                                     const trellis_cancel* cancel, const trellis_sink* error) noexcept {
  return guarded(error, [&] {
    if (t == nullptr || created == nullptr) throw Error(TRELLIS_ERR_INVALID_ARGUMENT, "post needs a thread and a sink");
    ThreadDraft draft{std::string(to_view(t->course_id)), std::string(to_view(t->module_id)),
                      std::string(to_view(t->title)),     std::string(to_view(t->body)),
                      std::string(to_view(t->author)),    std::string(to_view(t->tags))};
    ItemSink sink(created);
    instance(state)->connector->post(draft, sink, Cancel(cancel));
  });
}

// Makes `inst` serve trellis.connector/1 through `connector` (called from
// init). T is the plugin's class: the optional calls it does not override stay
// NULL in the table, so the host never calls them.
template <typename T>
void attach_connector(Instance& inst, T& connector) {
  inst.connector = &connector;
  trellis_connector_v1& table = inst.connector_table;
  table.struct_size = sizeof table;
  table.source_name = inst.connector->source_name();
  table.search = &connector_search;
  table.fetch = ConnectorOverrides<T>::fetch ? &connector_fetch : nullptr;
  table.sync = ConnectorOverrides<T>::sync ? &connector_sync : nullptr;
  table.post = ConnectorOverrides<T>::post ? &connector_post : nullptr;
}

}  // namespace detail
}  // namespace sdk1
}  // namespace trellis

#endif
