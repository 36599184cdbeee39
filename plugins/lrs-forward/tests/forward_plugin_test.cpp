// The real lrs-forward plugin, loaded from its shared library, forwarding over
// 127.0.0.1 to a small LRS stand-in that answers like an LRS would.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "trellis/testing/exporter.hpp"
#include "trellis/testing/real_http.hpp"
#include "stand_in_lrs.hpp"
#include "privacy.hpp"
#include "trellis/abi.h"

using trellis::testing::LoadedExporter;
using trellis::testing::StandInLrs;
using trellis::testing::TestRecord;

namespace {

std::vector<TestRecord> records(int n, std::set<int> invalid = {}) {
  std::vector<TestRecord> out;
  for (int i = 0; i < n; ++i) {
    std::string id = "00000000-0000-4000-8000-" + std::string(12 - std::to_string(i).size(), '0') + std::to_string(i);
    nlohmann::json s = {{"id", id},
                        {"actor", {{"mbox", "mailto:l" + std::to_string(i) + "@example.org"}, {"name", "Learner"}}},
                        {"verb", {{"id", invalid.count(i) ? "http://x/invalid" : "http://x/completed"}}},
                        {"object", {{"id", "http://x/a"}}},
                        {"stored", "2026-01-01T00:00:00.000000Z"},
                        {"authority", {{"account", {{"homePage", "urn:trellis:lrs-key"}, {"name", "k"}}}}}};
    out.push_back({id, s.dump(), "2026-01-01T00:00:00.000000Z"});
  }
  return out;
}

std::map<std::string, std::string> settings_for(const StandInLrs& remote, const std::string& privacy) {
  nlohmann::json d = {{"remote",
                       {{"url", remote.url() + "/"},
                        {"key", "fwd"},
                        {"secret", "s3cret"},
                        {"privacy", privacy},
                        {"pseudonym_secret", "a-long-enough-secret"}}}};
  return {{"destinations", d.dump()}};
}

}  // namespace

TEST_CASE("lrs-forward posts batches with credentials and version, isolating the refused statement") {
  StandInLrs remote("http://x/invalid");
  LoadedExporter exporter(TRELLIS_LRS_FORWARD_PLUGIN, settings_for(remote, "as-is"), trellis::testing::real_http);
  CHECK(exporter.format() == "lrs-forward");
  CHECK(exporter.media_type().empty());
  auto run = exporter.run(records(30, {17}), 10, "remote", false);
  REQUIRE(run.open_status == TRELLIS_OK);
  REQUIRE(run.write_status == TRELLIS_OK);
  CHECK(remote.last_header("Authorization") == "Basic ZndkOnMzY3JldA==");
  CHECK(remote.last_header("X-Experience-API-Version") == "1.0.3");
  for (size_t i = 0; i < run.outcomes.size(); ++i) {
    INFO(i);
    CHECK(run.outcomes[i].status == (i == 17 ? TRELLIS_ERR_INVALID_INPUT : TRELLIS_OK));
  }
  CHECK(run.outcomes[17].reason.find(StandInLrs::kRefusalMessage) != std::string::npos);
  auto got = remote.received();
  REQUIRE(got.size() == 29);
  CHECK_FALSE(got[0].contains("stored"));
  CHECK_FALSE(got[0].contains("authority"));
  CHECK(got[0]["actor"]["mbox"] == "mailto:l0@example.org");

  // Sending again is harmless: the remote answers 409 and every record counts as delivered.
  auto again = exporter.run(records(30, {17}), 10, "remote", false);
  for (size_t i = 0; i < again.outcomes.size(); ++i)
    if (i != 17) CHECK(again.outcomes[i].status == TRELLIS_OK);
  CHECK(remote.received().size() == 29);
}

TEST_CASE("lrs-forward sends each statement with the xAPI version it was stored under") {
  StandInLrs remote("http://x/invalid");
  LoadedExporter exporter(TRELLIS_LRS_FORWARD_PLUGIN, settings_for(remote, "as-is"), trellis::testing::real_http);
  auto batch = records(2);
  auto v2 = nlohmann::json::parse(batch[1].json);
  v2["version"] = "2.0.0";
  batch[1].json = v2.dump();
  auto run = exporter.run(batch, 10, "remote", false);
  REQUIRE(run.write_status == TRELLIS_OK);
  CHECK(run.outcomes[0].status == TRELLIS_OK);
  CHECK(run.outcomes[1].status == TRELLIS_OK);
  CHECK(remote.received().size() == 2);
  CHECK(remote.last_header("X-Experience-API-Version") == "2.0.0");
}

TEST_CASE("lrs-forward reports a remote that is down as retry-later") {
  StandInLrs remote("http://x/invalid");
  remote.set_down(true);
  LoadedExporter exporter(TRELLIS_LRS_FORWARD_PLUGIN, settings_for(remote, "as-is"), trellis::testing::real_http);
  auto run = exporter.run(records(5), 10, "remote", false);
  REQUIRE(run.write_status == TRELLIS_OK);
  for (const auto& o : run.outcomes) {
    CHECK(o.status == TRELLIS_ERR_REMOTE);
    CHECK(o.reason.find("503") != std::string::npos);
  }
  auto nowhere = settings_for(remote, "as-is");
  nowhere["destinations"] = R"({"remote":{"url":"http://127.0.0.1:1/xapi","key":"k","secret":"s","timeout_ms":2000}})";
  LoadedExporter unreachable(TRELLIS_LRS_FORWARD_PLUGIN, nowhere);
  auto lost = unreachable.run(records(2), 10, "remote", false);
  for (const auto& o : lost.outcomes) CHECK(o.status == TRELLIS_ERR_REMOTE);
}

TEST_CASE("lrs-forward applies the destination's privacy mode to the actor") {
  StandInLrs remote("http://x/invalid");
  {
    LoadedExporter exporter(TRELLIS_LRS_FORWARD_PLUGIN, settings_for(remote, "pseudonym"), trellis::testing::real_http);
    REQUIRE(exporter.run(records(1), 10, "remote", false).write_status == TRELLIS_OK);
  }
  auto got = remote.received();
  REQUIRE(got.size() == 1);
  CHECK_FALSE(got[0]["actor"].contains("mbox"));
  CHECK_FALSE(got[0]["actor"].contains("name"));
  CHECK(got[0]["actor"]["account"]["name"] ==
        trellis::forward::hmac_sha256_hex("a-long-enough-secret", "mbox:mailto:l0@example.org"));
}

TEST_CASE("lrs-forward refuses an unknown destination or a bad configuration at open") {
  StandInLrs remote("http://x/invalid");
  LoadedExporter exporter(TRELLIS_LRS_FORWARD_PLUGIN, settings_for(remote, "as-is"), trellis::testing::real_http);
  auto run = exporter.run(records(1), 10, "elsewhere", false);
  CHECK(run.open_status == TRELLIS_ERR_NOT_FOUND);
  CHECK(run.error.find("elsewhere") != std::string::npos);
  LoadedExporter weak(TRELLIS_LRS_FORWARD_PLUGIN,
                      {{"destinations", R"({"r":{"url":"http://127.0.0.1:9/xapi","privacy":"pseudonym","pseudonym_secret":"short"}})"}});
  CHECK(weak.run(records(1), 10, "r", false).open_status == TRELLIS_ERR_INVALID_ARGUMENT);
}
