#include "trellis/testing/connector_run.hpp"

#include "trellis/cpp/core.hpp"
#include "trellis/testing/text_sink.hpp"

namespace trellis::testing {
namespace {

std::string copy(trellis_str s) { return std::string(to_view(s)); }

CollectedItem copy_of(const trellis_knowledge_item* raw) {
  CollectedItem item;
  item.kind = raw->kind;
  item.url = copy(raw->url);
  item.title = copy(raw->title);
  item.snippet = copy(raw->snippet);
  item.ref = copy(raw->ref);
  item.score = raw->score;
  if (TRELLIS_HAS_FIELD(raw, trellis_knowledge_item, deleted)) {
    item.author = copy(raw->author);
    item.updated = copy(raw->updated);
    item.body = copy(raw->body);
    item.tags = copy(raw->tags);
    item.deleted = raw->deleted != 0;
  }
  return item;
}

// The item sink of one call, and the sinks for its error text and cursor.
struct Call {
  ConnectorRun run;
  const CallOptions* options;
  TextSink error, cursor;
  trellis_item_sink sink{};

  explicit Call(const CallOptions& o) : options(&o), error(o.error_cap), cursor(o.cursor_cap) {
    sink.struct_size = sizeof sink;
    sink.ctx = this;
    sink.add = &Call::add;
  }
  static trellis_status add(void* ctx, const trellis_knowledge_item* raw) {
    auto* self = static_cast<Call*>(ctx);
    try {
      ++self->run.offered;
      if (self->options->check)
        if (trellis_status st = self->options->check(raw); st != TRELLIS_OK) return st;
      if (raw == nullptr) return TRELLIS_ERR_INVALID_ARGUMENT;
      if (self->run.items.size() >= self->options->limit) return TRELLIS_ERR_LIMIT;
      self->run.items.push_back(copy_of(raw));
      return TRELLIS_OK;
    } catch (...) {
      return TRELLIS_ERR_INTERNAL;
    }
  }
  template <typename F>
  ConnectorRun finish(F&& call) {
    try {
      run.status = call();
    } catch (...) {
      run.threw = true;
      run.status = TRELLIS_ERR_INTERNAL;
    }
    run.error = error.take();
    run.cursor_written = cursor.written();
    run.next_cursor = cursor.take();
    return std::move(run);
  }
};

ConnectorRun not_offered(const char* what) {
  ConnectorRun run;
  run.status = TRELLIS_ERR_UNSUPPORTED;
  run.error = std::string("the connector offers no ") + what;
  return run;
}

}  // namespace

const CollectedItem* ConnectorRun::find(std::string_view ref) const {
  for (auto it = items.rbegin(); it != items.rend(); ++it)
    if (it->ref == ref) return &*it;
  return nullptr;
}

size_t ConnectorRun::count_deleted() const {
  size_t n = 0;
  for (const auto& item : items) n += item.deleted ? 1 : 0;
  return n;
}

bool offers_fetch(const trellis_connector_v1* c) { return TRELLIS_HAS_FIELD(c, trellis_connector_v1, fetch) && c->fetch; }
bool offers_sync(const trellis_connector_v1* c) { return TRELLIS_HAS_FIELD(c, trellis_connector_v1, sync) && c->sync; }
bool offers_post(const trellis_connector_v1* c) { return TRELLIS_HAS_FIELD(c, trellis_connector_v1, post) && c->post; }

ConnectorRun search_with(const trellis_connector_v1* connector, void* state, const TestQuery& q,
                         const CallOptions& options) {
  trellis_search_query raw{};
  raw.struct_size = sizeof raw;
  raw.course_id = to_str(q.course_id);
  raw.module_id = to_str(q.module_id);
  raw.title = to_str(q.title);
  raw.description = to_str(q.description);
  raw.keywords = to_str(q.keywords);
  raw.language = to_str(q.language);
  raw.max_results = q.max_results;
  raw.text = to_str(q.text);
  raw.objectives = to_str(q.objectives);
  raw.kinds = q.kinds;
  Call call(options);
  return call.finish([&] { return connector->search(state, &raw, &call.sink, options.cancel, call.error.get()); });
}

ConnectorRun fetch_with(const trellis_connector_v1* connector, void* state, std::string_view ref,
                        const CallOptions& options) {
  if (!offers_fetch(connector)) return not_offered("fetch");
  Call call(options);
  return call.finish([&] { return connector->fetch(state, to_str(ref), &call.sink, options.cancel, call.error.get()); });
}

ConnectorRun sync_with(const trellis_connector_v1* connector, void* state, std::string_view cursor,
                       const CallOptions& options) {
  if (!offers_sync(connector)) return not_offered("sync");
  Call call(options);
  return call.finish([&] {
    return connector->sync(state, to_str(cursor), &call.sink, call.cursor.get(), options.cancel, call.error.get());
  });
}

ConnectorRun post_with(const trellis_connector_v1* connector, void* state, const TestDraft& d,
                       const CallOptions& options) {
  if (!offers_post(connector)) return not_offered("post");
  trellis_thread_draft raw{};
  raw.struct_size = sizeof raw;
  raw.course_id = to_str(d.course_id);
  raw.module_id = to_str(d.module_id);
  raw.title = to_str(d.title);
  raw.body = to_str(d.body);
  raw.author = to_str(d.author);
  raw.tags = to_str(d.tags);
  Call call(options);
  return call.finish([&] { return connector->post(state, &raw, &call.sink, options.cancel, call.error.get()); });
}

}  // namespace trellis::testing
