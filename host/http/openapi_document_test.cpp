// Issue 15: the OpenAPI document served at /api/v1/openapi.json describes the
// routes the server really registers under /api/v1 (each documented, nothing
// documented that is not registered) and the access rule each one enforces.
#include <catch2/catch.hpp>

#include <set>

#include <nlohmann/json.hpp>

#include "http/access_rules.hpp"
#include "http/openapi_document.hpp"
#include "http/registered_routes_fixture.hpp"

namespace {


std::string upper_case(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

nlohmann::json parsed_document() {
  auto doc = nlohmann::json::parse(trellis::http::openapi_document(), nullptr, false);
  REQUIRE_FALSE(doc.is_discarded());
  return doc;
}

// Answers a GET the way the server would, by calling the route's handler.
trellis::http::Response get(const trellis::http::Router& router, const std::string& path) {
  auto match = router.match("GET", path);
  REQUIRE(match.route != nullptr);
  trellis::http::Request req;
  req.method = "GET";
  req.path = path;
  req.target = path;
  req.captures = match.captures;
  trellis::http::Response res;
  match.route->handler(req, res);
  return res;
}

}  // namespace

TEST_CASE("The OpenAPI document is OpenAPI 3.1.0 JSON and names every registered /api/v1 route and no other",
          "[http][openapi]") {
  trellis::testing::RegisteredRoutes api;
  auto doc = parsed_document();
  CHECK(doc["openapi"] == "3.1.0");
  CHECK(doc["info"]["title"].is_string());
  CHECK(doc["info"]["version"].is_string());
  REQUIRE(doc["paths"].is_object());

  std::set<std::string> registered, documented, operation_ids;
  for (const auto& route : api.router.routes())
    if (route.pattern == "/api/v1" || route.pattern.rfind("/api/v1/", 0) == 0)
      registered.insert(route.method + " " + route.pattern);
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items()) {
      std::string name = upper_case(method) + " " + path;
      INFO(name);
      documented.insert(name);
      CHECK(operation_ids.insert(op.value("operationId", "")).second);  // present and unique
      CHECK(op["summary"].is_string());
      CHECK(op["responses"].is_object());
      // Its access, as the server enforces it (access_rules_test.cpp holds the guards to the same rule).
      auto declared = trellis::http::declared_access(upper_case(method), path);
      REQUIRE(declared.has_value());
      CHECK(op.value("x-trellis-access", "") == trellis::http::access_name(*declared));
      CHECK(op["security"].empty() == (*declared == trellis::http::Access::open));
      // Each {name} in the path is a documented path parameter.
      if (path.find("{id}") != std::string::npos) {
        bool has_id = false;
        for (const auto& p : op.value("parameters", nlohmann::json::array()))
          has_id = has_id || (p["name"] == "id" && p["in"] == "path" && p["required"] == true);
        CHECK(has_id);
      }
    }
  for (const auto& r : registered) {
    INFO(r << " is registered");
    CHECK(documented.count(r) == 1);
  }
  for (const auto& d : documented) {
    INFO(d << " is documented");
    CHECK(registered.count(d) == 1);
  }
}

TEST_CASE("GET /api/v1/openapi.json serves the document and GET /api/v1 lists its resources", "[http][openapi]") {
  trellis::testing::RegisteredRoutes api;
  auto served = get(api.router, "/api/v1/openapi.json");
  CHECK(served.status == 200);
  CHECK(served.headers.get("Content-Type").rfind("application/json", 0) == 0);
  auto doc = parsed_document();
  CHECK(nlohmann::json::parse(served.body) == doc);

  auto index = get(api.router, "/api/v1");
  CHECK(index.status == 200);
  auto listed = nlohmann::json::parse(index.body);
  CHECK(listed["openapi"] == "/api/v1/openapi.json");
  std::set<std::string> paths;
  for (const auto& r : listed["resources"]) {
    paths.insert(r["path"].get<std::string>());
    for (const auto& [method, about] : r["methods"].items()) CHECK(about["summary"].is_string());
  }
  for (const auto& [path, item] : doc["paths"].items()) {
    INFO(path);
    CHECK(paths.count(path) == 1);
  }
}
