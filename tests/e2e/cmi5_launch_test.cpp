// Issue 16: cmi5 launched by the real host the way an AU meets it (cmi5
// quartz, sections 8 to 11): the launch URL's parameters, the one-time fetch
// URL, LMS.LaunchData and the learner preferences written before launch, the
// LMS's own launched / abandoned / waived / satisfied statements, and the
// session rules the LRS holds an AU's credential to. This test plays the AU
// over real HTTP; tests/browser runs the sample AUs in Chromium.
#include <catch2/catch.hpp>

#include <map>

#include <nlohmann/json.hpp>

#include "run_json.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace trellis::testing;

namespace {

const char* kHazards = "https://trellis.example.org/courses/safety-basics/aus/hazards";
const char* kPpe = "https://trellis.example.org/courses/safety-basics/aus/ppe";
const char* kQuiz = "https://trellis.example.org/courses/safety-basics/aus/quiz";
const char* kCategoryCmi5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
const char* kCategoryMoveOn = "https://w3id.org/xapi/cmi5/context/categories/moveon";
const char* kSessionIdExtension = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";

std::string decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

std::string encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// A launch URL taken apart: the path on its origin and the query's parameters.
struct LaunchUrl {
  std::string origin;
  std::string path;
  std::multimap<std::string, std::string> query;
  std::string one(const std::string& name) const {
    REQUIRE(query.count(name) == 1);
    return query.find(name)->second;
  }
};

LaunchUrl parse_url(const std::string& url) {
  LaunchUrl out;
  auto scheme = url.find("://");
  REQUIRE(scheme != std::string::npos);
  auto slash = url.find('/', scheme + 3);
  out.origin = url.substr(0, slash);
  auto q = url.find('?', slash);
  out.path = url.substr(slash, q == std::string::npos ? std::string::npos : q - slash);
  if (q == std::string::npos) return out;
  std::string rest = url.substr(q + 1);
  size_t pos = 0;
  while (pos <= rest.size()) {
    auto amp = rest.find('&', pos);
    std::string pair = rest.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
    auto eq = pair.find('=');
    out.query.emplace(decode(pair.substr(0, eq)), eq == std::string::npos ? "" : decode(pair.substr(eq + 1)));
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  return out;
}

// What an AU knows after its launch: the URL's parameters and its credential.
struct Au {
  LaunchUrl url;
  json actor;
  std::string registration;
  std::string activity_id;
  std::string auth;  // "Basic ..."
  std::string session_id;
  json launch_data;
};

std::map<std::string, std::string> xapi_headers(const std::string& auth) {
  return {{"Authorization", auth}, {"X-Experience-API-Version", "1.0.3"}};
}

// The path of `url` on the API server, after checking it names that server.
std::string api_path(const Server& server, const std::string& url) {
  REQUIRE(url.rfind(server.base_url(), 0) == 0);
  return url.substr(server.base_url().size());
}

json fetch_token(const Server& server, const std::string& fetch_url) {
  HttpReply r = server.request("POST", api_path(server, fetch_url), "", "");
  REQUIRE(r.status == 200);
  CHECK(r.headers["content-type"].rfind("application/json", 0) == 0);
  CHECK(r.headers["access-control-allow-origin"] == "*");
  return json::parse(r.body);
}

std::string state_query(const Au& au, const std::string& state_id) {
  return "activityId=" + encode(au.activity_id) + "&agent=" + encode(au.actor.dump()) +
         "&registration=" + au.registration + "&stateId=" + encode(state_id);
}

// Section 11: what an AU reads before it initializes.
json read_preferences(const Server& server, const Au& au) {
  HttpReply prefs = server.get("/xapi/agents/profile?agent=" + encode(au.actor.dump()) + "&profileId=cmi5LearnerPreferences",
                               xapi_headers(au.auth));
  REQUIRE(prefs.status == 200);
  return json::parse(prefs.body);
}

// Launches `module` in `mode`, then does what an AU does first: fetch once,
// read LaunchData and (unless told not to) the learner preferences.
Au launch(const Server& server, const fs::path& home, const std::string& registration, const std::string& module,
          const std::string& mode = "Normal", bool read_prefs = true) {
  json ticket = run_json(home, {"launch", registration, module, "--mode", mode, "--json"});
  Au au;
  au.url = parse_url(ticket["url"]);
  au.actor = json::parse(au.url.one("actor"));
  au.registration = au.url.one("registration");
  au.activity_id = au.url.one("activityId");
  json token = fetch_token(server, au.url.one("fetch"));
  REQUIRE(token.contains("auth-token"));
  au.auth = "Basic " + token["auth-token"].get<std::string>();
  HttpReply data = server.get("/xapi/activities/state?" + state_query(au, "LMS.LaunchData"), xapi_headers(au.auth));
  REQUIRE(data.status == 200);
  au.launch_data = json::parse(data.body);
  au.session_id = au.launch_data["contextTemplate"]["extensions"][kSessionIdExtension];
  CHECK(ticket["session"] == au.session_id);
  if (read_prefs) read_preferences(server, au);
  return au;
}

// A cmi5 defined statement built the way section 9 asks: the LaunchData
// template, the cmi5 category, the LMS's AU id.
std::string next_statement_id() {
  static int n = 0;
  char tail[13];
  std::snprintf(tail, sizeof tail, "%012d", ++n);
  return std::string("6a1b2c3d-0000-4000-8000-") + tail;
}

json au_statement(const Au& au, const std::string& verb, json result = nullptr) {
  json context = au.launch_data["contextTemplate"];
  context["registration"] = au.registration;
  context["contextActivities"]["category"] = json::array({{{"id", kCategoryCmi5}}});
  if (verb == "completed" || verb == "passed" || verb == "failed")
    context["contextActivities"]["category"].push_back({{"id", kCategoryMoveOn}});
  if ((verb == "passed" || verb == "failed") && au.launch_data.contains("masteryScore"))
    context["extensions"]["https://w3id.org/xapi/cmi5/context/extensions/masteryscore"] = au.launch_data["masteryScore"];
  json s = {{"id", next_statement_id()},
            {"actor", au.actor},
            {"verb", {{"id", "http://adlnet.gov/expapi/verbs/" + verb}, {"display", {{"en-US", verb}}}}},
            {"object", {{"objectType", "Activity"}, {"id", au.activity_id}}},
            {"context", context},
            {"timestamp", "2026-12-07T10:00:00.000Z"}};
  if (!result.is_null()) s["result"] = result;
  return s;
}

HttpReply send(const Server& server, const Au& au, const json& statements) {
  return server.request("POST", "/xapi/statements", statements.dump(), "application/json", xapi_headers(au.auth));
}

// The LRS stored the batch; its refusal, when it did not, is in the failure.
void require_stored(const Server& server, const Au& au, const json& statements) {
  HttpReply r = send(server, au, statements);
  INFO(r.body);
  REQUIRE(r.status == 200);
}

// Statements of the registration the LRS holds, as an ordinary xAPI client reads them.
json registration_statements(const Server& server, const std::string& key_header, const std::string& registration) {
  HttpReply r = server.get("/xapi/statements?registration=" + registration + "&limit=200", xapi_headers(key_header));
  REQUIRE(r.status == 200);
  return json::parse(r.body)["statements"];
}

int count_verb(const json& statements, const std::string& verb_tail, const std::string& object_id = "") {
  int n = 0;
  for (const auto& s : statements) {
    std::string verb = s["verb"]["id"];
    if (verb.size() < verb_tail.size() || verb.compare(verb.size() - verb_tail.size(), verb_tail.size(), verb_tail) != 0)
      continue;
    if (!object_id.empty() && s["object"]["id"] != object_id) continue;
    ++n;
  }
  return n;
}

struct Enrolled {
  std::string course;
  std::string registration;
};

Enrolled enrol(const fs::path& home) {
  Enrolled e;
  e.course = run_json(home, {"import", std::string(TRELLIS_SOURCE_DIR) + "/packages/cmi5-safety-basics", "--json"})["course_id"];
  run_json(home, {"learner", "add", "jenny", "--name", "Jenny Ortega", "--email", "jenny@example.org", "--json"});
  e.registration = run_json(home, {"registration", "create", e.course, "--learner", "jenny", "--json"})["id"];
  return e;
}

std::vector<std::string> server_args() { return {"--content-listen", "127.0.0.1:0"}; }

}  // namespace

TEST_CASE("cmi5 launch URL fetch and LaunchData are what an AU needs and nothing it may not have", "[player][cmi5][e2e]") {
  TempDir home;
  Enrolled e = enrol(home.path());
  Server server(home.path(), server_args());
  json ticket = run_json(home.path(), {"launch", e.registration, kHazards, "--json"});
  LaunchUrl url = parse_url(ticket["url"]);
  // Section 8.1: the content's own URL on the content origin, its own query kept, the five parameters appended.
  CHECK(url.origin == "http://127.0.0.1:" + std::to_string(server.content_port()));
  CHECK(url.path.find("/content/au/lesson.html") != std::string::npos);
  CHECK(url.one("topic") == "hazards");
  CHECK(url.one("endpoint") == server.base_url() + "/xapi/");
  json actor = json::parse(url.one("actor"));
  CHECK(actor["account"]["name"] == "jenny");
  CHECK_FALSE(actor.contains("mbox"));
  std::string activity = url.one("activityId");
  CHECK(activity != kHazards);  // the LMS's id, not the publisher's
  json shown = run_json(home.path(), {"registration", "show", e.registration, "--json"});
  CHECK(url.one("registration") == shown["xapi_registration"]);
  // The AU's file is served on the content origin for the token.
  HttpReply page = server.content("GET", url.path);
  REQUIRE(page.status == 200);
  CHECK(page.body.find("cmi5-runtime.js") != std::string::npos);

  // Section 8.2: the fetch URL answers once; a second POST gets error-code 1.
  json token = fetch_token(server, url.one("fetch"));
  REQUIRE(token.contains("auth-token"));
  std::string auth = "Basic " + token["auth-token"].get<std::string>();
  json again = fetch_token(server, url.one("fetch"));
  CHECK(again["error-code"] == "1");
  CHECK_FALSE(again.contains("auth-token"));
  CHECK(fetch_token(server, server.base_url() + "/xapi-launch/fetch/not-a-token")["error-code"] == "1");

  // Section 10: LMS.LaunchData, as the AU reads it with its credential.
  Au au{url, actor, url.one("registration"), activity, auth, "", nullptr};
  HttpReply data = server.get("/xapi/activities/state?" + state_query(au, "LMS.LaunchData"), xapi_headers(auth));
  REQUIRE(data.status == 200);
  json launch_data = json::parse(data.body);
  CHECK(launch_data["launchMode"] == "Normal");
  CHECK(launch_data["moveOn"] == "Completed");
  CHECK(launch_data["contextTemplate"]["contextActivities"]["grouping"][0]["id"] == kHazards);
  std::string session = launch_data["contextTemplate"]["extensions"][kSessionIdExtension];
  CHECK(ticket["session"] == session);
  // The AU may not write it, nor read another learner's documents.
  HttpReply overwrite = server.request("PUT", "/xapi/activities/state?" + state_query(au, "LMS.LaunchData"), "{}",
                                       "application/json", xapi_headers(auth));
  CHECK(overwrite.status == 403);
  CHECK(overwrite.body.find("10.2.1.0-5") != std::string::npos);
  Au stranger = au;
  stranger.actor["account"]["name"] = "somebody-else";
  CHECK(server.get("/xapi/activities/state?" + state_query(stranger, "LMS.LaunchData"), xapi_headers(auth)).status == 403);
  // Section 11: the learner preferences profile exists for the AU to read.
  HttpReply prefs = server.get("/xapi/agents/profile?agent=" + encode(actor.dump()) + "&profileId=cmi5LearnerPreferences",
                               xapi_headers(auth));
  CHECK(prefs.status == 200);
  // A credential that is no session's, and one whose secret is wrong.
  CHECK(server.get("/xapi/statements?limit=1", xapi_headers("Basic dHJlbGxpcy1hdS0wMDpub3Bl")).status == 401);

  // The LMS wrote "launched" for the session before the AU ran (section 9.3.1).
  std::string admin_all = create_key_header(home.path(), {"all"});
  json statements = registration_statements(server, admin_all, url.one("registration"));
  REQUIRE(count_verb(statements, "/launched", activity) == 1);
  for (const auto& s : statements)
    if (count_verb(json::array({s}), "/launched") == 1) {
      CHECK(s["context"]["extensions"][kSessionIdExtension] == session);
      CHECK(s["context"]["extensions"]["https://w3id.org/xapi/cmi5/context/extensions/launchmode"] == "Normal");
      CHECK(s["context"]["extensions"]["https://w3id.org/xapi/cmi5/context/extensions/launchurl"] == ticket["url"]);
    }
}

TEST_CASE("cmi5 statements of an AU session meet the rules or are refused whole with the requirement", "[player][cmi5][e2e]") {
  TempDir home;
  Enrolled e = enrol(home.path());
  Server server(home.path(), server_args());
  std::string admin_all = create_key_header(home.path(), {"all"});
  Au au = launch(server, home.path(), e.registration, kHazards);

  // Completed before initialized: refused, and nothing of the batch is stored.
  HttpReply early = send(server, au, json::array({au_statement(au, "completed", {{"completion", true}, {"duration", "PT1M"}})}));
  CHECK(early.status == 403);
  CHECK(early.body.find("cmi5") != std::string::npos);
  CHECK(count_verb(registration_statements(server, admin_all, au.registration), "/completed") == 0);

  require_stored(server, au, json::array({au_statement(au, "initialized")}));
  require_stored(server, au, json::array({au_statement(au, "completed", {{"completion", true}, {"duration", "PT2M"}}),
                                           au_statement(au, "terminated", {{"duration", "PT2M5S"}})}));
  // Nothing after terminated (section 9.3.0).
  HttpReply late = send(server, au, json::array({au_statement(au, "initialized")}));
  CHECK(late.status == 403);

  json shown = run_json(home.path(), {"registration", "show", e.registration, "--json"});
  for (const auto& m : shown["modules"])
    if (m["identifier"] == kHazards) {
      CHECK(m["completion"] == "completed");
      CHECK(m["attempts"] == 1);
    }
  // Only one of the block's two AUs is done: no satisfied yet.
  CHECK(count_verb(registration_statements(server, admin_all, au.registration), "/satisfied") == 0);

  // The second AU of the block: its completion satisfies the block (section 9.3.9), once.
  Au ppe = launch(server, home.path(), e.registration, kPpe);
  require_stored(server, ppe, json::array({au_statement(ppe, "initialized"),
                                         au_statement(ppe, "completed", {{"completion", true}, {"duration", "PT1M"}}),
                                         au_statement(ppe, "terminated", {{"duration", "PT1M"}})}));
  json statements = registration_statements(server, admin_all, au.registration);
  CHECK(count_verb(statements, "/satisfied") == 1);
  for (const auto& s : statements)
    if (count_verb(json::array({s}), "/satisfied") == 1) {
      CHECK(s["verb"]["id"] == "https://w3id.org/xapi/adl/verbs/satisfied");
      CHECK(s["object"]["definition"]["type"] == "https://w3id.org/xapi/cmi5/activitytype/block");
      CHECK(s["context"]["contextActivities"]["grouping"][0]["id"] ==
            "https://trellis.example.org/courses/safety-basics/blocks/learn");
      CHECK(s["context"]["extensions"][kSessionIdExtension] == ppe.session_id);
    }

  // The quiz is waived by an administrator: waived, then the course is satisfied.
  auto bad_reason = run_trellis(home.path(), {"registration", "waive", e.registration, kQuiz, "--reason", "Because"});
  CHECK(bad_reason.exit_code != 0);
  CHECK(bad_reason.err.find("Tested Out") != std::string::npos);
  json waived = run_json(home.path(), {"registration", "waive", e.registration, kQuiz, "--reason", "Tested Out", "--json"});
  CHECK(waived["statements"].size() == 2);
  statements = registration_statements(server, admin_all, au.registration);
  CHECK(count_verb(statements, "/waived") == 1);
  CHECK(count_verb(statements, "/satisfied") == 2);
  auto twice = run_trellis(home.path(), {"registration", "waive", e.registration, kQuiz, "--reason", "Tested Out"});
  CHECK(twice.exit_code != 0);
}

TEST_CASE("cmi5 relaunch over an open session makes the LMS write abandoned and retires the old credential", "[player][cmi5][e2e]") {
  TempDir home;
  Enrolled e = enrol(home.path());
  Server server(home.path(), server_args());
  std::string admin_all = create_key_header(home.path(), {"all"});
  Au first = launch(server, home.path(), e.registration, kQuiz);
  CHECK(first.launch_data["masteryScore"] == 0.75);
  CHECK(first.launch_data["launchParameters"] == "{\"shuffle\":false}");
  CHECK(first.launch_data["launchMethod"] == "OwnWindow");
  for (const auto& s : registration_statements(server, admin_all, first.registration))
    if (count_verb(json::array({s}), "/launched") == 1)
      CHECK(s["context"]["extensions"]["https://w3id.org/xapi/cmi5/context/extensions/masteryscore"] == 0.75);
  require_stored(server, first, json::array({au_statement(first, "initialized")}));

  Au second = launch(server, home.path(), e.registration, kQuiz);
  CHECK(second.session_id != first.session_id);
  json statements = registration_statements(server, admin_all, first.registration);
  REQUIRE(count_verb(statements, "/abandoned") == 1);
  for (const auto& s : statements)
    if (count_verb(json::array({s}), "/abandoned") == 1) {
      CHECK(s["context"]["extensions"][kSessionIdExtension] == first.session_id);
      CHECK(s["result"]["duration"].get<std::string>().rfind("PT", 0) == 0);
    }
  // The abandoned session's AU may send nothing more; the new one goes on.
  CHECK(send(server, first, json::array({au_statement(first, "terminated", {{"duration", "PT1M"}})})).status == 403);
  require_stored(server, second, json::array({au_statement(second, "initialized")}));
  // Passed below the mastery score is refused (section 9.3.4).
  HttpReply low = send(server, second, json::array({au_statement(second, "passed", {{"success", true}, {"score", {{"scaled", 0.5}}}, {"duration", "PT1M"}})}));
  CHECK(low.status == 403);
  INFO(low.body);
  CHECK(low.body.find("mastery") != std::string::npos);
  HttpReply passed = send(server, second, json::array({au_statement(second, "passed", {{"success", true}, {"score", {{"scaled", 0.9}}}, {"duration", "PT1M"}})}));
  INFO(passed.body);
  CHECK(passed.status == 200);
  json shown = run_json(home.path(), {"registration", "show", e.registration, "--json"});
  for (const auto& m : shown["modules"])
    if (m["identifier"] == kQuiz) CHECK(m["success"] == "passed");
}

TEST_CASE("cmi5 Browse launches allow only initialized and terminated and an expired credential is refused", "[player][cmi5][e2e]") {
  TempDir home;
  Enrolled e = enrol(home.path());
  Server server(home.path(), server_args());
  Au au = launch(server, home.path(), e.registration, kHazards, "Browse", false);
  CHECK(au.launch_data["launchMode"] == "Browse");
  // Initialized before the preferences are read is refused (section 11.0.0.0-3).
  HttpReply too_soon = send(server, au, json::array({au_statement(au, "initialized")}));
  CHECK(too_soon.status == 403);
  CHECK(too_soon.body.find("11.0.0.0-3") != std::string::npos);
  json prefs = read_preferences(server, au);
  CHECK(prefs["languagePreference"] == "en-US");
  CHECK(prefs["audioPreference"] == "on");
  require_stored(server, au, json::array({au_statement(au, "initialized")}));
  HttpReply completed = send(server, au, json::array({au_statement(au, "completed", {{"completion", true}, {"duration", "PT1M"}})}));
  CHECK(completed.status == 403);
  // A mode cmi5 does not define is refused.
  auto bad_mode = run_trellis(home.path(), {"launch", e.registration, kHazards, "--mode", "Sideways"});
  CHECK(bad_mode.exit_code != 0);
  CHECK(bad_mode.err.find("Normal, Browse and Review") != std::string::npos);

  // The credential lives as long as the launch: once the launch expires, the
  // LRS no longer knows it and the fetch URL of a later launch is refused too.
  Au fresh = launch(server, home.path(), e.registration, kPpe);
  json later = run_json(home.path(), {"launch", e.registration, kQuiz, "--json"});
  // Age the rows through sqlite3, as the clock would (the shortest TTL is a minute).
  std::string cmd = "sqlite3 '" + (home.path() / "trellis.db").string() +
                    "' \"UPDATE au_sessions SET expires_at = '2000-01-01T00:00:00.000000Z'\"";
  REQUIRE(std::system(cmd.c_str()) == 0);
  HttpReply refused = send(server, fresh, json::array({au_statement(fresh, "initialized")}));
  CHECK(refused.status == 401);
  CHECK(refused.body.find("expired") != std::string::npos);
  json expired_fetch = fetch_token(server, parse_url(later["url"]).one("fetch"));
  CHECK(expired_fetch["error-code"] == "1");
}

TEST_CASE("cmi5 an AU hosted at its own URL is launched there with the parameters appended", "[player][cmi5][e2e]") {
  TempDir home;
  fs::path structure = home.path() / "remote-cmi5.xml";
  write_file(structure, R"(<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://trellis.example.org/courses/remote">
    <title><langstring lang="en-US">Remote</langstring></title>
    <description><langstring lang="en-US">One AU on another host.</langstring></description>
  </course>
  <au id="https://trellis.example.org/courses/remote/aus/one" moveOn="Completed">
    <title><langstring lang="en-US">Elsewhere</langstring></title>
    <description><langstring lang="en-US">Served by its publisher.</langstring></description>
    <url>https://au.example.org/lesson.html?lang=en#top</url>
  </au>
</courseStructure>
)");
  std::string course = run_json(home.path(), {"import", structure.string(), "--json"})["course_id"];
  run_json(home.path(), {"learner", "add", "tom", "--name", "Tom", "--json"});
  std::string reg = run_json(home.path(), {"registration", "create", course, "--learner", "tom", "--json"})["id"];
  Server server(home.path(), server_args());
  json ticket = run_json(home.path(), {"launch", reg, "--json"});
  std::string url = ticket["url"];
  CHECK(url.rfind("https://au.example.org/lesson.html?lang=en&", 0) == 0);
  CHECK(url.size() > 4);
  CHECK(url.substr(url.size() - 4) == "#top");
  LaunchUrl parsed = parse_url(url.substr(0, url.find('#')));
  CHECK(parsed.one("endpoint") == server.base_url() + "/xapi/");
  // Its credential works across origins: the LRS answers CORS for the AU's origin.
  json token = fetch_token(server, parsed.one("fetch"));
  REQUIRE(token.contains("auth-token"));
  auto headers = xapi_headers("Basic " + token["auth-token"].get<std::string>());
  headers["Origin"] = "https://au.example.org";
  HttpReply statements = server.get("/xapi/statements?limit=1", headers);
  CHECK(statements.status == 200);
  CHECK(statements.headers["access-control-allow-origin"] == "https://au.example.org");
}
