#include "trellis/testing/connector.hpp"

namespace trellis::testing {
namespace {
const trellis_connector_v1* connector_of(const void* table) { return static_cast<const trellis_connector_v1*>(table); }
}  // namespace

std::string LoadedConnector::source_name() const {
  return loaded() && connector_of(table())->source_name ? connector_of(table())->source_name : "";
}
bool LoadedConnector::offers_fetch() const { return loaded() && testing::offers_fetch(connector_of(table())); }
bool LoadedConnector::offers_sync() const { return loaded() && testing::offers_sync(connector_of(table())); }
bool LoadedConnector::offers_post() const { return loaded() && testing::offers_post(connector_of(table())); }

namespace {
template <typename F>
ConnectorRun unless_unloaded(const LoadedConnector& self, const std::string& why, F&& call) {
  if (self.loaded()) return call();
  ConnectorRun run;
  run.status = TRELLIS_ERR_INTERNAL;
  run.error = why;
  return run;
}
}  // namespace

ConnectorRun LoadedConnector::search(const TestQuery& query) const {
  return unless_unloaded(*this, not_loaded(), [&] {
    CallOptions options;
    options.cancel = cancel().token();
    options.limit = query.max_results;
    return search_with(connector_of(table()), state(), query, options);
  });
}

ConnectorRun LoadedConnector::fetch(std::string_view ref) const {
  return unless_unloaded(*this, not_loaded(), [&] {
    CallOptions options;
    options.cancel = cancel().token();
    options.limit = 1;
    return fetch_with(connector_of(table()), state(), ref, options);
  });
}

ConnectorRun LoadedConnector::sync(std::string_view cursor) const {
  return unless_unloaded(*this, not_loaded(), [&] {
    CallOptions options;
    options.cancel = cancel().token();
    return sync_with(connector_of(table()), state(), cursor, options);
  });
}

ConnectorRun LoadedConnector::post(const TestDraft& draft) const {
  return unless_unloaded(*this, not_loaded(), [&] {
    CallOptions options;
    options.cancel = cancel().token();
    return post_with(connector_of(table()), state(), draft, options);
  });
}

}  // namespace trellis::testing
