// The import pipeline end to end: the real `trellis` binary, a real importer
// plugin (tests/plugins/course-json-importer), real zips and folders.
#include <catch2/catch.hpp>
#include <zip.h>

#include <nlohmann/json.hpp>

#include <cctype>
#include <set>
#include <thread>

#include "course_doc.hpp"
#include "support.hpp"
#include "zip_writer.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using trellis::testing::run_trellis;
using trellis::testing::TempDir;
using trellis::testing::files_below;
using trellis::testing::ZipSpec;

namespace {

const std::map<std::string, std::string> kEnv = {{"TRELLIS_PLUGIN_PATH", TRELLIS_BINARY_DIR "/test-plugins"}};

json course_doc(const std::vector<std::pair<std::string, std::string>>& modules) {
  return trellis::testing::course_json_doc(modules);
}

std::vector<ZipSpec> course_zip(const json& doc, std::vector<ZipSpec> extra = {}) {
  std::vector<ZipSpec> entries = {{"course.json", doc.dump()}, {"index.html", "<html>hello</html>"}};
  entries.insert(entries.end(), extra.begin(), extra.end());
  return entries;
}

trellis::testing::ProcessResult trellis_run(const fs::path& home, const std::vector<std::string>& args,
                                            std::map<std::string, std::string> env = {}) {
  env.insert(kEnv.begin(), kEnv.end());
  return run_trellis(home, args, env);
}

json courses(const fs::path& home) {
  auto r = trellis_run(home, {"course", "list", "--json"});
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out)["courses"];
}

// Nothing of a refused or interrupted import may remain.
void require_nothing_stored(const fs::path& home) {
  CHECK(trellis::testing::import_leftovers(home, kEnv) == "");
}

}  // namespace

TEST_CASE("validate reports counts and diagnostics and stores nothing") {
  TempDir dir;
  auto doc = course_doc({{"m1", "Fire"}, {"m2", "Spill"}});
  doc["test_diagnostics"] = {{{"severity", 1}, {"code", "coursejson.padded"}, {"message", "padded id"},
                              {"file", "course.json"}, {"line", 7}}};
  trellis::testing::write_zip(dir / "c.zip", course_zip(doc));
  auto r = trellis_run(dir / "home", {"validate", (dir / "c.zip").string(), "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto report = json::parse(r.out);
  CHECK(report["format"] == "coursejson");
  CHECK(report["title"] == "Safety");
  CHECK(report["edition"].is_null());
  CHECK(report["organizations"] == 1);
  CHECK(report["items"] == 2);
  CHECK(report["launchable"] == 2);
  CHECK(report["scos"] == 2);
  CHECK(report["resources"] == 0);
  CHECK(report["course_id"].is_null());
  REQUIRE(report["diagnostics"].size() == 1);
  CHECK(report["diagnostics"][0]["where"] == "course.json:7");
  CHECK(report["diagnostics"][0]["severity"] == "warning");
  require_nothing_stored(dir / "home");
}

TEST_CASE("import stores the course, its files and its warnings, and course list and show read it back") {
  TempDir dir;
  auto doc = course_doc({{"m1", "Fire"}});
  doc["test_diagnostics"] = {{{"severity", 1}, {"code", "coursejson.sloppy"}, {"message", "sloppy"}}};
  trellis::testing::write_zip(dir / "c.zip", course_zip(doc, {{"__MACOSX/._index.html", "junk"}}));
  auto r = trellis_run(dir / "home", {"import", (dir / "c.zip").string(), "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto report = json::parse(r.out);
  std::string id = report["course_id"];
  CHECK(report["version"] == 1);
  CHECK(fs::exists(dir / "home" / "courses" / id / "1" / "index.html"));
  CHECK_FALSE(fs::exists(dir / "home" / "courses" / id / "1" / "__MACOSX"));
  auto list = courses(dir / "home");
  REQUIRE(list.size() == 1);
  CHECK(list[0]["course_id"] == id);
  auto show = trellis_run(dir / "home", {"course", "show", id, "--json"});
  REQUIRE(show.exit_code == 0);
  auto detail = json::parse(show.out);
  CHECK(detail["modules"].size() == 1);
  CHECK(detail["model"]["title"] == "Safety");
  std::set<std::string> codes;
  for (const auto& d : detail["diagnostics"]) codes.insert(d["code"].get<std::string>());
  CHECK(codes == std::set<std::string>{"coursejson.sloppy", "package.clutter-ignored"});
  CHECK(trellis_run(dir / "home", {"course", "show", "crs_nope"}).exit_code == 1);
}

TEST_CASE("a node kind the host never heard of imports, stores and shows with its facts") {
  TempDir dir;
  json doc = {{"schema", "trellis.course/1"}, {"format", "coursejson"}, {"identifier", "com.example.sim"},
              {"title", "Simulator"}, {"facts", {{"engine", "sim-3"}}},
              {"tallies", {{"steps", {{"kind", "simulation-step"}}}}}, {"module_facts", {{"difficulty", "easy"}}},
              {"summary", {"items", {{"name", "steps"}, {"label", "simulation steps"}}}},
              {"extensions", {{"sim", {{"seed", 7}}}}},
              {"nodes", {{{"identifier", "run"}, {"kind", "simulation-run"}, {"title", "Run"}, {"container", true},
                          {"extensions", {{"sim", {{"clock", "fast"}}}}},
                          {"children", {{{"identifier", "s1"}, {"kind", "simulation-step"}, {"title", "Step 1"},
                                         {"difficulty", "hard"}, {"launchable", true},
                                         {"launch", {{"href", "index.html"}, {"external", false}}}},
                                        {{"identifier", "s2"}, {"kind", "simulation-step"}, {"title", "Step 2"}}}}}}},
              {"resources", json::array()}};
  trellis::testing::write_zip(dir / "c.zip", course_zip(doc));
  auto human = trellis_run(dir / "home", {"validate", (dir / "c.zip").string()});
  INFO(human.err);
  REQUIRE(human.exit_code == 0);
  CHECK_THAT(human.out, Catch::Contains("  3 items, 2 simulation steps\n"));
  auto r = trellis_run(dir / "home", {"import", (dir / "c.zip").string(), "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto report = json::parse(r.out);
  CHECK(report["engine"] == "sim-3");
  CHECK(report["steps"] == 2);
  CHECK(report["nodes"] == 3);
  CHECK(report["containers"] == 1);
  auto show = trellis_run(dir / "home", {"course", "show", report["course_id"].get<std::string>(), "--json"});
  REQUIRE(show.exit_code == 0);
  auto detail = json::parse(show.out);
  CHECK(detail["engine"] == "sim-3");
  REQUIRE(detail["modules"].size() == 3);
  CHECK(detail["modules"][1]["kind"] == "simulation-step");
  CHECK(detail["modules"][1]["difficulty"] == "hard");
  CHECK(detail["modules"][2]["difficulty"] == "easy");
  CHECK(detail["model"]["extensions"]["sim"]["seed"] == 7);
  CHECK(detail["model"]["nodes"][0]["extensions"]["sim"]["clock"] == "fast");
  auto list = courses(dir / "home");
  REQUIRE(list.size() == 1);
  CHECK(list[0]["steps"] == 2);
}

TEST_CASE("hostile packages are refused through `trellis import` and leave nothing behind") {
  TempDir dir;
  auto doc = course_doc({{"m1", "Fire"}});
  struct Case {
    const char* name;
    std::vector<ZipSpec> extra;
    const char* expect;
  };
  std::vector<Case> cases = {
      {"zip slip", {{"../../outside.txt", "x"}}, "path traversal"},
      {"absolute", {{"/etc/cron.d/evil", "x"}}, "absolute path"},
      {"symlink", {{"passwd", "/etc/passwd", 0120777}}, "symbolic link"},
      {"duplicate", {{"index.html", "again"}}, "duplicate name"},
      {"non-UTF-8", {{"men\x81.html", "x", 0100644, false}}, "not valid UTF-8"},
      {"encrypted", {{"secret.html", "x", 0100644, true, true}}, "encrypted"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    trellis::testing::write_zip(dir / "h.zip", course_zip(doc, c.extra));
    auto r = trellis_run(dir / "home", {"import", (dir / "h.zip").string()});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("package.refused") && Catch::Contains(c.expect));
    require_nothing_stored(dir / "home");
  }
}

TEST_CASE("limits come from the home's settings") {
  TempDir dir;
  auto home = dir / "home";
  trellis::testing::write_zip(dir / "c.zip", course_zip(course_doc({{"m1", "Fire"}}), {{"big.bin", std::string(20000, 'b')}}));
  REQUIRE(trellis_run(home, {"settings", "set", "import.max_total_bytes", "10000"}).exit_code == 0);
  auto r = trellis_run(home, {"import", (dir / "c.zip").string()});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("import.max_total_bytes") && Catch::Contains("'big.bin'"));
  require_nothing_stored(home);
  REQUIRE(trellis_run(home, {"settings", "set", "import.max_entries", "0"}).exit_code == 1);
  REQUIRE(trellis_run(home, {"settings", "set", "import.max_total_bytes", "lots"}).exit_code == 1);
  CHECK(trellis_run(home, {"settings", "get", "import.max_total_bytes"}).out == "10000\n");

  SECTION("a deflate bomb is refused by its ratio") {
    int err = 0;
    zip_t* z = zip_open((dir / "bomb.zip").c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    REQUIRE(z != nullptr);
    std::string text = course_doc({{"m1", "Fire"}}).dump(), zeros(8 << 20, '\0');
    zip_file_add(z, "course.json", zip_source_buffer(z, text.data(), text.size(), 0), 0);
    zip_file_add(z, "zeros.bin", zip_source_buffer(z, zeros.data(), zeros.size(), 0), 0);
    REQUIRE(zip_close(z) == 0);
    REQUIRE(trellis_run(home, {"settings", "set", "import.max_total_bytes", "100000000"}).exit_code == 0);
    auto bomb = trellis_run(home, {"import", (dir / "bomb.zip").string()});
    CHECK(bomb.exit_code == 1);
    CHECK_THAT(bomb.err, Catch::Contains("'zeros.bin'") && Catch::Contains("compression ratio"));
    require_nothing_stored(home);
  }
}

TEST_CASE("importer errors, malformed models and unknown formats reject with a clear reason") {
  TempDir dir;
  auto home = dir / "home";
  SECTION("an error diagnostic from the importer") {
    auto doc = course_doc({{"m1", "Fire"}});
    doc["nodes"][0]["children"][0]["launch"]["href"] = "missing.html";
    trellis::testing::write_zip(dir / "c.zip", course_zip(doc));
    auto r = trellis_run(home, {"import", (dir / "c.zip").string()});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("coursejson.launch.missing") && Catch::Contains("missing.html"));
  }
  SECTION("a malformed course model from the plugin") {
    auto doc = course_doc({{"m1", "Fire"}});
    json broken = doc;
    broken["nodes"][0]["children"][0]["kind"] = "chapter one";  // kinds are open, but identifier-like
    doc["raw_course"] = broken.dump();
    trellis::testing::write_zip(dir / "c.zip", course_zip(doc));
    auto r = trellis_run(home, {"import", (dir / "c.zip").string()});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("import.model-invalid") && Catch::Contains("$.nodes[0].children[0].kind"));
  }
  SECTION("no importer recognises the package") {
    trellis::testing::write_zip(dir / "c.zip", {{"readme.txt", "hello"}});
    auto r = trellis_run(home, {"validate", (dir / "c.zip").string()});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("formats tried: coursejson"));
  }
  SECTION("not a zip at all") {
    trellis::testing::write_file(dir / "c.zip", "%PDF-1.4 not a zip");
    auto r = trellis_run(home, {"import", (dir / "c.zip").string()});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("formats tried"));
  }
  require_nothing_stored(home);
}

TEST_CASE("re-imports make versions of the same course with stable module ids") {
  TempDir dir;
  auto home = dir / "home";
  auto import = [&](const json& doc) {
    trellis::testing::write_zip(dir / "c.zip", course_zip(doc));
    auto r = trellis_run(home, {"import", (dir / "c.zip").string(), "--json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  };
  auto module_ids = [&](const std::string& id) {
    std::map<std::string, std::string> out;
    // Keep the parsed document alive while iterating it.
    json shown = json::parse(trellis_run(home, {"course", "show", id, "--json"}).out);
    for (const auto& m : shown["modules"]) out[m["identifier"]] = m["id"];
    return out;
  };
  auto v1 = import(course_doc({{"m1", "Fire"}, {"m2", "Spill"}, {"m3", "Noise"}}));
  std::string id = v1["course_id"];
  auto ids1 = module_ids(id);
  CHECK_FALSE(v1.contains("modules"));

  auto same = import(course_doc({{"m1", "Fire"}, {"m2", "Spill"}, {"m3", "Noise"}}));
  CHECK(same["unchanged"] == true);
  CHECK(same["version"] == 1);

  auto v2 = import(course_doc({{"m1", "Fire"}, {"m2", "Chemical spill"}, {"m4", "Ladders"}}));
  CHECK(v2["course_id"] == id);
  CHECK(v2["version"] == 2);
  CHECK(v2["previous_version"] == 1);
  CHECK(v2["modules"]["added"] == json::array({"m4"}));
  CHECK(v2["modules"]["removed"] == json::array({"m3"}));
  CHECK(v2["modules"]["changed"] == json::array({"m2"}));
  auto ids2 = module_ids(id);
  CHECK(ids2["m1"] == ids1["m1"]);
  CHECK(ids2["m2"] == ids1["m2"]);
  CHECK(ids1.count("m4") == 0);
  CHECK(courses(home).size() == 1);
  CHECK(fs::exists(home / "courses" / id / "1"));
  CHECK(fs::exists(home / "courses" / id / "2"));

  auto v3 = import(course_doc({{"m1", "Fire"}, {"m3", "Noise"}}));
  CHECK(v3["modules"]["added"] == json::array({"m3"}));
  CHECK(module_ids(id)["m3"] == ids1["m3"]);  // a module that comes back keeps its id
}

TEST_CASE("a course streamed a node at a time stores and reads back as the same course as one document") {
  TempDir dir;
  auto doc = course_doc({{"m1", "Fire"}, {"m2", "Spill"}});
  doc["nodes"][0]["children"][0]["children"] = json::array({json{{"identifier", "m1a"}, {"kind", "item"},
                                                                  {"title", "Fire drill"}, {"children", json::array()}}});
  doc["resources"] = json::array({json{{"identifier", "r1"}, {"href", "index.html"}}});
  auto import_as = [&](const std::string& name, bool streamed) {
    json sent = doc;
    sent["identifier"] = "com.example." + name;
    if (streamed) sent["test_stream"] = true;
    trellis::testing::write_zip(dir / (name + ".zip"), course_zip(sent));
    auto r = trellis_run(dir / "home", {"import", (dir / (name + ".zip")).string(), "--json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto report = json::parse(r.out);
    CHECK(report["items"] == 3);
    CHECK(report["resources"] == 1);
    auto shown = json::parse(trellis_run(dir / "home", {"course", "show", report["course_id"], "--json"}).out);
    shown["model"].erase("identifier");
    return shown;
  };
  json whole = import_as("whole", false);
  json streamed = import_as("streamed", true);
  CHECK(streamed["model"] == whole["model"]);
  REQUIRE(streamed["modules"].size() == 3);
  CHECK(streamed["modules"][1]["identifier"] == "m1a");
  CHECK(streamed["modules"][1]["parent"] == "m1");
  CHECK(streamed["model"]["nodes"][0]["children"][0]["children"][0]["identifier"] == "m1a");
}

TEST_CASE("a malformed streamed part rejects the import, naming the part") {
  TempDir dir;
  auto home = dir / "home";
  auto doc = course_doc({{"m1", "Fire"}});
  json header = doc;
  header.erase("nodes");
  header.erase("resources");
  auto part = [](const char* call, const json& body) { return json{{"call", call}, {"json", body.dump()}}; };
  json org = {{"identifier", "org"}, {"kind", "organization"}, {"title", "O"}, {"parent", ""}, {"position", 0}};
  SECTION("a node of a malformed kind, refused when it arrives") {
    json bad = {{"identifier", "x"}, {"kind", "chapter/1"}, {"title", "X"}, {"parent", "org"}, {"position", 1}};
    doc["raw_parts"] = json::array({part("begin", header), part("node", org), part("node", bad)});
    trellis::testing::write_zip(dir / "c.zip", course_zip(doc));
    auto r = trellis_run(home, {"import", (dir / "c.zip").string()});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("import.model-invalid") && Catch::Contains("the node 'x'.kind"));
    CHECK_THAT(r.err, !Catch::Contains("import.importer-failed"));
  }
  SECTION("a node whose parent never came, found when the import ends") {
    json orphan = {{"identifier", "x"}, {"kind", "item"}, {"title", "X"}, {"parent", "ghost"}, {"position", 1}};
    doc["raw_parts"] = json::array({part("begin", header), part("node", org), part("node", orphan)});
    trellis::testing::write_zip(dir / "c.zip", course_zip(doc));
    auto r = trellis_run(home, {"validate", (dir / "c.zip").string()});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("'ghost' is no node of the tree"));
  }
  require_nothing_stored(home);
  // The scratch file of the staged model goes with the import.
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(home / "tmp", ec)) FAIL("left in tmp: " << e.path());
}

TEST_CASE("a process killed at any step of an import leaves the whole course or nothing") {
  for (const char* step : {"extracting", "extracted", "renamed", "committed"}) {
    INFO(step);
    TempDir dir;
    auto home = dir / "home";
    std::vector<ZipSpec> extra;
    for (int i = 0; i < 20; ++i) extra.push_back({"assets/f" + std::to_string(i) + ".txt", std::string(1000, 'a')});
    trellis::testing::write_zip(dir / "c.zip", course_zip(course_doc({{"m1", "Fire"}}), extra));
    auto killed = trellis_run(home, {"import", (dir / "c.zip").string()}, {{"TRELLIS_TEST_IMPORT_KILL_AT", step}});
    CHECK(killed.exit_code == 128 + 9);
    // The next import cleans up what the dead one left, then does its own work.
    auto again = trellis_run(home, {"import", (dir / "c.zip").string(), "--json"});
    INFO(again.err);
    REQUIRE(again.exit_code == 0);
    auto report = json::parse(again.out);
    auto list = courses(home);
    REQUIRE(list.size() == 1);
    CHECK(list[0]["version"] == 1);
    std::string id = report["course_id"];
    CHECK(report["unchanged"] == (std::string(step) == "committed"));
    CHECK(files_below(home / "courses" / id / "1") == 23);  // 22 files + the assets folder
    CHECK(files_below(home / "courses") == 25);
    CHECK(files_below(home / "tmp") == 0);
  }
}

TEST_CASE("the schema folder setting reaches the importer") {
  TempDir dir;
  trellis::testing::write_zip(dir / "c.zip", course_zip(course_doc({{"m1", "Fire"}})));
  REQUIRE(trellis_run(dir / "home", {"settings", "set", "import.schema_dir", "/srv/schemas"}).exit_code == 0);
  auto r = trellis_run(dir / "home", {"validate", (dir / "c.zip").string(), "--json"});
  REQUIRE(r.exit_code == 0);
  CHECK(json::parse(r.out)["diagnostics"][0]["message"] == "schema folder: /srv/schemas");
}

TEST_CASE("packages upload over HTTP as a raw zip or a multipart form") {
  TempDir dir;
  auto home = dir / "home";
  // Prefer: wait (RFC 7240) gives the import's own answer when it ends in time.
  const std::map<std::string, std::string> admin = {
      {"Authorization", trellis::testing::create_key_header(home, {"admin"})}, {"Prefer", "wait=60"}};
  trellis::testing::Server server(home, {}, kEnv);
  // Uploads are for admins: refused before the body is read, and nothing is imported.
  auto anonymous = server.request("POST", "/api/v1/packages?name=safety.zip",
                                  trellis::testing::make_zip(course_zip(course_doc({{"m1", "Fire"}}))),
                                  "application/zip");
  CHECK(anonymous.status == 401);
  std::string zip = trellis::testing::make_zip(course_zip(course_doc({{"m1", "Fire"}})));
  auto created = server.request("POST", "/api/v1/packages?name=safety.zip", zip, "application/zip", admin);
  INFO(created.body);
  REQUIRE(created.status == 201);
  auto report = json::parse(created.body);
  std::string id = report["course_id"];
  CHECK(report["package"] == "safety.zip");
  CHECK(created.headers["location"] == "/api/v1/courses/" + id);

  std::string boundary = "----trellis-test-boundary";
  std::string zip2 = trellis::testing::make_zip(course_zip(course_doc({{"m1", "Fire"}, {"m2", "Spill"}})));
  std::string form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"v2.zip\"\r\n" +
                     "Content-Type: application/zip\r\n\r\n" + zip2 + "\r\n--" + boundary + "--\r\n";
  auto second = server.request("POST", "/api/v1/packages", form, "multipart/form-data; boundary=" + boundary, admin);
  INFO(second.body);
  REQUIRE(second.status == 201);
  CHECK(json::parse(second.body)["version"] == 2);
  CHECK(json::parse(second.body)["modules"]["added"] == json::array({"m2"}));

  auto hostile = server.request("POST", "/api/v1/packages",
                                trellis::testing::make_zip({{"course.json", "{}"}, {"../evil", "x"}}), "application/zip", admin);
  CHECK(hostile.status == 422);
  CHECK(hostile.headers["content-type"] == "application/problem+json");
  CHECK_THAT(hostile.body, Catch::Contains("path traversal"));
  CHECK(server.request("POST", "/api/v1/packages", "", "application/zip", admin).status == 400);

  auto list = server.get("/api/v1/courses");
  REQUIRE(list.status == 200);
  auto listed = json::parse(list.body)["courses"];
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["version"] == 2);
  CHECK(listed[0]["items"] == 2);
  auto detail = server.get("/api/v1/courses/" + id);
  REQUIRE(detail.status == 200);
  CHECK(json::parse(detail.body)["modules"].size() == 2);
  CHECK(server.get("/api/v1/courses/crs_missing").status == 404);
  CHECK(server.stop() == 0);
  CHECK(files_below(home / "tmp") == 0);
}

TEST_CASE("a starting server clears what a killed import left") {
  TempDir dir;
  auto home = dir / "home";
  trellis::testing::write_zip(dir / "c.zip", course_zip(course_doc({{"m1", "Fire"}})));
  for (const char* step : {"extracted", "renamed"}) {
    auto killed = trellis_run(home, {"import", (dir / "c.zip").string()}, {{"TRELLIS_TEST_IMPORT_KILL_AT", step}});
    REQUIRE(killed.exit_code == 128 + 9);
  }
  CHECK(files_below(home / "courses") + files_below(home / "tmp") > 0);
  trellis::testing::Server server(home, {}, kEnv);
  CHECK(server.get("/api/v1/courses").status == 200);
  CHECK(server.stop() == 0);
  require_nothing_stored(home);
}

TEST_CASE("an upload answers 202 with a job that can be polled and watched as events") {
  TempDir dir;
  auto home = dir / "home";
  std::string key = trellis::testing::create_key_header(home, {"admin"});
  std::string reader = trellis::testing::create_key_header(home, {"all"});
  trellis::testing::Server server(home, {}, kEnv);
  std::string zip = trellis::testing::make_zip(course_zip(course_doc({{"m1", "Fire"}})));
  auto accepted = server.request("POST", "/api/v1/packages?name=safety.zip", zip, "application/zip",
                                 {{"Authorization", key}});
  auto job = trellis::testing::accepted_job(accepted);
  std::string href = job["href"];
  CHECK(job["kind"] == "import");

  json state = trellis::testing::poll_job(server, href, {{"Authorization", key}}, 300);
  REQUIRE(state["state"] == "succeeded");
  CHECK(state["result"]["package"] == "safety.zip");
  CHECK(state["location"] == "/api/v1/courses/" + state["result"]["course_id"].get<std::string>());

  // A finished job's event stream tells its end at once.
  auto events = server.get(href + "/events", {{"Authorization", key}});
  CHECK(events.status == 200);
  CHECK(events.headers["content-type"] == "text/event-stream");
  CHECK_THAT(events.body, Catch::Contains("event: end"));
  CHECK_THAT(events.body, Catch::Contains("\"succeeded\""));

  // Jobs are shown to the key that submitted them (and to admins), to no one else.
  CHECK(server.get(href).status == 401);
  CHECK(server.get(href, {{"Authorization", reader}}).status == 404);
  CHECK(server.request("DELETE", href, "", "", {{"Authorization", key}}).status == 409);  // already ended

  // A rejected package ends as a failed job carrying the diagnostics.
  auto bad = server.request("POST", "/api/v1/packages", trellis::testing::make_zip({{"course.json", "{}"}, {"../evil", "x"}}),
                            "application/zip", {{"Authorization", key}, {"Prefer", "wait=60"}});
  CHECK(bad.status == 422);
  CHECK_THAT(bad.body, Catch::Contains("path traversal"));
  CHECK(json::parse(bad.body)["job"]["state"] == "failed");
}

TEST_CASE("an import job's progress names the stage the import is in", "[import][jobs][http]") {
  TempDir dir;
  auto home = dir / "home";
  std::string key = trellis::testing::create_key_header(home, {"admin"});
  trellis::testing::Server server(home, {}, kEnv);
  auto doc = course_doc({{"m1", "Fire"}});
  doc["test_delay_ms"] = 1500;  // the importer takes its time: the job is seen while it runs
  auto job = trellis::testing::accepted_job(server.request("POST", "/api/v1/packages?name=slow.zip",
                                                           trellis::testing::make_zip(course_zip(doc)),
                                                           "application/zip", {{"Authorization", key}}));
  std::string href = job["href"];
  auto events = server.get(href + "/events", {{"Authorization", key}});
  REQUIRE(events.status == 200);
  INFO(events.body);
  CHECK_THAT(events.body, Catch::Contains("event: progress"));
  CHECK_THAT(events.body, Catch::Contains("\"step\":\"running the coursejson importer\""));
  CHECK_THAT(events.body, Catch::Contains("event: end"));
  auto state = trellis::testing::poll_job(server, href, {{"Authorization", key}});
  CHECK(state["state"] == "succeeded");
  CHECK(state["result"]["package"] == "slow.zip");
  CHECK(server.stop() == 0);
}

TEST_CASE("trellis import shows its steps on a terminal and nothing more through a pipe", "[import][cli][progress]") {
  TempDir dir;
  trellis::testing::write_zip(dir / "c.zip", course_zip(course_doc({{"m1", "Fire"}, {"m2", "Spill"}})));
  std::map<std::string, std::string> env = kEnv;
  auto shown = trellis::testing::run_trellis_on_terminal(dir / "tty-home", {"import", (dir / "c.zip").string()}, env);
  INFO(shown.err);
  REQUIRE(shown.exit_code == 0);
  CHECK_THAT(shown.out, Catch::StartsWith("imported coursejson package 'c.zip'"));
  // One line rewritten in place: every step after a carriage return, the counts where known.
  for (const char* step : {"\rreading the package", "\rdetecting the format", "\rrunning the coursejson importer",
                           "\rchecking the course model", "\rextracting files 2/2", "\rstoring version 1"})
    CHECK_THAT(shown.err, Catch::Contains(step));
  // Cleared at the end: the line's last drawing is blanks, the cursor back at its
  // start; whatever follows (a log line) starts on that clean line.
  auto last = shown.err.rfind('\r');
  REQUIRE((last != std::string::npos && last > 0));
  auto before = shown.err.rfind('\r', last - 1);
  REQUIRE(before != std::string::npos);
  std::string blank = shown.err.substr(before + 1, last - before - 1);
  CHECK_FALSE(blank.empty());
  CHECK(blank.find_first_not_of(' ') == std::string::npos);
  std::string after = shown.err.substr(last + 1);
  CHECK((after.empty() || std::isdigit(static_cast<unsigned char>(after[0]))));

  // --json and a pipe: not a byte of it.
  auto json_on_tty =
      trellis::testing::run_trellis_on_terminal(dir / "json-home", {"import", (dir / "c.zip").string(), "--json"}, env);
  REQUIRE(json_on_tty.exit_code == 0);
  CHECK(json_on_tty.err.find("reading the package") == std::string::npos);
  auto piped = trellis_run(dir / "pipe-home", {"import", (dir / "c.zip").string()});
  REQUIRE(piped.exit_code == 0);
  CHECK(piped.err.find('\r') == std::string::npos);
  CHECK(piped.err.find("reading the package") == std::string::npos);
  // The same report either way, but for the new course's id.
  auto without_id = [](std::string text) {
    auto at = text.find("course crs_");
    if (at != std::string::npos) text.erase(at, text.find(' ', at + 7) - at);
    return text;
  };
  CHECK(without_id(piped.out) == without_id(shown.out));
}
