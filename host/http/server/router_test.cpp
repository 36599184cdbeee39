#include <catch2/catch.hpp>

#include "http/server/router.hpp"

using namespace trellis::http;

namespace {
Router sample() {
  Router r;
  r.get("/api/v1/courses", [](Request&, Response&) {});
  r.get("/api/v1/courses/{id}", [](Request&, Response&) {});
  r.post("/api/v1/courses/{id}/modules/{module}", [](Request&, Response&) {});
  r.get("/content/{course}/{path...}", [](Request&, Response&) {});
  r.get("/", [](Request&, Response&) {});
  return r;
}
}  // namespace

TEST_CASE("Router matches literal and placeholder segments, ignoring a trailing slash", "[router]") {
  auto r = sample();
  auto m = r.match("GET", "/api/v1/courses/");
  REQUIRE(m.route != nullptr);
  CHECK(m.route->pattern == "/api/v1/courses");
  m = r.match("GET", "/api/v1/courses/c-1");
  REQUIRE(m.route != nullptr);
  CHECK(m.captures == std::vector<std::string>{"c-1"});
  m = r.match("POST", "/api/v1/courses/a/modules/b%20c");
  REQUIRE(m.route != nullptr);
  CHECK(m.captures == std::vector<std::string>{"a", "b c"});
  CHECK(r.match("GET", "/").route != nullptr);
  CHECK(r.match("GET", "/api/v1").route == nullptr);
  CHECK(r.match("GET", "/api/v1/courses/a/b").route == nullptr);
}

TEST_CASE("Router decodes each segment after splitting, so an escaped slash stays inside it", "[router]") {
  auto r = sample();
  auto m = r.match("GET", "/api/v1/courses/a%2Fb");
  REQUIRE(m.route != nullptr);
  CHECK(m.captures == std::vector<std::string>{"a/b"});
  CHECK(r.match("GET", "/api/v1/courses/%zz").route == nullptr);
}

TEST_CASE("A rest placeholder takes the remaining path, slashes included", "[router]") {
  auto r = sample();
  auto m = r.match("GET", "/content/c1/scos/a%20b/index.html");
  REQUIRE(m.route != nullptr);
  CHECK(m.captures == std::vector<std::string>{"c1", "scos/a b/index.html"});
  CHECK(r.match("GET", "/content/c1").route == nullptr);
}

TEST_CASE("Router answers HEAD with the GET route and names the allowed methods otherwise", "[router]") {
  auto r = sample();
  CHECK(r.match("HEAD", "/api/v1/courses").route != nullptr);
  auto m = r.match("DELETE", "/api/v1/courses/x");
  CHECK(m.route == nullptr);
  CHECK(m.allow == "GET, HEAD");
  CHECK(r.match("DELETE", "/nowhere").allow.empty());
}

TEST_CASE("Router refuses malformed patterns", "[router]") {
  Router r;
  CHECK_THROWS(r.get("/a/{id", [](Request&, Response&) {}));
  CHECK_THROWS(r.get("/a/{rest...}/b", [](Request&, Response&) {}));
}

TEST_CASE("Query strings decode percent escapes and plus signs and keep repeats", "[router]") {
  auto q = parse_query("a=1&b=x%20y+z&a=2&flag&=empty&bad=%g1");
  CHECK(q.count("a") == 2);
  CHECK(q.find("b")->second == "x y z");
  CHECK(q.find("flag")->second.empty());
  CHECK(q.find("")->second == "empty");
  CHECK(q.find("bad")->second == "%g1");  // kept as sent
  std::string out;
  CHECK_FALSE(percent_decode("%4", out, false));
  CHECK(percent_decode("%41+", out, false));
  CHECK(out == "A+");
}
