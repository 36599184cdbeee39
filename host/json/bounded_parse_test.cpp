#include <catch2/catch.hpp>

#include <string>

#include "json/bounded_parse.hpp"

using namespace trellis;
using nlohmann::json;

namespace {

std::string nested_arrays(size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// {"a":{"a":...{"a":1}...}} with `depth` objects.
std::string nested_objects(size_t depth) {
  std::string out;
  for (size_t i = 0; i < depth; ++i) out += "{\"a\":";
  out += "1";
  out += std::string(depth, '}');
  return out;
}

}  // namespace

TEST_CASE("parse_json gives what nlohmann's own parser gives") {
  for (const char* text :
       {"{}", "[]", "null", "true", "false", "0", "-12", "18446744073709551615", "1.5e3", "\"a\\\"b\\u00e9\"",
        R"({"a":[1,2,{"b":null}],"c":{"d":"e"},"f":[[],{}]})", R"( [ "x" , { } ] )", R"({"k":1,"k":2})"}) {
    INFO(text);
    auto parsed = parse_json(text);
    REQUIRE(parsed.ok());
    CHECK(*parsed == json::parse(text));
    CHECK(parsed->dump() == json::parse(text).dump());
  }
}

TEST_CASE("parse_json refuses what is not JSON with a message - as a malformed request") {
  for (const char* text : {"", "{", "{\"a\":}", "[1,]", "{} x", "nul", "\"\xff\"", "1e999"}) {
    INFO(text);
    auto parsed = parse_json(text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().kind == ErrorKind::usage);
    CHECK_THAT(parsed.error().message, Catch::StartsWith("not valid JSON: "));
    CHECK_THAT(parsed.error().message, !Catch::Contains("json.exception"));
  }
}

TEST_CASE("parse_json takes exactly the depth it allows and refuses one level more - naming limit and byte") {
  JsonLimits three{3};
  CHECK(parse_json("[[[1]]]", three).ok());
  CHECK(parse_json(R"({"a":{"b":[]}})", three).ok());
  auto deep = parse_json("[[[[1]]]]", three);
  REQUIRE_FALSE(deep.ok());
  CHECK(deep.error().kind == ErrorKind::usage);
  CHECK(deep.error().message == "JSON nested deeper than 3 levels at byte 3");
  // Brackets inside strings are text, not nesting, for the parser and for the offset.
  auto strings = parse_json(R"(["[[[{", {"k\"[": [ {"x": 1}]}])", three);
  REQUIRE_FALSE(strings.ok());
  CHECK(strings.error().message == "JSON nested deeper than 3 levels at byte 20");
  CHECK(parse_json(R"(["[[[[[[", "]]]]{{{{"])", three).ok());
}

TEST_CASE("the default limit is 64 levels - the stored-document limit 512") {
  CHECK(parse_json(nested_arrays(64)).ok());
  CHECK(parse_json(nested_objects(64)).ok());
  auto past = parse_json(nested_objects(65));
  REQUIRE_FALSE(past.ok());
  CHECK(past.error().message == "JSON nested deeper than 64 levels at byte " + std::to_string(64 * 5));
  CHECK(parse_json(nested_arrays(512), kStoredJson).ok());
  CHECK_FALSE(parse_json(nested_arrays(513), kStoredJson).ok());
}

TEST_CASE("a value at the limit copies - compares and dumps (all of which recurse)") {
  auto parsed = parse_json(nested_objects(kStoredJson.max_depth), kStoredJson);
  REQUIRE(parsed.ok());
  json copy = *parsed;
  CHECK(copy == *parsed);
  CHECK(copy.dump() == nested_objects(kStoredJson.max_depth));
}

TEST_CASE("nesting 100000 levels deep is refused - not a crash") {
  for (const std::string& text : {nested_arrays(100000), nested_objects(100000),
                                  R"({"result":{"extensions":{"http://x.test/e":)" + nested_arrays(50000) + "}}}"}) {
    auto parsed = parse_json(text);
    REQUIRE_FALSE(parsed.ok());
    CHECK_THAT(parsed.error().message, Catch::StartsWith("JSON nested deeper than 64 levels at byte "));
  }
  // Unbalanced: the opening brackets alone are enough to refuse.
  CHECK_FALSE(parse_json(std::string(1000000, '[')).ok());
}
