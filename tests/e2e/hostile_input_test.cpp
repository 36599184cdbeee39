// Long strings and deep nesting against a real `trellis serve`, from outside
// (real sockets, nothing of the server's insides): each once crashed the
// server (std::regex recursion; recursive dump() of a deep value). Now each
// gets its answer and the server stays up.
#include <catch2/catch.hpp>

#include <string>

#include "support.hpp"

using namespace trellis;

namespace {

// A statement as text, so the test itself never builds (or dumps) a deep value.
std::string statement_text(const std::string& verb_id, const std::string& mbox, const std::string& extra = "") {
  return R"({"actor":{"mbox":")" + mbox + R"("},"verb":{"id":")" + verb_id +
         R"("},"object":{"id":"http://example.com/activities/one"})" + extra + "}";
}

struct Served {
  testing::TempDir home;
  std::map<std::string, std::string> lrs, admin;
  std::unique_ptr<testing::Server> server;
  Served() {
    lrs = {{"Authorization", testing::create_key_header(home.path(), {"all"})},
           {"X-Experience-API-Version", "1.0.3"}};
    admin = {{"Authorization", testing::create_key_header(home.path(), {"admin"})}};
    server = std::make_unique<testing::Server>(home.path());
  }
  int post_statement(const std::string& body) const {
    return server->request("POST", "/xapi/statements", body, "application/json", lrs).status;
  }
  bool alive() const { return server->get("/xapi/about").status == 200; }
};

}  // namespace

TEST_CASE("long values in a statement are answered and the server stays up") {
  Served s;
  const std::string verb = "http://example.com/verbs/did";
  const std::string mbox = "mailto:a@example.com";
  CHECK(s.post_statement(statement_text("http://example.com/" + std::string(30000, 'v'), mbox)) == 200);
  CHECK(s.post_statement(statement_text("http://example.com/" + std::string(30000, 'v') + " x", mbox)) == 400);
  CHECK(s.post_statement(statement_text(verb, "mailto:" + std::string(50000, 'm') + "@example.com")) == 200);
  CHECK(s.post_statement(statement_text(verb, "mailto:" + std::string(50000, 'm'))) == 400);
  CHECK(s.post_statement(statement_text(verb, mbox, R"(,"result":{"duration":"PT)" + std::string(50000, '1') + R"(S"})")) ==
        200);
  CHECK(s.post_statement(statement_text(verb, mbox, R"(,"result":{"duration":"P)" + std::string(50000, '1') + R"("})")) ==
        400);
  CHECK(s.post_statement(statement_text(
            verb, mbox, R"(,"timestamp":"2020-01-02T03:04:05.)" + std::string(100000, '5') + R"(Z")")) == 200);
  REQUIRE(s.alive());
  CHECK(s.server->stop() == 0);
}

TEST_CASE("deep nesting is refused with 400 naming the limit - and the server stays up") {
  Served s;
  std::string deep = std::string(50000, '[') + "1" + std::string(50000, ']');
  auto reply = s.server->request(
      "POST", "/xapi/statements",
      statement_text("http://example.com/v", "mailto:a@example.com",
                     R"(,"result":{"extensions":{"http://example.com/e":)" + deep + "}}"),
      "application/json", s.lrs);
  CHECK(reply.status == 400);
  CHECK_THAT(reply.body, Catch::Contains("nested deeper than 64 levels"));
  REQUIRE(s.alive());

  std::string settings;
  for (int i = 0; i < 100000; ++i) settings += R"({"a":)";
  settings += "1" + std::string(100000, '}');
  auto put = s.server->request("PUT", "/api/v1/plugins/feeds/settings", settings, "application/json", s.admin);
  CHECK(put.status == 400);
  CHECK_THAT(put.body, Catch::Contains("nested deeper than 64 levels"));
  REQUIRE(s.alive());

  // Within the limit, a nested extension is stored and read back whole.
  std::string nested = std::string(40, '[') + "7" + std::string(40, ']');
  CHECK(s.post_statement(statement_text("http://example.com/v", "mailto:a@example.com",
                                        R"(,"result":{"extensions":{"http://example.com/e":)" + nested + "}}")) ==
        200);
  auto back = s.server->get("/xapi/statements?verb=http%3A%2F%2Fexample.com%2Fv", s.lrs);
  CHECK(back.status == 200);
  CHECK_THAT(back.body, Catch::Contains(nested));
  CHECK(s.server->stop() == 0);
}
