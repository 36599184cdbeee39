// Issue 16: the player's host side through the real binary, a real server with
// a content listener of its own and the real SCORM runtime plugins: learners,
// registrations, launch URLs, the content origin's pages, files and commits,
// and what a registration shows afterwards. The browser side is in tests/browser.
#include <catch2/catch.hpp>

#include <regex>

#include <nlohmann/json.hpp>

#include "run_json.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace trellis::testing;

namespace {

std::string import_sample(const fs::path& home, const std::string& folder) {
  return run_json(home, {"import", std::string(TRELLIS_SOURCE_DIR) + "/packages/" + folder, "--json"})["course_id"];
}

// A registered learner on the SCORM 1.2 sample course.
struct Enrolled {
  std::string course;
  std::string registration;
};

Enrolled enrol(const fs::path& home, const std::string& folder = "scorm12-workplace-safety") {
  Enrolled e;
  e.course = import_sample(home, folder);
  run_json(home, {"learner", "add", "ana", "--name", "Ana Lima", "--email", "ana@example.org", "--json"});
  e.registration = run_json(home, {"registration", "create", e.course, "--learner", "ana", "--json"})["id"];
  return e;
}

// The path of a launch URL on its origin ("/play/TOKEN/").
std::string path_of(const std::string& url) {
  auto scheme = url.find("://");
  REQUIRE(scheme != std::string::npos);
  auto slash = url.find('/', scheme + 3);
  REQUIRE(slash != std::string::npos);
  return url.substr(slash);
}

// The boot document a launch page carries in <script id="trellis-launch">.
json boot_of(const std::string& html) {
  std::smatch m;
  static const std::regex tag(R"(<script type="application/json" id="trellis-launch">([^<]*)</script>)");
  REQUIRE(std::regex_search(html, m, tag));
  return json::parse(m[1].str());
}

HttpReply commit(const Server& server, const json& boot, const json& body, const std::string& type = "application/json") {
  return server.content("POST", boot["commit_url"].get<std::string>(), body.dump(), type);
}

std::vector<std::string> server_args() { return {"--content-listen", "127.0.0.1:0"}; }

}  // namespace

TEST_CASE("Player learners and registrations through the CLI and relaunch reuses the registration", "[player][e2e]") {
  TempDir home;
  Enrolled e = enrol(home.path());
  json listed = run_json(home.path(), {"learner", "list", "--json"});
  REQUIRE(listed["learners"].size() == 1);
  CHECK(listed["learners"][0]["name"] == "Ana Lima");
  json again = run_json(home.path(), {"registration", "create", e.course, "--learner", "ana", "--json"});
  CHECK(again["id"] == e.registration);
  CHECK(again["created"] == false);
  std::string uuid = again["xapi_registration"];
  CHECK(std::regex_match(uuid, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));

  auto unknown = run_trellis(home.path(), {"registration", "create", e.course, "--learner", "nobody"});
  CHECK(unknown.exit_code != 0);
  CHECK(unknown.err.find("nobody") != std::string::npos);
  auto twice = run_trellis(home.path(), {"learner", "add", "ana", "--name", "Other"});
  CHECK(twice.exit_code != 0);
  CHECK(twice.err.find("ana") != std::string::npos);

  json shown = run_json(home.path(), {"registration", "show", e.registration, "--json"});
  CHECK(shown["completed"] == false);
  CHECK(shown["passed"].is_null());
  REQUIRE(!shown["modules"].empty());
  for (const auto& m : shown["modules"]) {
    CHECK(m["completion"] == "not attempted");
    CHECK(m["attempts"] == 0);
  }
}

TEST_CASE("Player launch without a content origin says how to get one", "[player][e2e]") {
  TempDir home;
  Enrolled e = enrol(home.path());
  auto r = run_trellis(home.path(), {"launch", e.registration});
  CHECK(r.exit_code != 0);
  CHECK(r.err.find("--content-listen") != std::string::npos);
}

TEST_CASE("Player launch pages and course files are served only on the content origin and only for a live token", "[player][e2e]") {
  TempDir home;
  Enrolled e = enrol(home.path());
  Server server(home.path(), server_args());
  REQUIRE(server.content_port() != 0);
  json ticket = run_json(home.path(), {"launch", e.registration, "--json"});
  std::string url = ticket["url"];
  CHECK(url.find(":" + std::to_string(server.content_port()) + "/play/") != std::string::npos);
  std::string page_path = path_of(url);

  HttpReply page = server.content("GET", page_path);
  REQUIRE(page.status == 200);
  CHECK(page.headers["content-type"].find("text/html") == 0);
  CHECK(page.headers["content-security-policy"].find("script-src 'self'") != std::string::npos);
  CHECK(page.headers.count("set-cookie") == 0);
  CHECK(page.headers["cache-control"] == "no-store");
  CHECK(page.body.find("/assets/player-scorm12.js") != std::string::npos);  // only the API the SCO uses
  json boot = boot_of(page.body);
  CHECK(boot["api"] == "scorm12");
  CHECK(boot["elements"]["cmi.core.student_id"] == "ana");
  CHECK(boot["elements"]["cmi.core.entry"] == "ab-initio");
  CHECK(boot["seq"] == 0);

  // The API listener knows nothing of launch pages, and the content listener nothing of the API.
  CHECK(server.get(page_path).status == 404);
  CHECK(server.content("GET", "/api/v1/version").status == 404);
  CHECK(server.content("GET", "/play/not-a-token/").status == 401);
  // A key of the API grants nothing here: the content origin refuses credentials outright.
  std::string admin = create_key_header(home.path(), {"admin"});
  CHECK(server.content("GET", page_path, {}, {}, {{"Authorization", admin}}).status == 400);

  // The SCO itself: a stored entry of the version, with its type and no cookies.
  std::string content_url = boot["content_url"];
  std::string file_path = content_url.substr(0, content_url.find('?'));
  HttpReply sco = server.content("GET", file_path);
  REQUIRE(sco.status == 200);
  CHECK(sco.headers["content-type"].find("text/html") == 0);
  CHECK(sco.headers["x-content-type-options"] == "nosniff");
  CHECK(sco.headers["cache-control"] == "private, max-age=300");
  CHECK(page.headers["x-content-type-options"] == "nosniff");
  CHECK(sco.headers.count("set-cookie") == 0);
  HttpReply part = server.content("GET", file_path, {}, {}, {{"Range", "bytes=0-9"}});
  CHECK(part.status == 206);
  CHECK(part.body.size() == 10);
  CHECK(part.body == sco.body.substr(0, 10));

  // Paths the package never held: climbing out, the manifest's neighbours on disk, the database.
  std::string base = page_path + "content/";
  CHECK(server.content("GET", base + "../../../trellis.db").status == 404);
  CHECK(server.content("GET", base + "%2e%2e/%2e%2e/trellis.db").status == 404);
  CHECK(server.content("GET", base + "no/such/file.html").status == 404);
  CHECK(server.content("GET", base + "imsmanifest.xml").status == 200);
  fs::create_symlink(home.path() / "trellis.db", home.path() / "courses" / e.course / "1" / "planted.html");
  CHECK(server.content("GET", base + "planted.html").status == 404);
  CHECK(server.content("GET", "/assets/../trellis.db").status == 404);
}

TEST_CASE("Player launch pages name their bundle files by digest so a browser keeps them without asking again", "[player][e2e]") {
  TempDir home;
  Enrolled e = enrol(home.path());
  Server server(home.path(), server_args());
  json ticket = run_json(home.path(), {"launch", e.registration, "--json"});
  HttpReply page = server.content("GET", path_of(ticket["url"]));
  REQUIRE(page.status == 200);
  std::smatch script;
  REQUIRE(std::regex_search(page.body, script, std::regex(R"re(<script src="(/assets/player-scorm12\.js)\?v=([0-9a-f]{12})")re")));
  std::smatch style;
  REQUIRE(std::regex_search(page.body, style, std::regex(R"re(href="/assets/player\.css\?v=[0-9a-f]{12}")re")));

  HttpReply versioned = server.content("GET", script[1].str() + "?v=" + script[2].str());
  REQUIRE(versioned.status == 200);
  CHECK(versioned.headers["cache-control"] == "public, max-age=31536000, immutable");
  // Any other version, or none, is served for revalidation: it may not be these bytes.
  HttpReply plain = server.content("GET", script[1].str());
  REQUIRE(plain.status == 200);
  CHECK(plain.headers["cache-control"] == "no-cache");
  CHECK(plain.body == versioned.body);
  HttpReply stale = server.content("GET", script[1].str() + "?v=000000000000");
  REQUIRE(stale.status == 200);
  CHECK(stale.headers["cache-control"] == "no-cache");
}

TEST_CASE("Player commits go through the SCORM runtime in order and land in the registration and the LRS", "[player][e2e]") {
  TempDir home;
  Enrolled e = enrol(home.path());
  Server server(home.path(), server_args());
  json ticket = run_json(home.path(), {"launch", e.registration, "--json"});
  json boot = boot_of(server.content("GET", path_of(ticket["url"])).body);

  json first = {{"seq", 1}, {"terminate", false},
                {"elements", {{"cmi.core.lesson_status", "incomplete"}, {"cmi.core.lesson_location", "page-2"},
                              {"cmi.suspend_data", "p=2"}}}};
  HttpReply one = commit(server, boot, first);
  REQUIRE(one.status == 200);
  CHECK(json::parse(one.body)["result"] == true);
  // The same commit again (a retry after a lost answer) gets the same answer and changes nothing.
  HttpReply replay = commit(server, boot, first);
  CHECK(replay.status == 200);
  CHECK(replay.body == one.body);
  // Out of order: refused, nothing stored.
  HttpReply skipped = commit(server, boot, {{"seq", 5}, {"terminate", false}, {"elements", json::object()}});
  CHECK(skipped.status == 409);
  // A value SCORM 1.2 does not allow: the standard's code, nothing stored.
  HttpReply bad = commit(server, boot, {{"seq", 2}, {"terminate", false},
                                        {"elements", {{"cmi.core.lesson_status", "finished"}}}});
  REQUIRE(bad.status == 200);
  json refused = json::parse(bad.body);
  CHECK(refused["result"] == false);
  CHECK(refused["errorCode"] == 405);
  // Not JSON, or the wrong media type.
  CHECK(server.content("POST", boot["commit_url"].get<std::string>(), "{\"seq\":", "application/json").status == 400);
  CHECK(server.content("POST", boot["commit_url"].get<std::string>(), first.dump(), "application/x-www-form-urlencoded").status == 415);

  // The last commit of the session comes as sendBeacon's text/plain.
  json last = {{"seq", 2}, {"terminate", true},
               {"elements", {{"cmi.core.lesson_status", "passed"}, {"cmi.core.score.raw", "92"},
                             {"cmi.core.session_time", "00:03:10"}, {"cmi.core.exit", ""}}}};
  HttpReply two = commit(server, boot, last, "text/plain");
  REQUIRE(two.status == 200);
  CHECK(json::parse(two.body)["result"] == true);

  json shown = run_json(home.path(), {"registration", "show", e.registration, "--json"});
  const json* module = nullptr;
  for (const auto& m : shown["modules"])
    if (m["attempts"] == 1) module = &m;
  REQUIRE(module != nullptr);
  CHECK((*module)["success"] == "passed");
  CHECK((*module)["score_raw"] == 92);
  CHECK((*module)["total_seconds"] == 190);

  // The runtime's statements are in the host's LRS, with the registration's UUID.
  auto exported = run_trellis(home.path(), {"records", "export", "--format", "jsonl"});
  REQUIRE(exported.exit_code == 0);
  CHECK(exported.out.find(shown["xapi_registration"].get<std::string>()) != std::string::npos);
  CHECK(exported.out.find("http://adlnet.gov/expapi/verbs/passed") != std::string::npos);
  server.stop();
}

TEST_CASE("Player a suspended attempt resumes where it stopped after the host restarts", "[player][e2e]") {
  TempDir home;
  Enrolled e = enrol(home.path());
  {
    Server server(home.path(), server_args());
    json ticket = run_json(home.path(), {"launch", e.registration, "--json"});
    json boot = boot_of(server.content("GET", path_of(ticket["url"])).body);
    HttpReply r = commit(server, boot, {{"seq", 1}, {"terminate", true},
                                        {"elements", {{"cmi.core.lesson_status", "incomplete"},
                                                      {"cmi.core.exit", "suspend"},
                                                      {"cmi.core.lesson_location", "page-3"},
                                                      {"cmi.suspend_data", "answers=1,0,1"}}}});
    REQUIRE(r.status == 200);
    CHECK(json::parse(r.body)["result"] == true);
    server.stop(9);  // killed, not stopped: what was answered is on disk
  }
  Server again(home.path(), server_args());
  json ticket = run_json(home.path(), {"launch", e.registration, "--json"});
  json boot = boot_of(again.content("GET", path_of(ticket["url"])).body);
  CHECK(boot["elements"]["cmi.core.entry"] == "resume");
  CHECK(boot["elements"]["cmi.core.lesson_location"] == "page-3");
  CHECK(boot["elements"]["cmi.suspend_data"] == "answers=1,0,1");
  CHECK(boot["seq"] == 1);
  json shown = run_json(home.path(), {"registration", "show", e.registration, "--json"});
  int attempts = 0;
  for (const auto& m : shown["modules"]) attempts += m["attempts"].get<int>();
  CHECK(attempts == 1);
}

TEST_CASE("Player learners registrations and launch over REST need an admin key", "[player][e2e]") {
  TempDir home;
  std::string course = import_sample(home.path(), "scorm2004-fire-and-emergency");
  Server server(home.path(), server_args());
  std::string admin = create_key_header(home.path(), {"admin"});
  std::map<std::string, std::string> auth = {{"Authorization", admin}};
  json learner = {{"id", "ben"}, {"name", "Ben Okafor"}, {"email", "ben@example.org"}};
  CHECK(server.request("POST", "/api/v1/learners", learner.dump(), "application/json").status == 401);
  HttpReply added = server.request("POST", "/api/v1/learners", learner.dump(), "application/json", auth);
  REQUIRE(added.status == 201);
  CHECK(json::parse(added.body)["name"] == "Ben Okafor");
  CHECK(server.request("POST", "/api/v1/learners", learner.dump(), "application/json", auth).status == 409);
  CHECK(server.request("POST", "/api/v1/learners", R"({"id": "x"})", "application/json", auth).status == 422);
  HttpReply one = server.get("/api/v1/learners/ben", auth);
  CHECK(one.status == 200);
  CHECK(server.get("/api/v1/learners/nobody", auth).status == 404);

  json want = {{"course_id", course}, {"learner", "ben"}};
  HttpReply reg = server.request("POST", "/api/v1/registrations", want.dump(), "application/json", auth);
  INFO(reg.body);
  REQUIRE((reg.status == 201 || reg.status == 200));
  std::string id = json::parse(reg.body)["id"];
  HttpReply same = server.request("POST", "/api/v1/registrations", want.dump(), "application/json", auth);
  CHECK(json::parse(same.body)["id"] == id);
  HttpReply listed = server.get("/api/v1/registrations", auth);
  REQUIRE(listed.status == 200);
  CHECK(json::parse(listed.body)["registrations"].size() == 1);

  CHECK(server.request("POST", "/api/v1/registrations/" + id + "/launch", "{}", "application/json").status == 401);
  HttpReply launched = server.request("POST", "/api/v1/registrations/" + id + "/launch", "{}", "application/json", auth);
  REQUIRE(launched.status == 201);
  json ticket = json::parse(launched.body);
  HttpReply page = server.content("GET", path_of(ticket["url"]));
  REQUIRE(page.status == 200);
  json boot = boot_of(page.body);
  CHECK(boot["api"] == "scorm2004");
  CHECK(boot["elements"]["cmi.learner_id"] == "ben");
  CHECK(server.get("/api/v1/registrations/" + id, auth).status == 200);
  CHECK(server.get("/api/v1/registrations/no-such", auth).status == 404);
}
