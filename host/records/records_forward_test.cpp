// Forwarding as an admin runs it: the real `trellis` binary and the real
// lrs-forward plugin, sending to a second real Trellis LRS over 127.0.0.1, and to
// a stand-in LRS that refuses statements or goes down on demand.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <chrono>
#include <thread>

#include "app/runtime.hpp"
#include "records_test_seed.hpp"
#include "stand_in_lrs.hpp"
#include "store/store.hpp"
#include "support.hpp"

using namespace trellis;
using testing::kCompleted;
using testing::make_statement;
using testing::run_trellis;
using testing::seed_statements;
using testing::StandInLrs;

namespace {

const std::string kRefused = "http://example.org/verbs/refused-by-remote";

void seed(const std::filesystem::path& home, const std::vector<nlohmann::json>& statements) {
  auto rt = Runtime::open(home);
  REQUIRE(rt.ok());
  seed_statements(rt.value()->db, statements);
}

std::string basic(const std::string& key, const std::string& secret) {
  return httplib::make_basic_authentication_header(key, secret).second;
}

nlohmann::json remote_statements(const testing::Server& lrs, const nlohmann::json& key) {
  auto r = lrs.get("/xapi/statements?limit=0",
                   {{"Authorization", basic(key["key"], key["secret"])}, {"X-Experience-API-Version", "1.0.3"}});
  REQUIRE(r.status == 200);
  return nlohmann::json::parse(r.body)["statements"];
}

nlohmann::json forward(const std::filesystem::path& home, int expected_exit = 0) {
  auto r = run_trellis(home, {"records", "forward", "--json", "--batch-size", "4"});
  INFO(r.err);
  REQUIRE(r.exit_code == expected_exit);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("forwarding to a second Trellis LRS resumes from its cursor and hides the actor", "[records][forward]") {
  testing::TempDir dir;
  auto home_a = dir / "a", home_b = dir / "b";
  auto made = run_trellis(home_b, {"lrs", "key", "create", "--json"});
  REQUIRE(made.exit_code == 0);
  auto key_b = nlohmann::json::parse(made.out);
  testing::Server lrs_b(home_b);

  seed(home_a, {make_statement("ana@example.org", kCompleted, "https://lms.example/c/1"),
                make_statement("bo@example.org", kCompleted, "https://lms.example/c/1"),
                make_statement("cy@example.org", kCompleted, "https://lms.example/c/2"),
                make_statement("di@example.org", kCompleted, "https://lms.example/c/2"),
                make_statement("ed@example.org", kCompleted, "https://lms.example/c/3")});
  auto added = run_trellis(home_a, {"records", "destination", "add", "b", "--url", lrs_b.base_url() + "/xapi",
                                    "--key", key_b["key"], "--secret", key_b["secret"], "--privacy", "mbox_sha1sum"});
  REQUIRE(added.exit_code == 0);

  auto first = forward(home_a);
  CHECK(first[0]["delivered"] == 5);
  CHECK(first[0]["cursor"] == 5);
  auto received = remote_statements(lrs_b, key_b);
  REQUIRE(received.size() == 5);
  for (const auto& s : received) {
    CHECK_FALSE(s["actor"].contains("mbox"));
    CHECK_FALSE(s["actor"].contains("name"));
    CHECK(s["actor"]["mbox_sha1sum"].get<std::string>().size() == 40);
  }

  // A new process picks up from the stored cursor: only the new statements go.
  seed(home_a, {make_statement("fa@example.org", kCompleted, "https://lms.example/c/4")});
  auto second = forward(home_a);
  CHECK(second[0]["delivered"] == 1);
  CHECK(second[0]["cursor"] == 6);
  CHECK(remote_statements(lrs_b, key_b).size() == 6);

  auto listed = run_trellis(home_a, {"records", "destination", "list", "--json"});
  REQUIRE(listed.exit_code == 0);
  CHECK(listed.out.find(key_b["secret"].get<std::string>()) == std::string::npos);
  CHECK(nlohmann::json::parse(listed.out)[0]["cursor"] == 6);
}

TEST_CASE("refused statements are parked with the remote's reason, and a silent remote keeps the cursor",
          "[records][forward]") {
  testing::TempDir dir;
  auto home = dir / "a";
  StandInLrs remote(kRefused);
  seed(home, {make_statement("a@example.org", kCompleted, "https://x.example/1"),
              make_statement("b@example.org", kRefused, "https://x.example/2"),
              make_statement("c@example.org", kCompleted, "https://x.example/3")});
  REQUIRE(run_trellis(home, {"records", "destination", "add", "r", "--url", remote.url(), "--key", "k", "--secret",
                             "s"}).exit_code == 0);
  auto run = forward(home);
  CHECK(run[0]["delivered"] == 2);
  CHECK(run[0]["parked"] == 1);
  CHECK(remote.received().size() == 2);

  auto outbox = run_trellis(home, {"records", "outbox", "--json"});
  REQUIRE(outbox.exit_code == 0);
  auto items = nlohmann::json::parse(outbox.out);
  REQUIRE(items.size() == 1);
  CHECK(items[0]["state"] == "parked");
  CHECK(items[0]["reason"].get<std::string>().find(StandInLrs::kRefusalMessage) != std::string::npos);

  remote.set_down(true);
  seed(home, {make_statement("d@example.org", kCompleted, "https://x.example/4")});
  run = forward(home, 3);
  CHECK(run[0]["backing_off"] == true);
  CHECK(run[0]["cursor"] == 3);
  CHECK(run[0]["error"].get<std::string>().find("503") != std::string::npos);

  remote.set_down(false);
  run = forward(home);
  CHECK(run[0]["delivered"] == 1);
  CHECK(run[0]["cursor"] == 4);
  CHECK(remote.received().size() == 3);

  // Replay re-sends the parked statement; still refused, it stays parked with a second attempt.
  auto replay = run_trellis(home, {"records", "outbox", "replay", "--json"});
  REQUIRE(replay.exit_code == 0);
  CHECK(nlohmann::json::parse(replay.out)[0]["parked"] == 1);
  items = nlohmann::json::parse(run_trellis(home, {"records", "outbox", "--json"}).out);
  REQUIRE(items.size() == 1);
  CHECK(items[0]["attempts"] == 2);

  CHECK(run_trellis(home, {"records", "forward", "--destination", "nowhere"}).exit_code == 1);
  CHECK(run_trellis(home, {"records", "destination", "add", "p", "--url", remote.url(), "--key", "k", "--secret", "s",
                           "--privacy", "pseudonym"}).exit_code == 2);
}

TEST_CASE("trellis serve forwards in the background and stops cleanly on SIGTERM", "[records][forward][serve]") {
  testing::TempDir dir;
  auto home = dir / "a";
  StandInLrs remote(kRefused);
  {
    auto rt = Runtime::open(home);
    REQUIRE(rt.ok());
    REQUIRE(store::set_setting(rt.value()->db, "records.forward_interval_seconds", "1").ok());
  }
  REQUIRE(run_trellis(home, {"records", "destination", "add", "r", "--url", remote.url(), "--key", "k", "--secret",
                             "s"}).exit_code == 0);
  seed(home, {make_statement("a@example.org", kCompleted, "https://x.example/1"),
              make_statement("b@example.org", kCompleted, "https://x.example/2")});
  testing::Server server(home);
  for (int i = 0; i < 300 && remote.received().size() < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(remote.received().size() == 2);
  CHECK(server.stop(15) == 0);
}
