#include "http/lrs/lrs_routes.hpp"

#include <httplib.h>

#include <memory>

#include "http/lrs/documents_resource.hpp"
#include "http/lrs/info_resources.hpp"
#include "http/lrs/statements_resource.hpp"

namespace trellis {

void register_lrs_routes(http::HttpServer& server, Runtime& runtime) {
  // Owned by the handlers, which live as long as the server.
  auto ctx = std::make_shared<lrs::LrsContext>(runtime);
  auto& r = server.routes();
  auto mount = [&r, ctx](const std::string& pattern, lrs::XapiHandler handler, bool needs_auth = true) {
    auto serve = [ctx, handler, needs_auth](const httplib::Request& req, httplib::Response& res) {
      lrs::serve_xapi(*ctx, req, res, handler, needs_auth);
    };
    r.Get(pattern, serve);
    r.Post(pattern, serve);
    r.Put(pattern, serve);
    r.Delete(pattern, serve);
    r.Options(pattern, [serve](const httplib::Request& req, httplib::Response& res) {
      res.set_header("Access-Control-Allow-Origin", req.has_header("Origin") ? req.get_header_value("Origin") : "*");
      res.set_header("Access-Control-Allow-Methods", "HEAD, GET, POST, PUT, DELETE, OPTIONS");
      res.set_header("Access-Control-Allow-Headers",
                     "Content-Type, Content-Length, Authorization, If-Match, If-None-Match, X-Experience-API-Version, "
                     "Accept-Language");
      res.status = 204;
    });
  };
  using records::DocumentKind;
  mount(R"(/xapi/statements/?)", &lrs::statements_resource);
  mount(R"(/xapi/activities/state/?)", [](lrs::LrsContext& c, const lrs::XapiRequest& q, httplib::Response& s) {
    lrs::document_resource(DocumentKind::state, c, q, s);
  });
  mount(R"(/xapi/activities/profile/?)", [](lrs::LrsContext& c, const lrs::XapiRequest& q, httplib::Response& s) {
    lrs::document_resource(DocumentKind::activity_profile, c, q, s);
  });
  mount(R"(/xapi/agents/profile/?)", [](lrs::LrsContext& c, const lrs::XapiRequest& q, httplib::Response& s) {
    lrs::document_resource(DocumentKind::agent_profile, c, q, s);
  });
  mount(R"(/xapi/activities/?)", &lrs::activities_resource);
  mount(R"(/xapi/agents/?)", &lrs::agents_resource);
  mount(R"(/xapi/about/?)", &lrs::about_resource, false);
}

}  // namespace trellis
