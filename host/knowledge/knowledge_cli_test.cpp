// Knowledge search, connectors and module links end to end: the real `trellis`
// binary, real plugins (course-json-importer, json-connector), the real server
// over 127.0.0.1.
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "app/runtime.hpp"
#include "knowledge/index_store.hpp"
#include "knowledge_scenario.hpp"

using namespace trellis;
using namespace trellis::knowledge_testing;
using nlohmann::json;


TEST_CASE("cultural differences: the module, the thread, the guideline and two experts in one answer",
          "[knowledge][e2e]") {
  Scenario s;
  auto synced = s.run_json({"connector", "sync", "kb-test-a", "--json"});
  REQUIRE(synced["syncs"].size() == 1);
  CHECK(synced["syncs"][0]["status"] == "ok");
  CHECK(synced["syncs"][0]["applied"] == 4);

  auto found = s.run_json({"search", "cultural differences", "--json"});
  INFO(found.dump(2));
  CHECK(kinds_of(found["results"]) ==
        std::multiset<std::string>{"module", "thread", "document", "expert", "expert"});
  CHECK(found["counts"]["module"] == 1);
  CHECK(found["counts"]["thread"] == 1);
  CHECK(found["counts"]["document"] == 1);
  CHECK(found["counts"]["expert"] == 2);
  CHECK(found["counts"]["post"] == 0);
  for (const auto& r : found["results"]) {
    for (const char* key : {"kind", "title", "url", "snippet", "source", "score"}) CHECK(r.contains(key));
    if (r["kind"] == "module") {
      CHECK(r["title"] == "Working across cultures");
      CHECK(r["source"] == "catalog");
    }
    if (r["kind"] == "thread") CHECK(r["source"] == "native");
    if (r["kind"] == "expert") CHECK(r["source"] == "kb-test-a");
  }
  auto experts = s.run_json({"search", "cultural differences", "--kind", "expert", "--json"});
  CHECK(kinds_of(experts["results"]) == std::multiset<std::string>{"expert", "expert"});

  auto text = s.run({"search", "cultural differences"});
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("Working across cultures") && Catch::Contains("2 expert"));

  auto punct = s.run({"search", "?! --"});
  CHECK(punct.exit_code == 1);
  CHECK_THAT(punct.err, Catch::Contains("no words to search for"));
  CHECK(s.run({"search", "x", "--kind", "podcast"}).exit_code == 1);

  auto list = s.run_json({"connector", "list", "--json"});
  bool saw_a = false, saw_b = false;
  for (const auto& c : list["connectors"]) {
    if (c["id"] == "kb-test-a") {
      saw_a = true;
      CHECK(c["status"] == "ok");
      CHECK(c["last_sync_at"].is_string());
      CHECK(c["indexed"] == 4);
    }
    if (c["id"] == "kb-test-b") {
      saw_b = true;
      CHECK(c["status"] == "never");
      CHECK(c["last_sync_at"].is_null());
    }
  }
  CHECK((saw_a && saw_b));
  CHECK(s.run({"connector", "sync", "no-such-plugin"}).exit_code == 1);

  // A course imported before knowledge search existed (its modules missing from
  // the index) is indexed by the backfill the next search runs.
  {
    auto rt = Runtime::open(s.home);
    REQUIRE(rt.ok());
    REQUIRE(knowledge::remove_course_modules(rt.value()->db, s.course_id).ok());
  }
  CHECK(s.run_json({"search", "cultural differences", "--kind", "module", "--json"})["counts"]["module"] == 1);
}

TEST_CASE("an import proposes what the connectors know about its modules, ranked, without attaching",
          "[knowledge][e2e]") {
  Scenario s;
  auto report = s.import(course_doc("Ladder inspection"));
  INFO(report.dump(2));
  REQUIRE(report["suggested"].is_array());
  bool guideline_for_culture = false, ladders_for_extra = false;
  std::map<std::string, double> last_score;
  for (const auto& p : report["suggested"]) {
    std::string module = p["module_id"];
    if (p["item"] == "document:kb-test-a:guide-culture" && module == s.module_id) guideline_for_culture = true;
    if (p["item"] == "document:kb-test-a:guide-ladders" && p["module_title"] == "Ladder inspection")
      ladders_for_extra = true;
    if (last_score.count(module)) CHECK(last_score[module] >= p["score"].get<double>());
    last_score[module] = p["score"];
  }
  CHECK(guideline_for_culture);
  CHECK(ladders_for_extra);
  CHECK_FALSE(report.contains("auto_attached"));  // no threshold: proposals only
  CHECK(s.run_json({"discuss", "links", s.module_id, "--json"})["links"].empty());
}

TEST_CASE("publish opens a thread about a module through a connector, indexes it and attaches it",
          "[knowledge][e2e]") {
  Scenario s;
  auto published = s.run_json({"discuss", "publish", s.module_id, "--connector", "kb-test-a", "--author",
                               "Course team", "--json"});
  INFO(published.dump(2));
  CHECK(published["source"] == "kb-test-a");
  CHECK(published["title"] == "Discussion: Working across cultures");
  std::string item = published["item"];
  CHECK(item.rfind("thread:kb-test-a:posted-", 0) == 0);
  CHECK(published["url"].get<std::string>().rfind("https://forum.example/t/posted-", 0) == 0);

  // The outside forum holds the thread, with the module's description as its opening post.
  auto stored = json::parse(testing::read_file(s.dir / "kb.json"));
  REQUIRE(stored.back()["kind"] == "discussion");
  CHECK(stored.back()["title"] == "Discussion: Working across cultures");
  CHECK_THAT(stored.back()["body"].get<std::string>(), Catch::Contains("cultural differences in feedback"));
  CHECK(stored.back()["module"] == "m_culture");

  auto links = s.run_json({"discuss", "links", s.module_id, "--json"});
  REQUIRE(links["links"].size() == 1);
  CHECK(links["links"][0]["item"] == item);
  auto found = s.run_json({"search", "Discussion Working across cultures", "--kind", "thread", "--json"});
  bool indexed = false;
  for (const auto& r : found["results"]) indexed = indexed || r["source"] == "kb-test-a";
  CHECK(indexed);

  // A read-only source, an unknown connector, an unknown module: refused, nothing written.
  configure(s.home, s.plugins, "kb-test-b", {"items_file=" + (s.dir / "kb.json").string(), "read_only=true"});
  auto read_only = s.run({"discuss", "publish", s.module_id, "--connector", "kb-test-b"});
  CHECK(read_only.exit_code == 1);
  CHECK_THAT(read_only.err, Catch::Contains("could not open the thread") && Catch::Contains("takes no new threads"));
  CHECK(s.run({"discuss", "publish", s.module_id, "--connector", "nope"}).exit_code == 1);
  CHECK(s.run({"discuss", "publish", "mod_nope", "--connector", "kb-test-a"}).exit_code == 1);
  CHECK(s.run_json({"discuss", "links", s.module_id, "--json"})["links"].size() == 1);
}

TEST_CASE("suggest, attach, detach, and automatic attachment after an import", "[knowledge][e2e]") {
  Scenario s;
  // Not synced: the guideline is known only to the connector's live search.
  auto suggested = s.run_json({"discuss", "suggest", s.module_id, "--json"});
  INFO(suggested.dump(2));
  bool guideline = false, thread = false;
  for (const auto& g : suggested["suggestions"]) {
    CHECK(g["kind"] != "module");
    if (g["item"] == "document:kb-test-a:guide-culture") guideline = true;
    if (g["item"] == "thread:native:42") thread = true;
    CHECK(g["score"].get<double>() >= 0);
    CHECK(g["score"].get<double>() <= 1);
  }
  CHECK((guideline && thread));
  for (size_t i = 1; i < suggested["suggestions"].size(); ++i)
    CHECK(suggested["suggestions"][i - 1]["score"].get<double>() >= suggested["suggestions"][i]["score"].get<double>());

  // Attach one the index lacks (fetched from its connector) and one it has.
  CHECK(s.run({"discuss", "attach", s.module_id, "document:kb-test-a:guide-culture"}).exit_code == 0);
  CHECK(s.run({"discuss", "attach", s.module_id, "thread:native:42"}).exit_code == 0);
  auto missing = s.run({"discuss", "attach", s.module_id, "thread:native:999"});
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.err, Catch::Contains("not in the knowledge index"));
  auto malformed = s.run({"discuss", "attach", s.module_id, "thread-native-42"});
  CHECK(malformed.exit_code == 1);
  CHECK_THAT(malformed.err, Catch::Contains("KIND:SOURCE:REF"));
  CHECK(s.run({"discuss", "attach", "mod_nope", "thread:native:42"}).exit_code == 1);

  auto links = s.run_json({"discuss", "links", s.module_id, "--json"});
  REQUIRE(links["links"].size() == 2);
  for (const auto& l : links["links"]) {
    CHECK(l["automatic"] == false);
    CHECK(l["attached_by"] == "cli");
    if (l["item"] == "document:kb-test-a:guide-culture") CHECK(l["url"] == "https://kb.example/guides/culture");
  }
  auto now_attached = s.run_json({"discuss", "suggest", s.module_id, "--json"});
  for (const auto& g : now_attached["suggestions"]) {
    CHECK(g["item"] != "thread:native:42");  // attached: not proposed again
    CHECK(g["item"] != "document:kb-test-a:guide-culture");
  }

  CHECK(s.run({"discuss", "detach", s.module_id, "thread:native:42"}).exit_code == 0);
  CHECK(s.run({"discuss", "detach", s.module_id, "thread:native:42"}).exit_code == 1);
  CHECK(s.run_json({"discuss", "links", s.module_id, "--json"})["links"].size() == 1);

  // The admin threshold: refused when not a 0..1 number; then a new version attaches on its own.
  auto bad = s.run({"settings", "set", "knowledge.auto_attach_score", "2"});
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.err, Catch::Contains("knowledge.auto_attach_score"));
  REQUIRE(s.run({"settings", "set", "knowledge.auto_attach_score", "0.5"}).exit_code == 0);
  auto report = s.import(course_doc("Negotiation across cultures"));
  INFO(report.dump(2));
  CHECK(report["version"] == 2);
  REQUIRE(report.contains("auto_attached"));
  CHECK(report["auto_attached"]["modules"] == 3);
  CHECK(report["auto_attached"]["links"].get<int>() >= 1);
  // Li (0.7) is attached on its own; Ana (0.4) is under the threshold; the
  // guideline was attached by hand before and stays so.
  std::map<std::string, json> by_item;
  auto after_import = s.run_json({"discuss", "links", s.module_id, "--json"});
  for (const auto& l : after_import["links"]) by_item[l["item"].get<std::string>()] = l;
  REQUIRE(by_item.count("expert:kb-test-a:li") == 1);
  CHECK(by_item["expert:kb-test-a:li"]["automatic"] == true);
  CHECK(by_item["expert:kb-test-a:li"]["attached_by"] == "auto");
  CHECK(by_item["expert:kb-test-a:li"]["score"] == 0.7);
  CHECK(by_item.count("expert:kb-test-a:ana") == 0);
  CHECK(by_item["document:kb-test-a:guide-culture"]["automatic"] == false);

  // A connector that cannot answer in time never fails the import.
  configure(s.home, s.plugins, "kb-test-b", {"delay_ms=3000", "honour_cancel=false"});
  REQUIRE(s.run({"settings", "set", "connector.timeout_ms", "200"}).exit_code == 0);
  auto slow = s.import(course_doc("Feedback across cultures"));
  CHECK(slow["version"] == 3);
  CHECK(slow["stored"] == true);
}

TEST_CASE("REST: search, links and suggestions, and the scheduler syncs while serving and stops cleanly",
          "[knowledge][e2e][http]") {
  Scenario s;
  write_items(s.dir / "b.json", json::array({{{"kind", "event"}, {"url", "https://events.example/intercultural"},
                                              {"ref", "ev1"}, {"title", "Intercultural café"},
                                              {"body", "Monthly meetup on cultural differences."}}}));
  configure(s.home, s.plugins, "kb-test-b", {"items_file=" + (s.dir / "b.json").string()});
  REQUIRE(s.run({"settings", "set", "connector.sync_interval", "1s"}).exit_code == 0);
  auto admin_header = testing::create_key_header(s.home, {"admin"});
  std::map<std::string, std::string> admin = {{"Authorization", admin_header}};
  testing::Server server(s.home, {}, plugin_env(s.plugins));
  CHECK(server.get("/api/v1/connectors").status == 401);  // the administration API needs a key

  // The scheduler syncs every enabled connector without being asked.
  json connectors;
  for (int i = 0; i < 100; ++i) {
    auto r = server.get("/api/v1/connectors", admin);
    REQUIRE(r.status == 200);
    connectors = json::parse(r.body)["connectors"];
    bool both = true;
    for (const auto& c : connectors) both = both && c["status"] == "ok";
    if (both && connectors.size() == 2) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  INFO(connectors.dump(2));
  for (const auto& c : connectors) CHECK(c["status"] == "ok");

  // Experts name people: a key with the 'all' scope finds them, a stranger is told so.
  CHECK(server.get("/api/v1/search?q=cultural%20differences&kind=expert,event&limit=10").status == 401);
  std::map<std::string, std::string> member = {{"Authorization", testing::create_key_header(s.home, {"all"})}};
  auto found = server.get("/api/v1/search?q=cultural%20differences&kind=expert,event&limit=10", member);
  REQUIRE(found.status == 200);
  auto body = json::parse(found.body);
  CHECK(kinds_of(body["results"]) == std::multiset<std::string>{"expert", "expert", "event"});
  CHECK(body["counts"]["module"] == 1);
  CHECK(body["counts"]["thread"] == 1);

  auto no_q = server.get("/api/v1/search");
  CHECK(no_q.status == 400);
  auto punct = server.get("/api/v1/search?q=%3F%21");
  CHECK(punct.status == 422);
  CHECK(punct.headers["content-type"] == "application/problem+json");
  CHECK_THAT(punct.body, Catch::Contains("no words to search for"));
  CHECK(server.get("/api/v1/search?q=x&limit=abc").status == 422);

  std::string links = "/api/v1/modules/" + s.module_id + "/links";
  CHECK(server.request("POST", links, R"({"item": "event:kb-test-b:ev1"})", "application/json").status == 401);
  auto attach = server.request("POST", links, R"({"item": "event:kb-test-b:ev1"})", "application/json", admin);
  INFO(attach.body);
  CHECK(attach.status == 201);
  CHECK(server.request("POST", links, "{}", "application/json", admin).status == 400);
  auto listed = json::parse(server.get(links).body);
  REQUIRE(listed["links"].size() == 1);
  CHECK(listed["links"][0]["title"] == "Intercultural café");
  CHECK(server.request("DELETE", links + "?item=event:kb-test-b:ev1", "", "", admin).status == 204);
  CHECK(server.request("DELETE", links + "?item=event:kb-test-b:ev1", "", "", admin).status == 404);
  CHECK(server.get("/api/v1/modules/mod_nope/links").status == 404);

  std::string publish = "/api/v1/modules/" + s.module_id + "/publish";
  CHECK(server.request("POST", publish, R"({"connector": "kb-test-a"})", "application/json").status == 401);
  CHECK(server.request("POST", publish, "{}", "application/json", admin).status == 400);
  auto published =
      server.request("POST", publish, R"({"connector": "kb-test-a", "title": "Culture club"})", "application/json", admin);
  INFO(published.body);
  CHECK(published.status == 201);
  CHECK(json::parse(published.body)["title"] == "Culture club");
  // A thread names people: a stranger does not see it attached, a key holder does.
  CHECK(json::parse(server.get(links).body)["links"].empty());
  CHECK(json::parse(server.get(links, member).body)["links"].size() == 1);

  auto suggestions = server.get("/api/v1/modules/" + s.module_id + "/suggestions", admin);
  REQUIRE(suggestions.status == 200);
  CHECK(json::parse(suggestions.body)["suggestions"].size() > 0);

  CHECK(server.stop() == 0);
  CHECK_THAT(server.log(), Catch::Contains("stopped cleanly"));
}

TEST_CASE("REST: a connector sync runs as a job that can be polled and waited for", "[knowledge][e2e][http][jobs]") {
  Scenario s;
  auto admin_header = testing::create_key_header(s.home, {"admin"});
  std::map<std::string, std::string> admin = {{"Authorization", admin_header}};
  testing::Server server(s.home, {}, plugin_env(s.plugins));
  CHECK(server.request("POST", "/api/v1/connectors/kb-test-a/sync", "", "").status == 401);
  // An unknown connector is refused at once, without a job.
  auto unknown = server.request("POST", "/api/v1/connectors/no-such-plugin/sync", "", "", admin);
  CHECK(unknown.status == 404);
  CHECK(unknown.headers.count("location") == 0);

  auto job = testing::accepted_job(server.request("POST", "/api/v1/connectors/kb-test-a/sync", "", "", admin));
  CHECK(job["kind"] == "sync");
  auto state = testing::poll_job(server, job["href"], admin);
  INFO(state.dump(2));
  REQUIRE(state["state"] == "succeeded");
  CHECK(state["result"]["plugin"] == "kb-test-a");
  CHECK(state["result"]["status"] == "ok");
  CHECK(state["result"]["applied"] == 4);
  CHECK(json::parse(server.get("/api/v1/search?q=ladder").body)["counts"]["document"] == 1);

  // Prefer: wait gives the synchronous answer: 200 with the report, or 502 with it.
  std::map<std::string, std::string> waiting = admin;
  waiting["Prefer"] = "wait=30";
  auto synced = server.request("POST", "/api/v1/connectors/kb-test-a/sync", "", "", waiting);
  INFO(synced.body);
  REQUIRE(synced.status == 200);
  CHECK(synced.headers["content-type"] == "application/json");
  CHECK(json::parse(synced.body)["status"] == "ok");
  CHECK(json::parse(synced.body)["applied"] == 4);
  CHECK(json::parse(synced.body)["job"]["state"] == "succeeded");

  server.stop();
  configure(s.home, s.plugins, "kb-test-a", {"fail_sync=true"});
  testing::Server failing(s.home, {}, plugin_env(s.plugins));
  auto failed = failing.request("POST", "/api/v1/connectors/kb-test-a/sync", "", "", waiting);
  INFO(failed.body);
  REQUIRE(failed.status == 502);
  CHECK(json::parse(failed.body)["status"] == "failed");
  CHECK_THAT(json::parse(failed.body)["error"].get<std::string>(), Catch::Contains("went away halfway"));
  CHECK(json::parse(failed.body)["job"]["state"] == "failed");
  CHECK(failing.stop() == 0);
}
