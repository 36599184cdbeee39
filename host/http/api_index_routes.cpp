#include "http/api_index_routes.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include <nlohmann/json.hpp>

#include "http/openapi_document.hpp"
#include "http/problem.hpp"
#include "http/route_rules.hpp"

namespace trellis {
namespace {

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

// Each documented path with its methods, what each does and who may call it.
std::string resources_json() {
  auto doc = nlohmann::json::parse(http::openapi_document());
  nlohmann::json body = {{"name", doc["info"]["title"]},
                         {"version", doc["info"]["version"]},
                         {"openapi", "/api/v1/openapi.json"},
                         {"resources", nlohmann::json::array()}};
  for (const auto& [path, item] : doc["paths"].items()) {
    nlohmann::json methods = nlohmann::json::object();
    for (const auto& [method, op] : item.items())
      methods[upper(method)] = {{"summary", op.value("summary", "")}, {"access", op.value("x-trellis-access", "")}};
    body["resources"].push_back({{"path", path}, {"methods", methods}});
  }
  return body.dump();
}

}  // namespace

void register_api_index_routes(http::Router& router) {
  // Both are fixed for the life of the process: made once.
  auto index = std::make_shared<const std::string>(resources_json());
  router.add(http::route("GET", "/api/v1", [index](http::Request&, http::Response& res) {
    http::send_json(res, 200, *index);
  }));
  router.add(http::route("GET", "/api/v1/openapi.json", [](http::Request&, http::Response& res) {
    res.set_header("Cache-Control", "no-cache");
    res.set_body(std::string(http::openapi_document()), "application/json");
  }));
}

}  // namespace trellis
