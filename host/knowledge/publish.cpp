#include "knowledge/publish.hpp"

#include "knowledge/connector_sync.hpp"
#include "knowledge/index_store.hpp"
#include "knowledge/module_index.hpp"
#include "store/store.hpp"

namespace trellis::knowledge {

Result<ModuleLink> publish_module_thread(store::Database& db, const PublishRequest& request,
                                         const std::vector<ConnectorRef>& connectors, const ConnectorDriver& driver) {
  auto module = find_module(db, request.module_id);
  if (!module) return module.error();
  if (!module->has_value()) return make_error(ErrorKind::not_found, "no module with id " + request.module_id);
  const ConnectorRef* connector = find_connector(connectors, request.plugin_id);
  if (connector == nullptr)
    return make_error(ErrorKind::not_found, "'" + request.plugin_id + "' is not an enabled connector plugin");

  const auto& m = **module;
  ThreadDraft draft{m.course_id, m.identifier, request.title, request.body, request.author, m.keywords};
  if (draft.title.empty()) draft.title = "Discussion: " + m.title;
  if (draft.body.empty())
    draft.body = (m.description.empty() ? "" : m.description + "\n\n") + "Questions, experience and tips about \"" +
                 m.title + "\" (course \"" + m.course_title + "\").";
  auto posted = driver.post(*connector, draft);
  if (posted.status != CallStatus::ok)
    return make_error(posted.status == CallStatus::unsupported ? ErrorKind::conflict : ErrorKind::environment,
                      "'" + request.plugin_id + "' could not open the thread: " + posted.error);
  if (posted.items.empty())
    return make_error(ErrorKind::environment,
                      "'" + request.plugin_id + "' reported success but handed back no thread (or only refused items)");
  const auto& created = posted.items.front();
  if (created.kind != TRELLIS_ITEM_DISCUSSION)
    return make_error(ErrorKind::environment, "'" + request.plugin_id + "' handed back a " +
                                                  index_kind(created.kind) + ", not a discussion thread");
  if (created.ref.empty())
    return make_error(ErrorKind::environment, "'" + request.plugin_id + "' handed back a thread without a ref");

  IndexEntry entry{"thread",        request.plugin_id, created.ref,    created.title.empty() ? draft.title : created.title,
                   created.body.empty() ? draft.body : created.body, created.url,       created.tags,   created.author.empty() ? request.author : created.author,
                   created.updated, request.module_id};
  ModuleLink link{request.module_id, {entry.kind, entry.source, entry.ref}, entry.title, entry.url, 1.0, false,
                  request.actor, ""};
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  TRELLIS_TRY(put_entry(db, entry));
  TRELLIS_TRY(attach_link(db, link));
  TRELLIS_TRY(store::audit(db, request.actor, "module.publish", request.module_id, link.item.str()));
  TRELLIS_TRY(tx->commit());
  return link;
}

}  // namespace trellis::knowledge
