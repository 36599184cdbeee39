#include <catch2/catch.hpp>

#include "trellis/import_kit/iri.hpp"

using namespace trellis::kit;

TEST_CASE("absolute IRIs need a scheme and allowed characters", "[iri]") {
  CHECK(is_absolute_iri("https://w3id.org/xapi/cmi5/catapult/lts/course/001"));
  CHECK(is_absolute_iri("urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8"));
  CHECK(is_absolute_iri("http://example.com/r%C3%A9sum%C3%A9"));
  CHECK(is_absolute_iri("http://example.com/résumé"));
  CHECK_FALSE(is_absolute_iri("w3id.org/xapi/cmi5/catapult/lts/course/201-1"));
  CHECK_FALSE(is_absolute_iri("http://example.com index.html"));
  CHECK_FALSE(is_absolute_iri("http:"));
  CHECK_FALSE(is_absolute_iri(""));
  CHECK_FALSE(is_absolute_iri("1http://x"));
  CHECK_FALSE(is_absolute_iri("http://example.com/%zz"));
  CHECK_FALSE(is_absolute_iri("http://example.com/%4"));
  CHECK_FALSE(is_absolute_iri("http://example.com/<a>"));
  CHECK_FALSE(is_absolute_iri("http://example.com/a#b#c"));
}

TEST_CASE("URLs split into scheme, path, query and fragment", "[iri]") {
  auto p = split_url("index.html?paramA=1&paramB=2#top");
  CHECK(p.scheme.empty());
  CHECK(p.path == "index.html");
  CHECK(p.query == "paramA=1&paramB=2");
  CHECK(p.fragment == "top");
  auto a = split_url("https://example.org/x/y?endpoint=1");
  CHECK(a.scheme == "https");
  CHECK(a.path == "//example.org/x/y");
  CHECK(a.has_query);
  CHECK_FALSE(split_url("a.html").has_query);
}

TEST_CASE("query parameter names are decoded", "[iri]") {
  CHECK(query_parameter_names("a=1&b&%61ctor=x&&c+d=2") == std::vector<std::string>{"a", "b", "actor", "c d"});
  CHECK(query_parameter_names("").empty());
}

TEST_CASE("relative paths resolve inside the package or not at all", "[iri]") {
  CHECK(package_path("index.html") == std::optional<std::string>("index.html"));
  CHECK(package_path("./a/../b/c%20d.html") == std::optional<std::string>("b/c d.html"));
  CHECK_FALSE(package_path("../index.html"));
  CHECK_FALSE(package_path("a/../../index.html"));
  CHECK_FALSE(package_path("/etc/passwd"));
  CHECK_FALSE(package_path(""));
  CHECK_FALSE(package_path("a%00b"));
}
