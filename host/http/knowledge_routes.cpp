#include "http/knowledge_routes.hpp"

#include "json/bounded_parse.hpp"
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

#include "http/admin_gate.hpp"
#include "http/job_routes.hpp"
#include "core/log.hpp"
#include "knowledge/connector_sync.hpp"
#include "knowledge/link_store.hpp"
#include "knowledge/publish.hpp"
#include "knowledge/index_store.hpp"
#include "knowledge/result_links.hpp"
#include "knowledge/module_index.hpp"
#include "knowledge/search_service.hpp"
#include "knowledge/suggestions.hpp"
#include "http/problem.hpp"
#include "http/read_gate.hpp"
#include "http/route_rules.hpp"
#include "store/store.hpp"

namespace trellis {
namespace {

constexpr const char* kModule = "/api/v1/modules/{id}";

// The admin routes' JSON bodies ({"item": ...}, a thread to publish): small documents.
constexpr uint64_t kJsonBody = 1024 * 1024;

Result<int> limit_param(const http::Request& req, int fallback) {
  if (!req.has_query("limit")) return fallback;
  std::string v = req.query_or("limit", "");
  int n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size())
    return make_error(ErrorKind::invalid_input, "limit must be a whole number, not '" + v.substr(0, 40) + "'");
  return n;
}

// kind=thread&kind=expert or kind=thread,expert
std::vector<std::string> kinds_param(const http::Request& req) {
  std::vector<std::string> kinds;
  auto [first, last] = req.query.equal_range("kind");
  for (auto it = first; it != last; ++it) {
    const std::string& v = it->second;
    size_t start = 0;
    while (start <= v.size()) {
      size_t comma = v.find(',', start);
      if (comma == std::string::npos) comma = v.size();
      if (comma > start) kinds.push_back(v.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return kinds;
}

struct ModuleContext {
  store::Lease lease;
  knowledge::ModuleText module;
};

// The module named in the path, or a problem already sent.
std::optional<ModuleContext> module_or_404(Runtime& runtime, const http::Request& req, http::Response& res) {
  auto lease = runtime.pool.acquire();
  if (!lease) {
    http::send_error(res, lease.error());
    return std::nullopt;
  }
  const std::string& id = req.capture(0);
  auto module = knowledge::find_module(**lease, id);
  if (!module) {
    http::send_error(res, module.error());
    return std::nullopt;
  }
  if (!module->has_value()) {
    http::send_problem(res, 404, "Not Found", "no module with id " + id);
    return std::nullopt;
  }
  return ModuleContext{std::move(lease).value(), std::move(module->value())};
}

Result<knowledge::ConnectorDriver> driver_for(store::Database& db) {
  auto settings = knowledge::load_knowledge_settings(db);
  if (!settings) return settings.error();
  return knowledge::ConnectorDriver(knowledge::driver_options(*settings));
}

// What a route needs to call connectors: the enabled ones and a driver with the home's deadlines.
struct ConnectorCalls {
  std::vector<knowledge::ConnectorRef> connectors;
  knowledge::ConnectorDriver driver;
};

Result<ConnectorCalls> connector_calls(Runtime& runtime, store::Database& db) {
  auto manager = runtime.plugins();
  if (!manager) return manager.error();
  auto driver = driver_for(db);
  if (!driver) return driver.error();
  return ConnectorCalls{manager.value()->connectors(), std::move(*driver)};
}

// Who the audit names for a change an admin made over HTTP: "api:KEY".
std::string actor(const http::Request& req) {
  const lrs::Principal* admin = caller_of(req);
  return "api:" + (admin ? admin->key : std::string("unknown"));
}

// Anyone may search; a key with scope 'all' also finds threads, posts and
// experts. Asking for a kind the caller may not read is answered as the route
// behind it would answer (401/403), not with an empty page.
void search_route(Runtime& runtime, http::Request& req, http::Response& res) {
  auto access = read_access(runtime, req, res);
  if (!access) return;
  auto q = req.query_value("q");
  if (!q) return http::send_problem(res, 400, "Bad Request", "the query parameter q is required");
  auto limit = limit_param(req, 20);
  if (!limit) return http::send_error(res, limit.error());
  knowledge::SearchRequest request;
  request.text = *q;
  request.kinds = kinds_param(req);
  request.limit = *limit;
  request.access = *access;
  for (const auto& k : request.kinds)
    if (knowledge::is_known_kind(k) && !allow_kind(*access, k, req, res)) return;
  auto lease = runtime.pool.acquire();
  if (!lease) return http::send_error(res, lease.error());
  auto found = knowledge::search(**lease, request);
  if (!found) return http::send_error(res, found.error());
  http::send_json(res, 200, knowledge::to_json(*found).dump());
}

// A document of the index as text, for results whose own URL no browser can
// open (a file on the server). The text is what the connector handed over,
// never HTML the host would render: nosniff keeps a browser from guessing.
void document_route(Runtime& runtime, http::Request& req, http::Response& res) {
  auto access = read_access(runtime, req, res);
  if (!access || !allow_kind(*access, "document", req, res)) return;
  auto lease = runtime.pool.acquire();
  if (!lease) return http::send_error(res, lease.error());
  auto entry = knowledge::find_entry(**lease, "document", req.capture(0), req.capture(1));
  if (!entry) return http::send_error(res, entry.error());
  if (!entry->has_value())
    return http::send_problem(res, 404, "Not Found",
                              "no document '" + req.capture(1) + "' from '" + req.capture(0) + "' in the knowledge index");
  res.status = 200;
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_body((*entry)->body, "text/plain; charset=utf-8");
}

void register_search_routes(http::Router& r, Runtime& runtime) {
  r.get("/api/v1/search", [&runtime](http::Request& req, http::Response& res) { search_route(runtime, req, res); });
  r.get(std::string(knowledge::kDocumentsPath) + "{source}/{ref}",
        [&runtime](http::Request& req, http::Response& res) { document_route(runtime, req, res); });
}

// The sync's answer as the synchronous route gave it: the report, with 200, or
// 502 when the connector failed (the report says why; its "status" is the
// sync's, so it is not made a problem document).
JobOutcome sync_outcome(const knowledge::SyncReport& report) {
  JobOutcome out;
  out.result = knowledge::to_json(report);
  if (report.ok() || report.skipped()) return out;  // skipped: not configured, nothing was asked
  out.status_hint = 502;
  out.failed = true;
  out.error = report.error;
  return out;
}

// An unknown connector is refused at once; a known one syncs as a job on the
// work lane (a first sync may hand over a whole source: minutes, not a request).
void sync_connector(Runtime& runtime, const http::Request& req, http::Response& res) {
  const std::string& id = req.capture(0);
  auto manager = runtime.plugins();
  if (!manager) return http::send_error(res, manager.error());
  if (knowledge::find_connector(manager.value()->connectors(), id) == nullptr)
    return http::send_problem(res, 404, "Not Found", "no enabled connector plugin '" + id + "'");
  const auto* caller = caller_of(req);
  auto job = runtime.jobs().submit(
      "work", "sync", caller ? caller->key : "", [&runtime, id](JobProgress& progress) -> Result<JobOutcome> {
        // Asked again: the plugins may have been reloaded while the job waited its turn.
        auto manager = runtime.plugins();
        if (!manager) return manager.error();
        auto connectors = manager.value()->connectors();  // find_connector points into it
        const auto* connector = knowledge::find_connector(connectors, id);
        if (connector == nullptr) return make_error(ErrorKind::not_found, "no enabled connector plugin '" + id + "'");
        auto lease = runtime.pool.acquire();
        if (!lease) return lease.error();
        auto driver = driver_for(**lease);
        if (!driver) return driver.error();
        auto report = knowledge::sync_connector(**lease, *connector, *driver, progress.as_progress_fn());
        if (!report) return report.error();
        return sync_outcome(*report);
      });
  answer_with_job(runtime, job, req, res);
}

void register_connector_routes(http::Router& r, Runtime& runtime) {
  r.add(http::route("GET", "/api/v1/connectors",
         [&runtime](http::Request&, http::Response& res) {
           auto manager = runtime.plugins();
           if (!manager) return http::send_error(res, manager.error());
           auto lease = runtime.pool.acquire();
           if (!lease) return http::send_error(res, lease.error());
           auto list = knowledge::connector_status(**lease, *manager.value());
           if (!list) return http::send_error(res, list.error());
           http::send_json(res, 200, nlohmann::json{{"connectors", *list}}.dump());
         },
         admin_guard(runtime)));
  // Takes no body: the small default limit. Answers 202 with a job (or, with
  // Prefer: wait=N, the sync's report when it ends in time).
  r.add(http::route("POST", "/api/v1/connectors/{id}/sync",
         [&runtime](http::Request& req, http::Response& res) { sync_connector(runtime, req, res); },
         http::id_guard(&http::is_connector_id, admin_guard(runtime))));
}

void attach_link(Runtime& runtime, const http::Request& req, http::Response& res) {
  auto parsed = parse_json(req.body);
  if (!parsed) return http::send_error(res, parsed.error());
  auto body = std::move(parsed).value();
  if (body.is_discarded() || !body.is_object() || !body.contains("item") || !body["item"].is_string())
    return http::send_problem(res, 400, "Bad Request", R"(send {"item": "KIND:SOURCE:REF"} as JSON)");
  auto item = knowledge::parse_item_id(body["item"].get<std::string>());
  if (!item) return http::send_error(res, item.error());
  auto ctx = module_or_404(runtime, req, res);
  if (!ctx) return;
  auto calls = connector_calls(runtime, *ctx->lease);
  if (!calls) return http::send_error(res, calls.error());
  auto link = knowledge::attach_item(*ctx->lease, ctx->module.module_id, *item, actor(req), calls->connectors,
                                     calls->driver);
  if (!link) return http::send_error(res, link.error());
  http::send_json(res, 201, knowledge::to_json(*link).dump());
}

// Opens a thread about the module in an outside community and attaches it.
void publish_thread(Runtime& runtime, const http::Request& req, http::Response& res) {
  auto parsed = parse_json(req.body);
  if (!parsed) return http::send_error(res, parsed.error());
  auto body = std::move(parsed).value();
  if (body.is_discarded() || !body.is_object() || !body.contains("connector") || !body["connector"].is_string())
    return http::send_problem(res, 400, "Bad Request",
                              R"(send {"connector": "PLUGIN-ID", "title": "...", "body": "...", "author": "..."})");
  auto ctx = module_or_404(runtime, req, res);
  if (!ctx) return;
  auto calls = connector_calls(runtime, *ctx->lease);
  if (!calls) return http::send_error(res, calls.error());
  knowledge::PublishRequest request{ctx->module.module_id, body["connector"].get<std::string>(),
                                    body.value("title", std::string()), body.value("body", std::string()),
                                    body.value("author", std::string()), actor(req)};
  auto link = knowledge::publish_module_thread(*ctx->lease, request, calls->connectors, calls->driver);
  if (!link) return http::send_error(res, link.error());
  http::send_json(res, 201, knowledge::to_json(*link).dump());
}

void detach_link(Runtime& runtime, const http::Request& req, http::Response& res) {
  auto text = req.query_value("item");
  if (!text) return http::send_problem(res, 400, "Bad Request", "the query parameter item (KIND:SOURCE:REF) is required");
  auto item = knowledge::parse_item_id(*text);
  if (!item) return http::send_error(res, item.error());
  auto ctx = module_or_404(runtime, req, res);
  if (!ctx) return;
  auto& db = *ctx->lease;
  auto tx = store::Transaction::begin(db);
  if (!tx) return http::send_error(res, tx.error());
  auto removed = knowledge::detach_link(db, ctx->module.module_id, *item);
  if (!removed) return http::send_error(res, removed.error());
  if (!*removed)
    return http::send_problem(res, 404, "Not Found", "item " + item->str() + " is not attached to this module");
  if (auto st = store::audit(db, actor(req), "module.detach", ctx->module.module_id, item->str()); !st)
    return http::send_error(res, st.error());
  if (auto st = tx->commit(); !st) return http::send_error(res, st.error());
  res.status = 204;
}

void list_suggestions(Runtime& runtime, const http::Request& req, http::Response& res) {
  auto limit = limit_param(req, 20);
  if (!limit) return http::send_error(res, limit.error());
  if (*limit < 1 || *limit > 100)
    return http::send_problem(res, 422, "Unprocessable Content", "limit must be between 1 and 100");
  auto ctx = module_or_404(runtime, req, res);
  if (!ctx) return;
  auto calls = connector_calls(runtime, *ctx->lease);
  if (!calls) return http::send_error(res, calls.error());
  auto found = knowledge::suggest_for_module(*ctx->lease, ctx->module, calls->connectors, calls->driver, *limit);
  if (!found) return http::send_error(res, found.error());
  // An admin key proposes what it may read: people only with the 'all' scope too.
  auto access = knowledge::ReadAccess::for_caller(caller_of(req));
  auto& list = found->suggestions;
  list.erase(std::remove_if(list.begin(), list.end(),
                            [&](const knowledge::Suggestion& s) { return !access.may_read(s.item.kind); }),
             list.end());
  http::send_json(res, 200, knowledge::to_json(*found).dump());
}

void register_link_routes(http::Router& r, Runtime& runtime) {
  const std::string links = std::string(kModule) + "/links";
  // Reading a module's links needs no key (as before); the id rule still applies,
  // and what names people is left out for a caller without the 'all' scope.
  r.add(http::route("GET", links,
         [&runtime](http::Request& req, http::Response& res) {
           auto access = read_access(runtime, req, res);
           if (!access) return;
           auto ctx = module_or_404(runtime, req, res);
           if (!ctx) return;
           auto found = knowledge::module_links(*ctx->lease, ctx->module.module_id);
           if (!found) return http::send_error(res, found.error());
           nlohmann::json body = {{"module_id", ctx->module.module_id}, {"links", nlohmann::json::array()}};
           // The read rule of search: an attached expert or thread shows to a key holder only.
           for (const auto& l : *found)
             if (access->may_read(l.item.kind)) body["links"].push_back(knowledge::to_json(l));
           http::send_json(res, 200, body.dump());
         },
         http::id_guard(&http::is_slug)));
  auto admin = [&runtime] { return http::id_guard(&http::is_slug, admin_guard(runtime)); };
  r.add(http::route("POST", links, [&runtime](http::Request& req, http::Response& res) { attach_link(runtime, req, res); },
         admin(), http::BodyMode::memory, kJsonBody));
  r.add(http::route("POST", std::string(kModule) + "/publish",
         [&runtime](http::Request& req, http::Response& res) { publish_thread(runtime, req, res); }, admin(),
         http::BodyMode::memory, kJsonBody));
  r.add(http::route("DELETE", links, [&runtime](http::Request& req, http::Response& res) { detach_link(runtime, req, res); },
         admin()));
  r.add(http::route("GET", std::string(kModule) + "/suggestions",
         [&runtime](http::Request& req, http::Response& res) { list_suggestions(runtime, req, res); }, admin()));
}

}  // namespace

void register_knowledge_routes(http::Router& router, Runtime& runtime) {
  // Courses imported before knowledge search existed become searchable now.
  if (auto lease = runtime.pool.acquire(); lease) {
    auto done = knowledge::backfill_module_index(**lease);
    if (!done)
      log::warn("knowledge", "indexing the modules of earlier imports failed: " + done.error().message);
    else if (*done > 0)
      log::info("knowledge", "indexed the modules of " + std::to_string(*done) + " earlier course(s)");
  }
  register_search_routes(router, runtime);
  register_connector_routes(router, runtime);
  register_link_routes(router, runtime);
}

}  // namespace trellis
