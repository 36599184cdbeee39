// The statement validator on the values its checks were rewritten for (no
// std::regex: one long string used to overflow the stack), and on statements
// as the LRS parses them (a nesting limit, so deep extensions are refused
// before anything recurses over them).
#include <catch2/catch.hpp>

#include <string>

#include "json/bounded_parse.hpp"
#include "lrs/statement_validator.hpp"

using namespace trellis;
using nlohmann::json;
using lrs::validate_statement;
using xapi::XapiVersion;

namespace {

json statement() {
  return {{"actor", {{"mbox", "mailto:a@example.com"}}},
          {"verb", {{"id", "http://example.com/verbs/did"}, {"display", {{"en-US", "did"}}}}},
          {"object", {{"id", "http://example.com/activities/one"}}}};
}

// The validator's verdict: "" when valid, else the message (which names the property).
std::string verdict(const json& s, XapiVersion v = XapiVersion::v1_0) {
  auto st = validate_statement(s, v);
  if (st) return "";
  CHECK(st.error().kind == ErrorKind::invalid_input);  // the LRS answers 400
  return st.error().message;
}

json with_attachment(const std::string& content_type) {
  json s = statement();
  s["attachments"] = json::array({{{"usageType", "http://example.com/u"},
                                   {"display", {{"en", "a"}}},
                                   {"contentType", content_type},
                                   {"length", 1},
                                   {"sha2", "abc"}}});
  return s;
}

// `{"http://x.test/e": [[[...1...]]]}` inside result.extensions, as text: a
// json value this deep could not even be dumped to build the request.
std::string deep_extension_statement(size_t depth) {
  return R"({"actor":{"mbox":"mailto:a@example.com"},"verb":{"id":"http://example.com/v"},)"
         R"("object":{"id":"http://example.com/a"},"result":{"extensions":{"http://x.test/e":)" +
         std::string(depth, '[') + "1" + std::string(depth, ']') + "}}}";
}

}  // namespace

TEST_CASE("a plain statement is valid under both versions") {
  CHECK(verdict(statement()) == "");
  json s = statement();
  s["timestamp"] = "2020-01-02T03:04:05Z";
  CHECK(verdict(s, XapiVersion::v2_0) == "");
}

TEST_CASE("long values are checked - not a crash: verb id - mbox - duration - timestamp fraction") {
  json s = statement();
  s["verb"]["id"] = "http://example.com/" + std::string(30000, 'v');
  CHECK(verdict(s) == "");
  s["verb"]["id"] = "http://example.com/" + std::string(30000, 'v') + " ";
  CHECK_THAT(verdict(s), Catch::Contains("statement.verb.id"));

  s = statement();
  s["actor"]["mbox"] = "mailto:" + std::string(50000, 'm') + "@example.com";
  CHECK(verdict(s) == "");
  s["actor"]["mbox"] = "mailto:" + std::string(50000, 'm');
  CHECK_THAT(verdict(s), Catch::Contains("statement.actor.mbox"));

  s = statement();
  s["result"] = {{"duration", "PT" + std::string(50000, '1') + "S"}};
  CHECK(verdict(s) == "");
  s["result"]["duration"] = "PT" + std::string(50000, '1');
  CHECK_THAT(verdict(s), Catch::Contains("statement.result.duration"));

  s = statement();
  s["timestamp"] = "2020-01-02T03:04:05." + std::string(100000, '7') + "Z";
  CHECK(verdict(s) == "");
  s["timestamp"] = "2020-01-02T03:04:05." + std::string(100000, '7') + "ZZ";
  CHECK_THAT(verdict(s), Catch::Contains("statement.timestamp"));

  s = statement();
  s["context"] = {{"language", "en" + std::string(30000, '-') + "x"}};
  CHECK_THAT(verdict(s), Catch::Contains("statement.context.language"));
  s = statement();
  s["actor"] = {{"mbox_sha1sum", std::string(50000, 'a')}};
  CHECK_THAT(verdict(s), Catch::Contains("statement.actor.mbox_sha1sum"));
  s = statement();
  s["version"] = "1.0." + std::string(50000, '0');
  CHECK(verdict(s) == "");
  s = statement();
  s["id"] = std::string(50000, 'a');
  CHECK_THAT(verdict(s), Catch::Contains("statement.id"));
  CHECK(verdict(with_attachment("application/" + std::string(50000, 'x') + "; q=" + std::string(50000, 'y'))) == "");
  CHECK_THAT(verdict(with_attachment("application/" + std::string(50000, 'x') + " ")),
             Catch::Contains("contentType"));
}

TEST_CASE("each rewritten check still refuses what it refused - naming the property") {
  json s = statement();
  s["actor"]["mbox"] = "a@example.com";  // no mailto:
  CHECK_THAT(verdict(s), Catch::Contains("statement.actor.mbox"));
  s["actor"] = {{"mbox_sha1sum", std::string(39, 'a')}};
  CHECK_THAT(verdict(s), Catch::Contains("statement.actor.mbox_sha1sum"));
  s["actor"] = {{"mbox_sha1sum", std::string(40, 'a')}};
  CHECK(verdict(s) == "");
  for (const char* version : {"1.0", "1.0.3", "2.0.0"}) {
    s = statement();
    s["version"] = version;
    CHECK(verdict(s) == "");
  }
  for (const char* version : {"1.1", "0.95", "1.0.", "3.0.0", "1.0.0.0"}) {
    s = statement();
    s["version"] = version;
    CHECK_THAT(verdict(s), Catch::Contains("statement.version"));
  }
  CHECK(verdict(with_attachment("text/plain; charset=utf-8")) == "");
  CHECK_THAT(verdict(with_attachment("text")), Catch::Contains("statement.attachments[0].contentType"));
  s = statement();
  s["result"] = {{"duration", "P1DT"}};
  CHECK_THAT(verdict(s), Catch::Contains("statement.result.duration"));
  s = statement();
  s["timestamp"] = "2020-01-02T03:04:05-00:00";
  CHECK_THAT(verdict(s), Catch::Contains("-00:00"));
  s["timestamp"] = "2020-01-02T03:04:05";
  CHECK(verdict(s) == "");
  CHECK_THAT(verdict(s, XapiVersion::v2_0), Catch::Contains("time zone"));
  s = statement();
  s["verb"]["display"] = {{"en_US", "did"}};
  CHECK_THAT(verdict(s), Catch::Contains("statement.verb.display"));
  s = statement();
  s["object"]["definition"] = {{"extensions", {{"not an iri", 1}}}};
  CHECK_THAT(verdict(s), Catch::Contains("statement.object.definition.extensions"));
}

TEST_CASE("a statement nested to the request limit parses - validates and serialises") {
  // The extension value takes the levels the statement itself does not use.
  const size_t own_levels = 4;  // statement, result, extensions, and the value's first array
  auto parsed = parse_json(deep_extension_statement(kRequestJson.max_depth - own_levels + 1));
  REQUIRE(parsed.ok());
  CHECK(validate_statement(*parsed, XapiVersion::v1_0).ok());
  json copy = *parsed;
  CHECK(copy.dump().size() > 2 * kRequestJson.max_depth);
  auto one_more = parse_json(deep_extension_statement(kRequestJson.max_depth - own_levels + 2));
  REQUIRE_FALSE(one_more.ok());
  CHECK_THAT(one_more.error().message, Catch::StartsWith("JSON nested deeper than 64 levels at byte "));
}

TEST_CASE("result.extensions nested 50000 deep is refused while parsing - naming the limit") {
  auto parsed = parse_json(deep_extension_statement(50000));
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().kind == ErrorKind::usage);
  CHECK_THAT(parsed.error().message, Catch::Contains("64 levels"));
}
