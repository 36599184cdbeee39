// What knowledge search shows whom, end to end: a stranger (no key) finds
// courses, modules and public documents, never people's names, reply bodies or
// e-mail addresses; a key with the 'all' scope finds those too; the discussion
// routes and search answer alike; documents kept on the server's disk open
// through the host; `trellis search --json` and GET /api/v1/search agree.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "knowledge_scenario.hpp"

using namespace trellis;
using namespace trellis::knowledge_testing;
using nlohmann::json;

namespace {

// A native thread with a reply on the culture module, through the real CLI.
struct NativeThread {
  std::string id, opening_post, reply_post;
};

NativeThread start_discussion(Scenario& s) {
  auto started = s.run_json({"discuss", "start", s.module_id, "--title", "Cultural differences in stand-ups",
                             "--body", "Silence in our meetings means different things.", "--author",
                             "ana.ruiz@example.org", "--json"});
  auto reply = s.run_json({"discuss", "reply", started["id"], "--body",
                           "Ask each office how cultural differences shape feedback, said Bo Expert. <script>alert(1)</script>",
                           "--author",
                           "Bo Expert", "--json"});
  return {started["id"], started["posts"][0]["id"], reply["id"]};
}

// A document a folder connector keeps on the server's disk.
const json kServerDocument = json::array(
    {{{"kind", "document"}, {"url", "file:///srv/kb/guides/cultural%20differences.md"},
      {"ref", "guides/cultural differences.md"}, {"title", "Cultural differences: a field guide"},
      {"body", "# Cultural differences\n\nAsk before you assume."}}});

// Both connectors synced: kb-test-a's guideline and experts, kb-test-b's document on disk.
void sync_with_server_document(Scenario& s) {
  write_items(s.dir / "server-docs.json", kServerDocument);
  configure(s.home, s.plugins, "kb-test-b", {"items_file=" + (s.dir / "server-docs.json").string()});
  REQUIRE(s.run({"connector", "sync"}).exit_code == 0);
}

std::set<std::string> kinds_in(const json& results) {
  std::set<std::string> out;
  for (const auto& r : results) out.insert(r["kind"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("search: a stranger finds modules and documents but no names or replies while a key finds them too",
          "[knowledge][e2e][http][visibility]") {
  Scenario s;
  sync_with_server_document(s);
  auto thread = start_discussion(s);
  for (const std::string& item : std::vector<std::string>{"expert:kb-test-a:li", "thread:native:" + thread.id,
                                                          "document:kb-test-b:guides/cultural differences.md"})
    REQUIRE(s.run({"discuss", "attach", s.module_id, item}).exit_code == 0);
  std::map<std::string, std::string> member = {{"Authorization", testing::create_key_header(s.home, {"all"})}};
  std::map<std::string, std::string> admin_only = {{"Authorization", testing::create_key_header(s.home, {"admin"})}};
  std::map<std::string, std::string> admin_and_people = {
      {"Authorization", testing::create_key_header(s.home, {"admin", "all"})}};
  testing::Server server(s.home, {}, plugin_env(s.plugins));
  const std::string q = "/api/v1/search?q=cultural%20differences";

  // A stranger: the module, the documents; nobody's name, reply or address.
  auto anonymous = server.get(q);
  REQUIRE(anonymous.status == 200);
  INFO(anonymous.body);
  auto open = json::parse(anonymous.body);
  CHECK(kinds_in(open["results"]) == std::set<std::string>{"module", "document"});
  for (const char* hidden : {"ana.ruiz@example.org", "li@example.org", "Ana Ruiz", "Li Wei", "Bo Expert",
                             "said Bo", "Silence in our meetings", "mailto:"})
    CHECK_THAT(anonymous.body, !Catch::Contains(hidden));
  for (const char* kind : {"thread", "post", "expert"}) CHECK_FALSE(open["counts"].contains(kind));
  CHECK(open["counts"]["module"] == 1);
  for (const auto& r : open["results"]) {
    CHECK(r["score"].get<double>() > 0);
    CHECK(r["score"].get<double>() <= 1);
    if (r["kind"] == "module") {
      CHECK(r["module_id"] == s.module_id);
      CHECK(r["course_id"] == s.course_id);
      CHECK(r["url"] == "/api/v1/modules/" + s.module_id);
      CHECK(server.get(r["url"].get<std::string>()).status == 200);  // opens without a key
    }
  }

  // The discussion route and search agree: no key, no threads; a key without 'all', 403 from both.
  const std::string discussions = "/api/v1/modules/" + s.module_id + "/discussions";
  CHECK(server.get(discussions).status == 401);
  auto asked_threads = server.get(q + "&kind=thread");
  CHECK(asked_threads.status == 401);
  CHECK(asked_threads.headers["www-authenticate"] == "Basic realm=\"trellis\"");
  CHECK(server.get("/api/v1/threads/" + thread.id).status == 401);
  CHECK(server.get(discussions, admin_only).status == 403);
  CHECK(server.get(q + "&kind=post", admin_only).status == 403);
  CHECK(kinds_in(json::parse(server.get(q, admin_only).body)["results"]) == std::set<std::string>{"module", "document"});
  CHECK(server.get(q, {{"Authorization", "Basic bm9wZTpub3Bl"}}).status == 401);  // a wrong key is told, not ignored

  // A module's links follow the same rule, and never show the server's path.
  const std::string links = "/api/v1/modules/" + s.module_id + "/links";
  auto open_links = server.get(links);
  REQUIRE(open_links.status == 200);
  CHECK(kinds_in(json::parse(open_links.body)["links"]) == std::set<std::string>{"document"});
  CHECK(json::parse(open_links.body)["links"][0]["url"] ==
        "/api/v1/knowledge/documents/kb-test-b/guides%2Fcultural%20differences.md");
  CHECK_THAT(open_links.body, !Catch::Contains("li@example.org") && !Catch::Contains("file://"));
  CHECK(kinds_in(json::parse(server.get(links, member).body)["links"]) ==
        std::set<std::string>{"document", "expert", "thread"});

  // An admin key's suggestions follow the rule too: people only with 'all' as well.
  const std::string suggestions = "/api/v1/modules/" + s.module_id + "/suggestions";
  auto admin_view = json::parse(server.get(suggestions, admin_only).body)["suggestions"];
  auto full_view = json::parse(server.get(suggestions, admin_and_people).body)["suggestions"];
  INFO(full_view.dump(2));
  CHECK(kinds_in(admin_view) == std::set<std::string>{"document"});
  CHECK(kinds_in(full_view).count("post") == 1);
  CHECK(kinds_in(full_view).count("document") == 1);

  // With the key: the thread once (not again as its opening post), the reply naming it, the experts.
  auto keyed = server.get(q, member);
  REQUIRE(keyed.status == 200);
  auto full = json::parse(keyed.body);
  INFO(full.dump(2));
  CHECK(kinds_in(full["results"]) == std::set<std::string>{"module", "thread", "post", "document", "expert"});
  int native_thread_results = 0;
  for (const auto& r : full["results"]) {
    CHECK(r["ref"] != thread.opening_post);
    if (r["kind"] == "thread" && r["source"] == "native" && r["ref"] == thread.id) {
      ++native_thread_results;
      CHECK(r["thread_id"] == thread.id);
      CHECK(r["module_id"] == s.module_id);
      CHECK(r["course_id"] == s.course_id);
    }
    if (r["kind"] == "post") {
      CHECK(r["ref"] == thread.reply_post);
      CHECK(r["thread_id"] == thread.id);
      CHECK(r["module_id"] == s.module_id);
    }
    if (r["kind"] == "expert") CHECK_THAT(r["url"].get<std::string>(), Catch::StartsWith("mailto:"));
  }
  CHECK(native_thread_results == 1);

  // A thread's or a reply's URL opens as a page in a browser (which asks for the key), JSON for scripts.
  std::string reply_url;
  for (const auto& r : full["results"])
    if (r["kind"] == "post") reply_url = r["url"];
  CHECK(reply_url == "/api/v1/threads/" + thread.id + "#" + thread.reply_post);
  std::string page_path = reply_url.substr(0, reply_url.find('#'));
  std::map<std::string, std::string> browser = member;
  browser["Accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  auto page = server.get(page_path, browser);
  REQUIRE(page.status == 200);
  CHECK(page.headers["content-type"] == "text/html; charset=utf-8");
  CHECK_THAT(page.headers["content-security-policy"], Catch::Contains("default-src 'none'"));
  CHECK_THAT(page.body, Catch::Contains("<h1>Cultural differences in stand-ups</h1>") &&
                            Catch::Contains("id=\"" + thread.reply_post + "\"") &&
                            Catch::Contains("said Bo Expert") && !Catch::Contains("<script>"));
  CHECK(server.get(page_path, {{"Accept", browser["Accept"]}}).status == 401);  // the page follows the read rule
  auto as_json = server.get(page_path, member);
  REQUIRE(as_json.status == 200);
  CHECK(as_json.headers["content-type"] == "application/json");
  auto listed = server.get(discussions, member);
  REQUIRE(listed.status == 200);
  CHECK(json::parse(listed.body)["threads"][0]["id"] == thread.id);

  // `trellis search --json` is the route's answer: the owner's as the key's, --anonymous as a stranger's.
  CHECK(s.run_json({"search", "cultural differences", "--json"}) == full);
  CHECK(s.run_json({"search", "cultural differences", "--anonymous", "--json"}) == open);
  auto refused = s.run({"search", "cultural differences", "--anonymous", "--kind", "expert"});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err, Catch::Contains("name people"));
  CHECK(server.stop() == 0);
}

TEST_CASE("search: a document on the server's disk opens through the host as its indexed text",
          "[knowledge][e2e][http]") {
  Scenario s;
  sync_with_server_document(s);
  testing::Server server(s.home, {}, plugin_env(s.plugins));

  auto found = json::parse(server.get("/api/v1/search?q=field%20guide&kind=document").body);
  INFO(found.dump(2));
  REQUIRE(found["results"].size() == 1);
  const std::string url = found["results"][0]["url"];
  CHECK(url == "/api/v1/knowledge/documents/kb-test-b/guides%2Fcultural%20differences.md");
  CHECK_THAT(found.dump(), !Catch::Contains("file://") && !Catch::Contains("/srv/kb"));

  auto document = server.get(url);  // no key: documents are public, as in search
  REQUIRE(document.status == 200);
  CHECK(document.headers["content-type"] == "text/plain; charset=utf-8");
  CHECK(document.headers["x-content-type-options"] == "nosniff");
  CHECK(document.body == "# Cultural differences\n\nAsk before you assume.");

  CHECK(server.get("/api/v1/knowledge/documents/kb-test-b/no-such.md").status == 404);
  // Only documents: an expert's card is not read through this route.
  CHECK(server.get("/api/v1/knowledge/documents/kb-test-a/ana").status == 404);
  CHECK(server.stop() == 0);
}
