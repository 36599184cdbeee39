// Issue 15: deleting a course (`trellis course delete ID [--purge-records]`,
// DELETE /api/v1/courses/{id}) through the real binary and a real server: what
// goes (versions, files, modules, discussions, knowledge entries, links), what
// stays (records unless purged, other courses), and that a deletion killed at
// any point leaves the whole course or none of its rows.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "app/runtime.hpp"
#include "catalog/course_removal.hpp"
#include "knowledge/index_store.hpp"
#include "knowledge/link_store.hpp"
#include "run_json.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace trellis::testing;

namespace {

constexpr const char* kHazardsAu = "https://trellis.example.org/courses/safety-basics/aus/hazards";


std::string import_sample(const fs::path& home, const std::string& folder) {
  return run_json(home, {"import", std::string(TRELLIS_SOURCE_DIR) + "/packages/" + folder, "--json"})["course_id"];
}

// The module whose identifier is `identifier`, else the course's second module (its first is the root).
std::string module_of(const fs::path& home, const std::string& course, const std::string& identifier = "") {
  auto modules = run_json(home, {"course", "show", course, "--json"})["modules"];
  for (const auto& m : modules)
    if (m["identifier"] == identifier) return m["id"];
  REQUIRE(modules.size() > 1);
  return modules[1]["id"];
}

std::set<std::string> course_ids(const fs::path& home) {
  std::set<std::string> out;
  json listed = run_json(home, {"course", "list", "--json"});
  for (const auto& c : listed["courses"]) out.insert(c["course_id"].get<std::string>());
  return out;
}

size_t exported_statements(const fs::path& home) {
  auto r = run_trellis(home, {"records", "export", "--format", "jsonl"});
  REQUIRE(r.exit_code == 0);
  return static_cast<size_t>(std::count(r.out.begin(), r.out.end(), '\n'));
}

// How many search results of `kind` mention `words`.
size_t found(const fs::path& home, const std::string& words, const std::string& kind) {
  return run_json(home, {"search", words, "--kind", kind, "--json"})["results"].size();
}

// How many module search results for `words` belong to `course`.
size_t modules_found_in(const fs::path& home, const std::string& words, const std::string& course) {
  size_t n = 0;
  json answer = run_json(home, {"search", words, "--kind", "module", "--json"});
  for (const auto& r : answer["results"]) n += r["course_id"] == course ? 1 : 0;
  return n;
}

std::string statement_about(const std::string& activity) {
  return json{{"actor", {{"mbox", "mailto:ana@example.org"}}},
              {"verb", {{"id", "http://adlnet.gov/expapi/verbs/completed"}}},
              {"object", {{"id", activity}}}}
      .dump();
}

// Two courses, the cmi5 one (A) with a discussion on a module, links from and
// to its module, and statements about it and about something else.
struct TwoCourses {
  TempDir dir;
  fs::path home = dir / "home";
  std::string a, b, a_module, b_module;
  TwoCourses() {
    a = import_sample(home, "cmi5-safety-basics");
    b = import_sample(home, "scorm12-workplace-safety");
    a_module = module_of(home, a, kHazardsAu);
    b_module = module_of(home, b);
    auto thread = run_trellis(home, {"discuss", "start", a_module, "--title", "Which gloves near solvents",
                                     "--body", "Nitrile or butyl", "--author", "ana@example.org"});
    REQUIRE(thread.exit_code == 0);
    REQUIRE(run_trellis(home, {"discuss", "attach", a_module, "module:catalog:" + b_module}).exit_code == 0);
    REQUIRE(run_trellis(home, {"discuss", "attach", b_module, "module:catalog:" + a_module}).exit_code == 0);
    std::string key = create_key_header(home, {"all"});
    Server server(home);
    for (const std::string& activity : {std::string(kHazardsAu), std::string("https://example.org/elsewhere")}) {
      auto posted = server.request("POST", "/xapi/statements", statement_about(activity), "application/json",
                                   {{"Authorization", key}, {"X-Experience-API-Version", "1.0.3"}});
      REQUIRE(posted.status == 200);
    }
  }
};

}  // namespace

TEST_CASE("course delete removes versions files modules discussions entries and links and keeps records",
          "[e2e][course-delete]") {
  TwoCourses s;
  size_t statements = exported_statements(s.home);  // two posted and the thread's own
  REQUIRE(statements == 3);
  REQUIRE(fs::is_directory(s.home / "courses" / s.a));
  REQUIRE(found(s.home, "gloves solvents", "thread") == 1);
  REQUIRE(modules_found_in(s.home, "hazards around you", s.a) > 0);

  auto report = run_json(s.home, {"course", "delete", s.a, "--json"});
  CHECK(report["course_id"] == s.a);
  CHECK(report["versions"] == 1);
  CHECK(report["modules"].get<int>() >= 2);
  CHECK(report["files_removed"].get<int>() > 0);
  CHECK(report["discussions"]["threads"] == 1);
  CHECK(report["knowledge"]["links"] == 2);
  CHECK(report["records"] == "kept");

  CHECK(course_ids(s.home) == std::set<std::string>{s.b});
  CHECK_FALSE(fs::exists(s.home / "courses" / s.a));
  CHECK(fs::is_directory(s.home / "courses" / s.b));
  CHECK(found(s.home, "gloves solvents", "thread") == 0);
  CHECK(modules_found_in(s.home, "hazards around you", s.a) == 0);
  CHECK(modules_found_in(s.home, "spotting hazards", s.b) > 0);
  auto shown = run_trellis(s.home, {"course", "show", s.a});
  CHECK(shown.exit_code == 1);
  // The other course keeps its own module but not the link to the deleted one.
  CHECK(run_json(s.home, {"discuss", "links", s.b_module, "--json"})["links"].empty());
  CHECK(exported_statements(s.home) == statements);

  auto again = run_trellis(s.home, {"course", "delete", s.a});
  CHECK(again.exit_code == 1);
  CHECK(again.err.find("no course with id " + s.a) != std::string::npos);
}

TEST_CASE("course delete --purge-records erases the course's learning records and no others",
          "[e2e][course-delete]") {
  TwoCourses s;
  REQUIRE(exported_statements(s.home) == 3);
  auto report = run_json(s.home, {"course", "delete", s.a, "--purge-records", "--json"});
  // The statement about its AU and the one its discussion made.
  CHECK(report["records"]["statements"] == 2);
  auto left = run_trellis(s.home, {"records", "export", "--format", "jsonl"});
  REQUIRE(left.exit_code == 0);
  CHECK(std::count(left.out.begin(), left.out.end(), '\n') == 1);
  CHECK(left.out.find("https://example.org/elsewhere") != std::string::npos);
}

TEST_CASE("DELETE /api/v1/courses/{id} deletes a course for an admin key and its modules are gone",
          "[e2e][course-delete]") {
  TwoCourses s;
  std::string admin = create_key_header(s.home, {"admin"});
  Server server(s.home);
  auto module = server.get("/api/v1/modules/" + s.a_module);
  REQUIRE(module.status == 200);
  CHECK(json::parse(module.body)["course_id"] == s.a);

  CHECK(server.request("DELETE", "/api/v1/courses/" + s.a + "?purge_records=maybe", "", "", {{"Authorization", admin}})
            .status == 400);
  auto deleted = server.request("DELETE", "/api/v1/courses/" + s.a, "", "", {{"Authorization", admin}});
  REQUIRE(deleted.status == 200);
  CHECK(json::parse(deleted.body)["discussions"]["threads"] == 1);
  CHECK(server.get("/api/v1/courses/" + s.a).status == 404);
  CHECK(server.get("/api/v1/modules/" + s.a_module).status == 404);
  CHECK(server.get("/api/v1/modules/" + s.b_module).status == 200);
  CHECK(server.request("DELETE", "/api/v1/courses/" + s.a, "", "", {{"Authorization", admin}}).status == 404);
  CHECK_FALSE(fs::exists(s.home / "courses" / s.a));
}

TEST_CASE("A course delete killed before its commit changes nothing and one killed after leaves only files",
          "[e2e][course-delete]") {
  TwoCourses s;
  auto killed = run_trellis(s.home, {"course", "delete", s.a}, {{"TRELLIS_TEST_COURSE_DELETE_KILL_AT", "deleted"}});
  CHECK(killed.exit_code == 128 + 9);
  CHECK(course_ids(s.home) == std::set<std::string>{s.a, s.b});
  CHECK(fs::is_directory(s.home / "courses" / s.a));
  CHECK(found(s.home, "gloves solvents", "thread") == 1);
  CHECK(run_json(s.home, {"discuss", "links", s.a_module, "--json"})["links"].size() == 1);

  killed = run_trellis(s.home, {"course", "delete", s.a}, {{"TRELLIS_TEST_COURSE_DELETE_KILL_AT", "committed"}});
  CHECK(killed.exit_code == 128 + 9);
  CHECK(course_ids(s.home) == std::set<std::string>{s.b});
  CHECK(found(s.home, "gloves solvents", "thread") == 0);
  // The files outlived the rows; the next import's recovery removes them.
  CHECK(fs::is_directory(s.home / "courses" / s.a));
  import_sample(s.home, "scorm2004-fire-and-emergency");
  CHECK_FALSE(fs::exists(s.home / "courses" / s.a));
}

TEST_CASE("A course delete whose hook fails after removing links and entries leaves all of it in place",
          "[e2e][course-delete]") {
  TwoCourses s;
  {
    auto runtime = trellis::Runtime::open(s.home);
    REQUIRE(runtime);
    trellis::catalog::CourseRemovalHooks hooks;
    hooks.removing = [](trellis::store::Database& db, const trellis::catalog::RemovedCourse& course,
                        json&) -> trellis::Status {
      // A subscriber that has already written when it fails.
      if (auto links = trellis::knowledge::remove_course_links(db, course.course_id); !links) return links.error();
      if (auto entries = trellis::knowledge::remove_course_entries(db, course.course_id); !entries)
        return entries.error();
      return trellis::make_error(trellis::ErrorKind::internal, "the subscriber failed");
    };
    auto refused = trellis::catalog::remove_course((*runtime)->home, (*runtime)->db, s.a, "test", hooks);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message == "the subscriber failed");
  }
  CHECK(course_ids(s.home) == std::set<std::string>{s.a, s.b});
  CHECK(fs::is_directory(s.home / "courses" / s.a));
  CHECK(modules_found_in(s.home, "hazards around you", s.a) > 0);
  CHECK(run_json(s.home, {"discuss", "links", s.b_module, "--json"})["links"].size() == 1);
}
