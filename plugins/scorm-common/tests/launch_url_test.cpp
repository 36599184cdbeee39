#include <catch2/catch.hpp>

#include "launch_url.hpp"

using trellis::scorm::apply_parameters;
using trellis::scorm::join_base;

TEST_CASE("xml:base values join as folders", "[scorm][launch]") {
  CHECK(join_base("", "a.html") == "a.html");
  CHECK(join_base("resources/", "a.html") == "resources/a.html");
  CHECK(join_base("resources", "a.html") == "resources/a.html");
  CHECK(join_base(join_base("course/", "sco1/"), "a.html") == "course/sco1/a.html");
  CHECK(join_base("resources/", "http://example.com/x") == "http://example.com/x");
  CHECK(join_base("http://cdn.example.com/c/", "x.html") == "http://cdn.example.com/c/x.html");
}

TEST_CASE("parameters join the query before any fragment", "[scorm][launch]") {
  CHECK(apply_parameters("a.html", "") == "a.html");
  CHECK(apply_parameters("a.html", "?x=1") == "a.html?x=1");
  CHECK(apply_parameters("a.html", "x=1") == "a.html?x=1");
  CHECK(apply_parameters("a.html", "&x=1") == "a.html?x=1");
  CHECK(apply_parameters("a.html?lang=en", "?x=1") == "a.html?lang=en&x=1");
  CHECK(apply_parameters("a.html?lang=en", "x=1") == "a.html?lang=en&x=1");
  CHECK(apply_parameters("a.html?", "x=1") == "a.html?x=1");
  CHECK(apply_parameters("a.html#top", "?x=1") == "a.html?x=1#top");
  CHECK(apply_parameters("a.html", "#part2") == "a.html#part2");
  CHECK(apply_parameters("a.html#top", "#part2") == "a.html#top");
  CHECK(apply_parameters("a.html", "?x=1#part2") == "a.html?x=1#part2");
  CHECK(apply_parameters("a.html", "  ?x=1  ") == "a.html?x=1");
}
