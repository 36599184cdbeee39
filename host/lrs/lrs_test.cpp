// The LRS through its real HTTP interface: a `trellis serve` process on
// 127.0.0.1 with a key made by `trellis lrs key create`.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <set>

#include "core/sha256.hpp"
#include "support.hpp"

using namespace trellis;
using nlohmann::json;

namespace {

struct Lrs {
  testing::TempDir home;
  std::string key, secret;
  std::unique_ptr<testing::Server> server;

  Lrs() {
    auto made = testing::run_trellis(home.path(), {"lrs", "key", "create", "--name", "tests", "--json"});
    REQUIRE(made.exit_code == 0);
    auto j = json::parse(made.out);
    key = j["key"];
    secret = j["secret"];
    start();
  }
  void start() { server = std::make_unique<testing::Server>(home.path()); }

  std::map<std::string, std::string> headers(const std::string& version = "1.0.3") const {
    std::string token = key + ":" + secret;
    static const char* b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    size_t i = 0;
    for (; i + 2 < token.size(); i += 3) {
      unsigned v = (unsigned char)token[i] << 16 | (unsigned char)token[i + 1] << 8 | (unsigned char)token[i + 2];
      out += {b64[v >> 18], b64[(v >> 12) & 63], b64[(v >> 6) & 63], b64[v & 63]};
    }
    if (token.size() - i == 1) {
      unsigned v = (unsigned char)token[i] << 16;
      out += {b64[v >> 18], b64[(v >> 12) & 63], '=', '='};
    } else if (token.size() - i == 2) {
      unsigned v = (unsigned char)token[i] << 16 | (unsigned char)token[i + 1] << 8;
      out += {b64[v >> 18], b64[(v >> 12) & 63], b64[(v >> 6) & 63], '='};
    }
    return {{"Authorization", "Basic " + out}, {"X-Experience-API-Version", version}};
  }
  testing::HttpReply post(const std::string& path, const json& body,
                          std::map<std::string, std::string> extra = {}) const {
    auto h = headers();
    for (auto& [k, v] : extra) h[k] = v;
    return server->request("POST", path, body.dump(), "application/json", h);
  }
  testing::HttpReply get(const std::string& path, std::map<std::string, std::string> extra = {}) const {
    auto h = headers();
    for (auto& [k, v] : extra) h[k] = v;
    return server->get(path, h);
  }
};

json statement(const std::string& verb = "http://example.com/verbs/did", const std::string& who = "a@example.com") {
  return {{"actor", {{"mbox", "mailto:" + who}, {"name", "A"}}},
          {"verb", {{"id", verb}, {"display", {{"en-US", "did"}}}}},
          {"object", {{"id", "http://example.com/activities/one"}}}};
}

std::string url_encode(const std::string& s) {
  std::string out;
  char buf[4];
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("statements are stored and fetched by id with the LRS's own properties", "[lrs]") {
  Lrs lrs;
  auto posted = lrs.post("/xapi/statements", statement());
  REQUIRE(posted.status == 200);
  std::string id = json::parse(posted.body)[0];
  auto got = lrs.get("/xapi/statements?statementId=" + id);
  REQUIRE(got.status == 200);
  CHECK(got.headers["x-experience-api-version"] == "1.0.3");
  CHECK(got.headers.count("x-experience-api-consistent-through") == 1);
  CHECK(got.headers.count("last-modified") == 1);
  auto s = json::parse(got.body);
  CHECK(s["id"] == id);
  CHECK(s["authority"]["account"]["name"] == lrs.key);
  CHECK(s.contains("stored"));
  CHECK(s["timestamp"] == s["stored"]);
  CHECK(s["version"] == "1.0.0");
}

TEST_CASE("requests without a version header or valid credentials are refused", "[lrs]") {
  Lrs lrs;
  auto h = lrs.headers();
  h.erase("X-Experience-API-Version");
  CHECK(lrs.server->get("/xapi/statements", h).status == 400);
  auto bad = lrs.headers();
  bad["Authorization"] = "Basic bm9ib2R5Om5vdGhpbmc=";
  CHECK(lrs.server->get("/xapi/statements", bad).status == 401);
  CHECK(lrs.server->get("/xapi/about", {}).status == 200);

  auto revoked = testing::run_trellis(lrs.home.path(), {"lrs", "key", "revoke", lrs.key});
  REQUIRE(revoked.exit_code == 0);
  CHECK(lrs.get("/xapi/statements").status == 401);
  auto list = testing::run_trellis(lrs.home.path(), {"lrs", "key", "list", "--json"});
  REQUIRE(list.exit_code == 0);
  auto keys = json::parse(list.out);
  REQUIRE(keys.size() == 1);
  CHECK(!keys[0]["revoked"].is_null());
  CHECK(list.out.find(lrs.secret) == std::string::npos);
  CHECK(testing::run_trellis(lrs.home.path(), {"lrs", "key", "revoke", "nope"}).exit_code == 1);
}

TEST_CASE("repeated failed credential checks from one client are answered 429 with Retry-After", "[lrs][auth]") {
  Lrs lrs;
  REQUIRE(lrs.get("/xapi/statements").status == 200);
  auto wrong = lrs.headers();
  wrong["Authorization"] = "Basic bm9ib2R5Om5vdGhpbmc=";  // nobody:nothing
  // The default burst is 10 failures per address; each costs one PBKDF2.
  for (int i = 0; i < 10; ++i) REQUIRE(lrs.server->get("/xapi/statements", wrong).status == 401);
  // From a browser (an Origin sent), the script must be allowed to read how long to wait.
  auto from_page = wrong;
  from_page["Origin"] = "http://content.example";
  auto throttled = lrs.server->get("/xapi/statements", from_page);
  CHECK(throttled.status == 429);
  REQUIRE(throttled.headers.count("retry-after") == 1);
  CHECK(std::stoi(throttled.headers["retry-after"]) >= 1);
  CHECK(throttled.headers["access-control-allow-origin"] == "http://content.example");
  CHECK(throttled.headers["access-control-expose-headers"].find("Retry-After") != std::string::npos);
  CHECK(json::parse(throttled.body)["status"] == 429);
  // The same process-wide count holds at the administration API's gate.
  CHECK(lrs.server->get("/api/v1/plugins", {{"Authorization", wrong["Authorization"]}}).status == 429);
  // The key verified before the attack keeps working from the throttled address.
  CHECK(lrs.get("/xapi/statements").status == 200);
}

TEST_CASE("a key holds the scopes it was made with: an admin-only key cannot use the LRS", "[lrs][auth]") {
  Lrs lrs;
  auto admin_only = testing::create_key_header(lrs.home.path(), {"admin"});
  auto h = lrs.headers();
  h["Authorization"] = admin_only;
  auto refused = lrs.server->get("/xapi/statements", h);
  CHECK(refused.status == 403);
  CHECK(refused.body.find("no xAPI scope") != std::string::npos);
  h["Authorization"] = testing::create_key_header(lrs.home.path(), {"admin", "all"});
  CHECK(lrs.server->get("/xapi/statements", h).status == 200);

  auto unknown = testing::run_trellis(lrs.home.path(), {"lrs", "key", "create", "--scope", "statements/read"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("unknown scope 'statements/read'") != std::string::npos);
  auto list = testing::run_trellis(lrs.home.path(), {"lrs", "key", "list", "--json"});
  REQUIRE(list.exit_code == 0);
  auto keys = json::parse(list.out);
  REQUIRE(keys.size() == 3);
  CHECK(keys[0]["scopes"] == json::array({"all"}));
  CHECK(keys[1]["scopes"] == json::array({"admin"}) );
  CHECK(keys[2]["scopes"] == json::array({"admin", "all"}));
}

TEST_CASE("invalid statements get 400 and a batch with one of them stores nothing", "[lrs]") {
  Lrs lrs;
  auto no_ifi = statement();
  no_ifi["actor"] = {{"name", "nobody"}};
  auto bad_verb = statement("not an iri");
  auto two_ifis = statement();
  two_ifis["actor"]["openid"] = "http://example.com/me";
  auto bad_score = statement();
  bad_score["result"] = {{"score", {{"scaled", 1.5}}}};
  auto unknown = statement();
  unknown["colour"] = "blue";
  auto bad_duration = statement();
  bad_duration["result"] = {{"duration", "P4W1D"}};
  for (const auto& bad : {no_ifi, bad_verb, two_ifis, bad_score, unknown, bad_duration}) {
    auto reply = lrs.post("/xapi/statements", bad);
    CHECK(reply.status == 400);
    CHECK(reply.headers["content-type"] == "application/problem+json");
  }
  auto good = statement();
  good["id"] = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
  auto batch = json::array({good, no_ifi});
  CHECK(lrs.post("/xapi/statements", batch).status == 400);
  CHECK(lrs.get("/xapi/statements?statementId=7c9e6679-7425-40de-944b-e07fc1f90ae7").status == 404);
}

TEST_CASE("a stored id with other content is a conflict, and the same statement again is harmless", "[lrs]") {
  Lrs lrs;
  auto s = statement();
  std::string id = "0f8fad5b-d9cb-469f-a165-70867728950e";
  auto put = [&](const json& body) {
    return lrs.server->request("PUT", "/xapi/statements?statementId=" + id, body.dump(), "application/json",
                               lrs.headers());
  };
  CHECK(put(s).status == 204);
  CHECK(put(s).status == 204);
  CHECK(put(statement("http://example.com/verbs/other")).status == 409);
}

TEST_CASE("voiding hides a statement from queries and keeps it under voidedStatementId", "[lrs]") {
  Lrs lrs;
  std::string target = json::parse(lrs.post("/xapi/statements", statement()).body)[0];
  json voiding = statement("http://adlnet.gov/expapi/verbs/voided");
  voiding["object"] = {{"objectType", "StatementRef"}, {"id", target}};
  auto v = lrs.post("/xapi/statements", voiding);
  REQUIRE(v.status == 200);
  std::string voiding_id = json::parse(v.body)[0];
  CHECK(lrs.get("/xapi/statements?statementId=" + target).status == 404);
  CHECK(lrs.get("/xapi/statements?voidedStatementId=" + target).status == 200);
  auto all = json::parse(lrs.get("/xapi/statements").body)["statements"];
  REQUIRE(all.size() == 1);
  CHECK(all[0]["id"] == voiding_id);
  json again = statement("http://adlnet.gov/expapi/verbs/voided");
  again["object"] = {{"objectType", "StatementRef"}, {"id", voiding_id}};
  CHECK(lrs.post("/xapi/statements", again).status == 400);
}

TEST_CASE("filters select by agent, verb and activity, and `more` pages stay stable while statements arrive", "[lrs]") {
  Lrs lrs;
  std::set<std::string> first;
  for (int i = 0; i < 5; ++i)
    first.insert(json::parse(lrs.post("/xapi/statements", statement("http://example.com/verbs/did")).body)[0].get<std::string>());
  lrs.post("/xapi/statements", statement("http://example.com/verbs/other", "b@example.com"));

  std::string agent = url_encode(R"({"mbox":"mailto:a@example.com"})");
  auto page = json::parse(lrs.get("/xapi/statements?limit=2&agent=" + agent).body);
  std::set<std::string> seen;
  int pages = 0;
  while (true) {
    REQUIRE(++pages <= 10);  // three are expected; a `more` that never ends fails here
    for (const auto& s : page["statements"]) seen.insert(s["id"].get<std::string>());
    // New statements arriving between pages must not shift or join this result.
    lrs.post("/xapi/statements", statement("http://example.com/verbs/did"));
    std::string more = page["more"];
    if (more.empty()) break;
    auto next = lrs.get(more);
    REQUIRE(next.status == 200);
    page = json::parse(next.body);
  }
  CHECK(pages == 3);
  CHECK(seen == first);

  auto by_verb = json::parse(lrs.get("/xapi/statements?verb=" + url_encode("http://example.com/verbs/other")).body);
  REQUIRE(by_verb["statements"].size() == 1);
  CHECK(by_verb["statements"][0]["actor"]["mbox"] == "mailto:b@example.com");
  CHECK(lrs.get("/xapi/statements?format=weird").status == 400);
  auto ids = json::parse(lrs.get("/xapi/statements?limit=1&format=ids").body)["statements"][0];
  CHECK(!ids["actor"].contains("name"));
  CHECK(!ids["verb"].contains("display"));
}

TEST_CASE("documents honour ETag preconditions and POST merges JSON", "[lrs]") {
  Lrs lrs;
  std::string path = "/xapi/activities/profile?activityId=" + url_encode("http://example.com/a") + "&profileId=p1";
  auto h = lrs.headers();
  auto with = [&](std::map<std::string, std::string> extra) {
    auto x = h;
    for (auto& [k, v] : extra) x[k] = v;
    return x;
  };
  CHECK(lrs.server->request("PUT", path, R"({"a":1})", "application/json", h).status == 400);
  CHECK(lrs.server->request("PUT", path, R"({"a":1})", "application/json", with({{"If-None-Match", "*"}})).status ==
        204);
  auto got = lrs.server->get(path, h);
  REQUIRE(got.status == 200);
  std::string etag = got.headers["etag"];
  CHECK(etag.size() == 42);
  CHECK(lrs.server->request("PUT", path, R"({"a":2})", "application/json", h).status == 409);
  CHECK(lrs.server->request("PUT", path, R"({"a":2})", "application/json", with({{"If-Match", "\"nope\""}})).status ==
        412);
  CHECK(lrs.server->request("POST", path, R"({"b":2})", "application/json", with({{"If-Match", etag}})).status ==
        204);
  CHECK(json::parse(lrs.server->get(path, h).body) == json({{"a", 1}, {"b", 2}}));
  CHECK(lrs.server->request("POST", path, "plain", "text/plain", h).status == 400);

  std::string state = "/xapi/activities/state?activityId=" + url_encode("http://example.com/a") +
                      "&agent=" + url_encode(R"({"mbox":"mailto:a@example.com"})");
  CHECK(lrs.server->request("PUT", state + "&stateId=s1", "x", "text/plain", h).status == 204);
  CHECK(lrs.server->request("PUT", state + "&stateId=s2", "y", "text/plain", h).status == 204);
  CHECK(json::parse(lrs.server->get(state, h).body) == json::array({"s1", "s2"}));
  CHECK(lrs.server->request("DELETE", state, "", "", h).status == 204);
  CHECK(json::parse(lrs.server->get(state, h).body).empty());
}

TEST_CASE("attachments travel in multipart/mixed and come back with attachments=true", "[lrs]") {
  Lrs lrs;
  std::string content = "hello attachment";
  std::string sha2 = sha256_hex(content);
  json s = statement();
  s["attachments"] = json::array({{{"usageType", "http://example.com/usage"},
                                   {"display", {{"en-US", "text"}}},
                                   {"contentType", "text/plain"},
                                   {"length", content.size()},
                                   {"sha2", sha2}}});
  std::string boundary = "abc123";
  std::string body = "--" + boundary + "\r\nContent-Type: application/json\r\n\r\n" + s.dump() + "\r\n--" + boundary +
                     "\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: " +
                     sha2 + "\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
  // Without the part the statement is refused.
  CHECK(lrs.post("/xapi/statements", s).status == 400);
  auto posted = lrs.server->request("POST", "/xapi/statements", body, "multipart/mixed; boundary=" + boundary,
                                    lrs.headers());
  REQUIRE(posted.status == 200);
  std::string id = json::parse(posted.body)[0];
  auto got = lrs.get("/xapi/statements?attachments=true&statementId=" + id);
  REQUIRE(got.status == 200);
  CHECK(got.headers["content-type"].rfind("multipart/mixed; boundary=", 0) == 0);
  CHECK(got.body.find(content) != std::string::npos);
  CHECK(got.body.find("X-Experience-API-Hash: " + sha2) != std::string::npos);
}

TEST_CASE("an acknowledged statement survives kill -9", "[lrs]") {
  Lrs lrs;
  auto posted = lrs.post("/xapi/statements", statement());
  REQUIRE(posted.status == 200);
  std::string id = json::parse(posted.body)[0];
  CHECK(lrs.server->stop(9) == 128 + 9);
  lrs.start();
  CHECK(lrs.get("/xapi/statements?statementId=" + id).status == 200);
}

TEST_CASE("xAPI 2.0 requests are answered as 2.0 and the alternate syntax is refused", "[lrs]") {
  Lrs lrs;
  auto h = lrs.headers("2.0.0");
  auto posted = lrs.server->request("POST", "/xapi/statements", statement().dump(), "application/json", h);
  REQUIRE(posted.status == 200);
  CHECK(posted.headers["x-experience-api-version"] == "2.0.0");
  std::string id = json::parse(posted.body)[0];
  CHECK(json::parse(lrs.server->get("/xapi/statements?statementId=" + id, h).body)["version"] == "2.0.0");
  CHECK(lrs.server->request("POST", "/xapi/statements?method=GET", "", "application/x-www-form-urlencoded", h).status ==
        400);
}
