#include "http/lrs/lrs_routes.hpp"

#include <memory>

#include "http/lrs/documents_resource.hpp"
#include "http/lrs/info_resources.hpp"
#include "http/lrs/statements_resource.hpp"
#include "http/route_rules.hpp"

namespace trellis {
namespace {

// The body limit of each resource's POST and PUT, by what it accepts (GET and
// DELETE take kSmallBody). POST also carries the alternate request syntax,
// whose form body holds the content, so the same limit bounds it.
constexpr uint64_t kMiB = 1024 * 1024;
constexpr uint64_t kStatements = 64 * kMiB;       // batches with attachments (multipart/mixed)
constexpr uint64_t kDocuments = 16 * kMiB;        // state and profile documents
constexpr uint64_t kReadOnly = http::kSmallBody;  // GET-only resources: at most an alternate-syntax form

void preflight(http::Request& req, http::Response& res) {
  res.set_header("Access-Control-Allow-Origin", req.headers.has("Origin") ? req.header("Origin") : "*");
  res.set_header("Access-Control-Allow-Methods", "HEAD, GET, POST, PUT, DELETE, OPTIONS");
  res.set_header("Access-Control-Allow-Headers",
                 "Content-Type, Content-Length, Authorization, If-Match, If-None-Match, X-Experience-API-Version, "
                 "Accept-Language");
  res.status = 204;
}

}  // namespace

void register_lrs_routes(http::Router& router, Runtime& runtime) {
  // Owned by the handlers and guards, which live as long as the router.
  auto ctx = std::make_shared<lrs::LrsContext>(runtime);
  auto mount = [&router, ctx](const std::string& pattern, uint64_t write_limit, lrs::XapiHandler handler,
                              bool needs_auth = true) {
    http::Handler serve = [ctx, handler = std::move(handler), needs_auth](http::Request& req, http::Response& res) {
      lrs::serve_xapi(*ctx, req, res, handler, needs_auth);
    };
    http::Guard guard = [ctx, needs_auth](http::Request& req, http::Response& res) {
      return lrs::xapi_guard(*ctx, req, res, needs_auth);
    };
    router.add(http::route("GET", pattern, serve, guard));  // and HEAD
    router.add(http::route("POST", pattern, serve, guard, http::BodyMode::memory, write_limit));
    router.add(http::route("PUT", pattern, serve, guard, http::BodyMode::memory, write_limit));
    router.add(http::route("DELETE", pattern, serve, guard));
    // CORS preflight: no key (browsers send none), no body.
    router.add(http::route("OPTIONS", pattern, &preflight));
  };
  using records::DocumentKind;
  mount("/xapi/statements", kStatements, &lrs::statements_resource);
  mount("/xapi/activities/state", kDocuments, [](lrs::LrsContext& c, const lrs::XapiRequest& q, http::Response& s) {
    lrs::document_resource(DocumentKind::state, c, q, s);
  });
  mount("/xapi/activities/profile", kDocuments, [](lrs::LrsContext& c, const lrs::XapiRequest& q, http::Response& s) {
    lrs::document_resource(DocumentKind::activity_profile, c, q, s);
  });
  mount("/xapi/agents/profile", kDocuments, [](lrs::LrsContext& c, const lrs::XapiRequest& q, http::Response& s) {
    lrs::document_resource(DocumentKind::agent_profile, c, q, s);
  });
  mount("/xapi/activities", kReadOnly, &lrs::activities_resource);
  mount("/xapi/agents", kReadOnly, &lrs::agents_resource);
  mount("/xapi/about", kReadOnly, &lrs::about_resource, false);
}

}  // namespace trellis
