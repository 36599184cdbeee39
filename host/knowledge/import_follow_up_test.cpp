// What follows an upload over HTTP: the knowledge index inside the import's
// transaction, suggestions and automatic attachment afterwards, off the request
// thread. A connector that takes seconds to answer must not hold the upload's
// answer, nor a second upload behind the import lock.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "connector_test_support.hpp"
#include "zip_writer.hpp"

using namespace trellis;
using namespace trellis::knowledge_testing;
using nlohmann::json;

namespace {

constexpr int kConnectorDelayMs = 6000;

json course(const std::string& identifier, const std::string& module_title) {
  json module = {{"identifier", "m1"}, {"kind", "item"}, {"title", module_title}, {"launchable", true},
                 {"launch", {{"href", "index.html"}, {"external", false}}}, {"children", json::array()}};
  return {{"schema", "trellis.course/1"}, {"format", "coursejson"}, {"edition", nullptr},
          {"identifier", identifier}, {"title", module_title},
          {"nodes", {{{"identifier", "org"}, {"kind", "organization"}, {"title", "Org"}, {"module", false},
                      {"top_level", true}, {"children", {module}}}}},
          {"resources", json::array()}};
}

std::string package(const json& doc) {
  return testing::make_zip({{"course.json", doc.dump()}, {"index.html", "<html></html>"}});
}

}  // namespace

TEST_CASE("an upload answers before slow connectors are asked, and auto-attach still happens after it",
          "[knowledge][e2e]") {
  testing::TempDir dir;
  auto plugins = plugin_folder(dir / "plugins", {"course-json-importer", "kb-test-a"});
  auto home = dir / "home";
  write_items(dir / "kb.json", json::array({{{"kind", "document"}, {"url", "https://kb.example/guides/culture"},
                                             {"ref", "guide-culture"}, {"title", "Cultural differences at work"},
                                             {"score", 0.9}, {"body", "Feedback across cultures."}}}));
  configure(home, plugins, "kb-test-a",
            {"items_file=" + (dir / "kb.json").string(), "delay_ms=" + std::to_string(kConnectorDelayMs)});
  REQUIRE(run_with_plugins(home, plugins, {"settings", "set", "connector.timeout_ms", "20000"}).exit_code == 0);
  REQUIRE(run_with_plugins(home, plugins, {"settings", "set", "knowledge.auto_attach_score", "0.5"}).exit_code == 0);
  const std::map<std::string, std::string> admin = {{"Authorization", testing::create_key_header(home, {"admin"})},
                                                     {"Prefer", "wait=60"}};
  testing::Server server(home, {}, plugin_env(plugins));

  auto started = std::chrono::steady_clock::now();
  auto first = server.request("POST", "/api/v1/packages?name=a.zip", package(course("com.example.a", "Cultural differences")),
                              "application/zip", admin);
  // The second upload queues behind the import lock only for the first import itself.
  auto second = server.request("POST", "/api/v1/packages?name=b.zip", package(course("com.example.b", "Working across cultures")),
                               "application/zip", admin);
  auto answered_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  INFO(first.body);
  INFO(second.body);
  REQUIRE(first.status == 201);
  REQUIRE(second.status == 201);
  CHECK(json::parse(first.body)["suggestions"] == "queued");
  CHECK_FALSE(json::parse(first.body).contains("auto_attached"));
  // The connector sleeps kConnectorDelayMs in every search; had either upload
  // waited for it, both together would take at least that long.
  CHECK(answered_ms < kConnectorDelayMs);

  // Searchable at once: the index follows the version inside its transaction.
  auto search = server.get("/api/v1/search?q=cultural&kind=module");
  REQUIRE(search.status == 200);
  CHECK(json::parse(search.body)["counts"]["module"] == 2);

  // Afterwards the background queue asks the connector and attaches what scores high enough.
  std::string module_id = [&] {
    auto course_id = json::parse(first.body)["course_id"].get<std::string>();
    auto shown = server.get("/api/v1/courses/" + course_id, admin);
    REQUIRE(shown.status == 200);
    const json detail = json::parse(shown.body);  // kept: the loop walks into it
    for (const auto& m : detail["modules"])
      if (m["identifier"] == "m1") return m["id"].get<std::string>();
    FAIL("the course has no module m1: " << shown.body);
    return std::string();
  }();
  bool attached = false;
  for (int i = 0; i < 300 && !attached; ++i) {
    auto links = server.get("/api/v1/modules/" + module_id + "/links", admin);
    if (links.status == 200) {
      const json body = json::parse(links.body);
      for (const auto& l : body["links"]) attached |= l["item"] == "document:kb-test-a:guide-culture";
    }
    if (!attached) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(attached);
}
