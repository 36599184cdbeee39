// Discussions as users reach them: the real `trellis` binary (discuss, import,
// records export) and a real server on 127.0.0.1, with real importer and
// exporter plugins.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <set>
#include <sstream>
#include <thread>

#include "course_doc.hpp"
#include "run_json.hpp"
#include "support.hpp"
#include "zip_writer.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using trellis::testing::course_json_doc;
using trellis::testing::ProcessResult;
using trellis::testing::run_json;
using trellis::testing::run_trellis;
using trellis::testing::TempDir;

namespace {

const std::map<std::string, std::string> kTestPlugins = {{"TRELLIS_PLUGIN_PATH", TRELLIS_BINARY_DIR "/test-plugins"}};


// identifier -> module id of a course's latest version.
std::map<std::string, std::string> module_ids(const fs::path& home, const std::string& course_id,
                                              const std::map<std::string, std::string>& env = {}) {
  std::map<std::string, std::string> out;
  json course = run_json(home, {"course", "show", course_id, "--json"}, env);
  for (const auto& m : course["modules"]) out[m["identifier"]] = m["id"];
  return out;
}

std::string import_course_json(const fs::path& dir, const fs::path& home, const std::string& name, const json& doc) {
  trellis::testing::write_zip(dir / name, {{"course.json", doc.dump()}, {"index.html", "<html>hi</html>"}});
  return run_json(home, {"import", (dir / name).string(), "--json"}, kTestPlugins)["course_id"];
}

void require_refused(const ProcessResult& r, int exit_code, const std::string& message) {
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  CHECK(r.exit_code == exit_code);
  CHECK(r.err.find(message) != std::string::npos);
}

// A cmi5 course structure alone, which the bundled cmi5 importer takes as a course.
std::string cmi5_course() {
  return R"(<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.org/courses/ppe">
    <title><langstring lang="en-US">Protective equipment</langstring></title>
    <description><langstring lang="en-US">What to wear.</langstring></description>
  </course>
  <au id="https://example.org/courses/ppe/aus/gloves" moveOn="Completed">
    <title><langstring lang="en-US">Gloves</langstring></title>
    <description><langstring lang="en-US">Which gloves for which job.</langstring></description>
    <url>https://content.example.org/ppe/gloves.html</url>
  </au>
</courseStructure>
)";
}

}  // namespace

TEST_CASE("a discussion stays on its module when the course is imported again", "[community][cli]") {
  TempDir dir;
  auto home = dir / "home";
  std::string course =
      import_course_json(dir.path(), home, "v1.zip", course_json_doc({{"m1", "Fire"}, {"m2", "Spill"}}));
  auto v1 = module_ids(home, course, kTestPlugins);
  std::string m1 = v1.at("m1");

  auto started = run_json(home, {"discuss", "start", m1, "--title", "Which extinguisher?", "--body",
                                 "Water or **CO2** on <script>alert(1)</script> electrics?", "--author",
                                 "ana@example.org", "--tag", "fire", "--tag", "electrics", "--json"});
  std::string thread = started["id"];
  CHECK(started["module_id"] == m1);
  CHECK(started["tags"] == json::array({"fire", "electrics"}));
  std::string html = started["posts"][0]["body_html"];
  CHECK(html.find("<strong>CO2</strong>") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  auto reply = run_json(home, {"discuss", "reply", thread, "--body", "CO2, never water.", "--author", "Bo", "--json"});
  std::string answer = reply["id"];
  CHECK(reply["position"] == 1);
  auto accepted = run_json(home, {"discuss", "accept", answer, "--by", "Cy Warden", "--json"});
  CHECK(accepted["status"] == "answered");
  CHECK(accepted["accepted_post_id"] == answer);

  // Version 2 renames m1, drops m2 and adds m3: m1 keeps its id and its thread.
  std::string again =
      import_course_json(dir.path(), home, "v2.zip", course_json_doc({{"m1", "Fire safety"}, {"m3", "Gas"}}));
  CHECK(again == course);
  auto v2 = module_ids(home, course, kTestPlugins);
  REQUIRE(v2.at("m1") == m1);
  auto list = run_json(home, {"discuss", "list", m1, "--json"});
  REQUIRE(list["threads"].size() == 1);
  CHECK(list["threads"][0]["id"] == thread);
  CHECK(list["threads"][0]["status"] == "answered");
  CHECK(list["module"]["title"] == "Fire safety");
  auto shown = run_json(home, {"discuss", "thread", thread, "--json"});
  CHECK(shown["posts"].size() == 2);
  CHECK(shown["posts"][1]["accepted"] == true);
  CHECK(run_json(home, {"discuss", "list", v2.at("m3"), "--json"})["threads"].empty());

  auto text = run_trellis(home, {"discuss", "thread", thread});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("Which extinguisher?") != std::string::npos);
  CHECK(text.out.find("[accepted answer, by Cy Warden]") != std::string::npos);
}

TEST_CASE("discuss refuses bad input with one clear error and changes nothing", "[community][cli]") {
  TempDir dir;
  auto home = dir / "home";
  std::string course = import_course_json(dir.path(), home, "c.zip", course_json_doc({{"m1", "Fire"}}));
  std::string m1 = module_ids(home, course, kTestPlugins).at("m1");

  require_refused(run_trellis(home, {"discuss", "list", "mod_nope"}), 1, "no module with id mod_nope");
  require_refused(run_trellis(home, {"discuss", "start", "mod_nope", "--title", "t", "--body", "b", "--author", "a"}),
                  1, "no module with id mod_nope");
  require_refused(run_trellis(home, {"discuss", "thread", "thr_nope"}), 1, "no thread with id thr_nope");
  require_refused(run_trellis(home, {"discuss", "reply", "thr_nope", "--body", "b", "--author", "a"}), 1,
                  "no thread with id thr_nope");
  require_refused(run_trellis(home, {"discuss", "edit", "pst_nope", "--body", "b"}), 1, "no post with id pst_nope");
  require_refused(run_trellis(home, {"discuss", "accept", "pst_nope"}), 1, "no post with id pst_nope");
  require_refused(
      run_trellis(home, {"discuss", "start", m1, "--title", "t", "--body", "bad \xff\xfe", "--author", "a"}), 1,
      "body is not valid UTF-8");
  require_refused(run_trellis(home, {"discuss", "start", m1, "--title", "", "--body", "b", "--author", "a"}), 1,
                  "title is empty");
  require_refused(run_trellis(home, {"discuss", "start", m1, "--title", "t", "--body", "", "--author", "a"}), 1,
                  "body is empty");
  require_refused(run_trellis(home, {"discuss", "start", m1, "--title", "t", "--body", "b"}), 2, "--author");

  REQUIRE(run_trellis(home, {"settings", "set", "community.max_post_bytes", "100"}).exit_code == 0);
  require_refused(
      run_trellis(home, {"discuss", "start", m1, "--title", "t", "--body", std::string(101, 'x'), "--author", "a"}), 1,
      "over the limit of 100 bytes (setting community.max_post_bytes)");
  trellis::testing::write_file(dir / "body.md", std::string(100, 'y'));
  auto from_file = run_json(home, {"discuss", "start", m1, "--title", "t", "--body-file", (dir / "body.md").string(),
                                   "--author", "a", "--json"});
  CHECK(from_file["posts"][0]["body_markdown"] == std::string(100, 'y'));
  require_refused(run_trellis(home, {"settings", "set", "community.max_post_bytes", "-3"}), 1,
                  "community.max_post_bytes must be a positive integer");
  require_refused(run_trellis(home, {"settings", "set", "community.home_page", "not an iri"}), 1,
                  "community.home_page must be an IRI");

  auto list = run_json(home, {"discuss", "list", m1, "--json"});
  CHECK(list["threads"].size() == 1);
  auto records = run_trellis(home, {"records", "export", "--format", "jsonl"});
  REQUIRE(records.exit_code == 0);
  CHECK(std::count(records.out.begin(), records.out.end(), '\n') == 1);
}

TEST_CASE("REST discussions over HTTP, and their statements in records export", "[community][http]") {
  TempDir dir;
  auto home = dir / "home";
  trellis::testing::write_zip(dir / "ppe.zip", {{"cmi5.xml", cmi5_course()}});
  std::string course = run_json(home, {"import", (dir / "ppe.zip").string(), "--json"})["course_id"];
  const std::string au = "https://example.org/courses/ppe/aus/gloves";
  std::string module = module_ids(home, course).at(au);

  std::map<std::string, std::string> key = {{"Authorization", trellis::testing::create_key_header(home, {"all"})}};
  std::map<std::string, std::string> admin_only = {
      {"Authorization", trellis::testing::create_key_header(home, {"admin"})}};
  trellis::testing::Server server(home);
  std::string base = "/api/v1/modules/" + module + "/discussions";
  // Discussions are personal data: an LRS key with the "all" scope is needed.
  auto anonymous = server.get(base);
  CHECK(anonymous.status == 401);
  CHECK(anonymous.headers["content-type"] == "application/problem+json");
  CHECK(server.request("POST", base, R"({"title":"t","body":"b","author":"a"})", "application/json").status == 401);
  auto forbidden = server.get(base, admin_only);
  CHECK(forbidden.status == 403);
  CHECK(json::parse(forbidden.body)["detail"].get<std::string>().find("has no 'all' scope") != std::string::npos);

  auto get = [&](const std::string& path) { return server.get(path, key); };
  auto send = [&](const std::string& method, const std::string& path, const std::string& body,
                  const std::string& type) { return server.request(method, path, body, type, key); };
  auto empty = get(base);
  REQUIRE(empty.status == 200);
  CHECK(json::parse(empty.body)["threads"].empty());

  json question = {{"title", "Nitrile or latex?"},
                   {"body", "For solvents? <img src=x onerror=alert(1)> [see](javascript:alert(1))"},
                   {"author", "ana@example.org"},
                   {"tags", {"gloves"}}};
  auto created = send("POST", base, question.dump(), "application/json");
  INFO(created.body);
  REQUIRE(created.status == 201);
  auto thread = json::parse(created.body);
  std::string thread_id = thread["id"];
  CHECK(created.headers["location"] == "/api/v1/threads/" + thread_id);
  std::string html = thread["posts"][0]["body_html"];
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("onerror") == std::string::npos);
  CHECK(html.find("javascript:") == std::string::npos);

  auto posted = send("POST", "/api/v1/threads/" + thread_id + "/posts",
                     json{{"body", "Nitrile for most solvents."}, {"author", "Bo"}}.dump(), "application/json");
  REQUIRE(posted.status == 201);
  std::string answer = json::parse(posted.body)["id"];

  auto other =
      send("POST", base, json{{"title", "Other"}, {"body", "b"}, {"author", "Dee"}}.dump(), "application/json");
  REQUIRE(other.status == 201);
  std::string other_id = json::parse(other.body)["id"];
  auto wrong =
      send("POST", "/api/v1/threads/" + other_id + "/accept", json{{"post_id", answer}}.dump(), "application/json");
  CHECK(wrong.status == 422);
  CHECK(wrong.headers["content-type"] == "application/problem+json");
  CHECK(json::parse(wrong.body)["detail"] ==
        "post " + answer + " belongs to thread " + thread_id + ", not to thread " + other_id);
  auto accepted = send("POST", "/api/v1/threads/" + thread_id + "/accept",
                       json{{"post_id", answer}, {"by", "Cy Warden"}}.dump(), "application/json");
  REQUIRE(accepted.status == 200);
  CHECK(json::parse(accepted.body)["status"] == "answered");

  auto patched =
      send("PATCH", "/api/v1/posts/" + answer, json{{"body", "Nitrile, *always*."}}.dump(), "application/json");
  REQUIRE(patched.status == 200);
  CHECK(json::parse(patched.body)["body_html"] == "<p>Nitrile, <em>always</em>.</p>\n");
  auto got = get("/api/v1/threads/" + thread_id);
  REQUIRE(got.status == 200);
  auto full = json::parse(got.body);
  CHECK(full["posts"].size() == 2);
  CHECK(full["module"]["identifier"] == au);
  CHECK(json::parse(get(base).body)["threads"].size() == 2);

  // Refusals: problem+json naming what is wrong.
  auto unknown = get("/api/v1/modules/mod_nope/discussions");
  CHECK(unknown.status == 404);
  CHECK(json::parse(unknown.body)["detail"] == "no module with id mod_nope");
  CHECK(get("/api/v1/threads/thr_nope").status == 404);
  CHECK(send("PATCH", "/api/v1/posts/pst_nope", R"({"body":"x"})", "application/json").status == 404);
  auto not_json = send("POST", base, "title=x", "application/x-www-form-urlencoded");
  CHECK(not_json.status == 400);
  auto missing = send("POST", base, R"({"title":"t","body":"b"})", "application/json");
  CHECK(missing.status == 422);
  CHECK(json::parse(missing.body)["detail"] == "'author' is required");
  auto bad_utf8 = send("POST", base, "{\"title\":\"t\",\"body\":\"\xff\",\"author\":\"a\"}", "application/json");
  CHECK(bad_utf8.status == 422);
  CHECK(json::parse(bad_utf8.body)["detail"] == "the request body is not valid UTF-8");
  auto too_big = send("POST", "/api/v1/threads/" + thread_id + "/posts",
                      json{{"body", std::string(64 * 1024 + 1, 'z')}, {"author", "Bo"}}.dump(), "application/json");
  CHECK(too_big.status == 422);
  CHECK(json::parse(too_big.body)["detail"] ==
        "body is 65537 bytes, over the limit of 65536 bytes (setting community.max_post_bytes)");
  auto huge = send("POST", "/api/v1/threads/" + thread_id + "/posts",
                   json{{"body", std::string(1024 * 1024, 'z')}, {"author", "Bo"}}.dump(), "application/json");
  CHECK(huge.status == 422);
  CHECK(json::parse(huge.body)["detail"].get<std::string>().find("the request body is over") == 0);
  CHECK(server.stop() == 0);

  // Community learning leaves with formal learning: a statement for each thread
  // started, the reply and the acceptance, each under the AU's activity id.
  auto exported = run_trellis(home, {"records", "export", "--format", "jsonl"});
  REQUIRE(exported.exit_code == 0);
  std::map<std::string, int> verbs;
  std::istringstream lines(exported.out);
  for (std::string line; std::getline(lines, line);) {
    auto s = json::parse(line);
    verbs[s["verb"]["id"]]++;
    CHECK(s["context"]["contextActivities"]["parent"][0]["id"] == au);
    CHECK(s["authority"]["name"] == "test-client");  // the key that made the change vouches for it
  }
  CHECK(verbs == std::map<std::string, int>{{"http://adlnet.gov/expapi/verbs/asked", 2},
                                            {"http://id.tincanapi.com/verb/replied", 1},
                                            {"http://activitystrea.ms/schema/1.0/accept", 1}});
}

TEST_CASE("concurrent replies over HTTP all land, each in its own place, each recorded once", "[community][http]") {
  TempDir dir;
  auto home = dir / "home";
  std::string course = import_course_json(dir.path(), home, "c.zip", course_json_doc({{"m1", "Fire"}}));
  std::string module = module_ids(home, course, kTestPlugins).at("m1");
  auto started = run_json(
      home, {"discuss", "start", module, "--title", "Busy thread", "--body", "go", "--author", "ana", "--json"});
  std::string thread = started["id"];
  std::map<std::string, std::string> key = {{"Authorization", trellis::testing::create_key_header(home, {"all"})}};
  trellis::testing::Server server(home, {}, kTestPlugins);

  constexpr int kWriters = 6, kEach = 5;
  std::vector<int> statuses(kWriters * kEach, 0);
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w)
    writers.emplace_back([&, w] {
      for (int i = 0; i < kEach; ++i) {
        json body = {{"body", "reply " + std::to_string(w) + "." + std::to_string(i)},
                     {"author", "writer" + std::to_string(w)}};
        statuses[w * kEach + i] =
            server.request("POST", "/api/v1/threads/" + thread + "/posts", body.dump(), "application/json", key).status;
      }
    });
  for (auto& t : writers) t.join();
  for (int status : statuses) CHECK(status == 201);

  auto shown = json::parse(server.get("/api/v1/threads/" + thread, key).body);
  REQUIRE(shown["posts"].size() == kWriters * kEach + 1);
  std::set<int> positions;
  std::set<std::string> bodies;
  for (const auto& p : shown["posts"]) {
    positions.insert(p["position"].get<int>());
    bodies.insert(p["body_markdown"].get<std::string>());
  }
  CHECK(positions.size() == kWriters * kEach + 1);
  CHECK(*positions.rbegin() == kWriters * kEach);
  CHECK(bodies.size() == kWriters * kEach + 1);
  CHECK(server.stop() == 0);
  auto exported = run_trellis(home, {"records", "export", "--format", "jsonl"});
  REQUIRE(exported.exit_code == 0);
  CHECK(std::count(exported.out.begin(), exported.out.end(), '\n') == kWriters * kEach + 1);
}

TEST_CASE("an author given as a mailto: IRI is stored as one mbox, and forgetting that learner erases it",
          "[community][cli][forget]") {
  TempDir dir;
  auto home = dir / "home";
  std::string course = import_course_json(dir.path(), home, "c.zip", course_json_doc({{"m1", "Fire"}}));
  std::string m1 = module_ids(home, course, kTestPlugins).at("m1");
  auto started = run_json(home, {"discuss", "start", m1, "--title", "Gloves?", "--body", "Which ones?", "--author",
                                 "mailto:ana@example.org", "--json"});
  run_json(home, {"discuss", "reply", started["id"], "--body", "Nitrile.", "--author", "MAILTO:ana@example.org",
                  "--json"});
  run_json(home, {"discuss", "reply", started["id"], "--body", "Thanks.", "--author", "Bo", "--json"});
  run_json(home, {"discuss", "reply", started["id"], "--body", "Latex.", "--author", "dee@example.org", "--json"});

  auto exported = run_trellis(home, {"records", "export", "--format", "jsonl"});
  REQUIRE(exported.exit_code == 0);
  std::multiset<std::string> mboxes;
  std::istringstream lines(exported.out);
  for (std::string line; std::getline(lines, line);) {
    auto actor = json::parse(line)["actor"];
    if (actor.contains("mbox")) mboxes.insert(actor["mbox"].get<std::string>());
  }
  CHECK(mboxes ==
        std::multiset<std::string>{"mailto:ana@example.org", "mailto:ana@example.org", "mailto:dee@example.org"});

  auto forgot = run_json(home, {"learner", "forget", R"({"mbox":"mailto:ana@example.org"})", "--yes", "--json"});
  CHECK(forgot["statements"] == 2);
  exported = run_trellis(home, {"records", "export", "--format", "jsonl"});
  REQUIRE(exported.exit_code == 0);
  CHECK(exported.out.find("ana@example.org") == std::string::npos);
  CHECK(exported.out.find("Thanks.") != std::string::npos);  // Bo's reply stays

  // A learner may also be named by the bare address.
  CHECK(run_json(home, {"learner", "forget", R"({"mbox":"dee@example.org"})", "--yes", "--json"})["statements"] == 1);
  exported = run_trellis(home, {"records", "export", "--format", "jsonl"});
  CHECK(exported.out.find("dee@example.org") == std::string::npos);
}
