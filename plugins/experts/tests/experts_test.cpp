// experts loaded from its real shared library by the connector test host, over
// the directory files in tests/data and copies the tests change.
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

#include "damage.hpp"
#include "trellis/testing/connector.hpp"
#include "support.hpp"
#include "trellis/abi.h"
#include "trellis/connector_kit/text.hpp"
#include "trellis/host.h"

namespace fs = std::filesystem;
using trellis::testing::ConnectorRun;
using trellis::testing::LoadedConnector;
using trellis::testing::TempDir;
using trellis::testing::TestQuery;

namespace {
const fs::path kData = EXPERTS_DATA;

LoadedConnector load(const fs::path& file) { return LoadedConnector(TRELLIS_EXPERTS_PLUGIN, {{"path", file.string()}}); }
}  // namespace

TEST_CASE("experts: a CSV directory with BOM, CRLF, quotes, extra and missing columns") {
  LoadedConnector experts = load(kData / "people.csv");
  CHECK(experts.plugin_id() == "experts");
  ConnectorRun run = experts.sync("");
  INFO(run.error);
  REQUIRE(run.status == TRELLIS_OK);
  CHECK(run.cursor_written);
  CHECK(run.items.size() == 4);

  const auto* ada = run.find("ada@example.org");
  REQUIRE(ada);
  CHECK(ada->kind == 2);  // TRELLIS_ITEM_EXPERT
  CHECK(ada->title == "Ada Lovelace");
  CHECK(ada->author == "Ada Lovelace");
  CHECK(ada->url == "mailto:ada@example.org");
  CHECK(ada->tags == "lockout,electrical safety");
  CHECK(ada->snippet == "Safety engineer, Maintenance, London. Expertise: lockout, electrical safety");
  CHECK(ada->body.find("+44 20 7946 0001") != std::string::npos);

  const auto* grace = run.find("grace@example.org");
  REQUIRE(grace);
  CHECK(grace->title == "Grace \"Amazing\" Hopper");
  CHECK(grace->snippet.find("Logistics, North") != std::string::npos);

  const auto* phone = run.find("tel:+15550109999");
  REQUIRE(phone);
  CHECK(phone->url == "tel:+15550109999");

  const auto* multi = run.find("multi@example.org");
  REQUIRE(multi);
  CHECK(multi->snippet.find("Workshop Building 2") != std::string::npos);

  CHECK(experts.logged(TRELLIS_LOG_WARNING, "people.csv:4: no email address or phone number"));
  CHECK(experts.logged(TRELLIS_LOG_WARNING, "people.csv:5: no name"));
  CHECK(experts.logged(TRELLIS_LOG_WARNING, "people.csv:7:"));
  CHECK(experts.logged(TRELLIS_LOG_WARNING, "people.csv:8: the same person (ada@example.org) as line 2"));
}

TEST_CASE("experts: bad rows are skipped with file:line, a file without a name column is refused") {
  LoadedConnector bad = load(kData / "bad.csv");
  ConnectorRun run = bad.sync("");
  REQUIRE(run.status == TRELLIS_OK);
  CHECK(run.items.size() == 1);
  CHECK(run.find("good@example.org"));
  CHECK(bad.logged(TRELLIS_LOG_WARNING, "bad.csv:3: the row is not valid UTF-8"));
  CHECK(bad.logged(TRELLIS_LOG_WARNING, "bad.csv:4: a quoted field is never closed"));

  LoadedConnector noname = load(kData / "noname.csv");
  run = noname.sync("");
  CHECK(run.status == TRELLIS_ERR_INVALID_INPUT);
  CHECK(run.error.find("noname.csv:1: the header row names no 'name' column") != std::string::npos);
  CHECK_FALSE(run.cursor_written);
}

TEST_CASE("experts: a vCard 3.0/4.0 directory") {
  LoadedConnector experts = load(kData / "people.vcf");
  ConnectorRun run = experts.sync("");
  INFO(run.error);
  REQUIRE(run.status == TRELLIS_OK);
  CHECK(run.items.size() == 2);

  const auto* marie = run.find("urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1");
  REQUIRE(marie);
  CHECK(marie->title == "Marie Curie");
  CHECK(marie->url == "mailto:m.curie@example.org");  // the preferred address
  CHECK(marie->tags == "radiation safety,chemistry lab work");
  CHECK(marie->snippet.find("Researcher, Institut, Radium lab") == 0);
  CHECK(marie->body.find("ionising radiation.\nAsk her first.") != std::string::npos);

  const auto* nikola = run.find("tel:+15550101856");
  REQUIRE(nikola);
  CHECK(nikola->title == "Nikola Tesla");
  CHECK(nikola->url == "tel:+15550101856");

  CHECK(experts.logged(TRELLIS_LOG_WARNING, "people.vcf:21: no email address or phone number"));
  CHECK(experts.logged(TRELLIS_LOG_WARNING, "people.vcf:26: a card without END:VCARD"));
}

TEST_CASE("experts: a re-sync sends changed people and removed people as deleted") {
  TempDir dir;
  fs::copy_file(kData / "people.csv", dir / "people.csv");
  LoadedConnector experts = load(dir / "people.csv");
  ConnectorRun first = experts.sync("");
  REQUIRE(first.status == TRELLIS_OK);
  ConnectorRun quiet = experts.sync(first.next_cursor);
  REQUIRE(quiet.status == TRELLIS_OK);
  CHECK(quiet.items.empty());

  trellis::testing::write_file(dir / "people.csv",
                               "name,email,expertise\nAda Lovelace,ada@example.org,\"lockout; electrical safety\"\n"
                               "Grace Hopper,grace@example.org,cobol\nNew Person,new@example.org,cranes\n");
  ConnectorRun second = experts.sync(quiet.next_cursor);
  REQUIRE(second.status == TRELLIS_OK);
  CHECK(second.count_live() == 3);  // Ada lost her title and location, Grace changed, New Person is new
  CHECK(second.count_deleted() == 2);
  REQUIRE(second.find("tel:+15550109999"));
  CHECK(second.find("tel:+15550109999")->deleted);
  REQUIRE(second.find("multi@example.org"));
  CHECK(second.find("multi@example.org")->deleted);
  CHECK(second.find("grace@example.org")->tags == "cobol");

  ConnectorRun repeated = experts.sync(quiet.next_cursor);  // the host lost the commit: same answer again
  CHECK(repeated.items.size() == second.items.size());
}

TEST_CASE("experts: search matches expertise tags and names") {
  LoadedConnector experts = load(kData / "people.csv");
  REQUIRE(experts.sync("").status == TRELLIS_OK);
  TestQuery q;
  q.title = "Forklift driving";
  ConnectorRun hits = experts.search(q);
  REQUIRE(hits.status == TRELLIS_OK);
  REQUIRE_FALSE(hits.items.empty());
  CHECK(hits.items[0].ref == "grace@example.org");
  CHECK(hits.items[0].url == "mailto:grace@example.org");

  TestQuery by_name;
  by_name.text = "lovelace";
  hits = experts.search(by_name);
  REQUIRE(hits.items.size() == 1);
  CHECK(hits.items[0].ref == "ada@example.org");

  TestQuery documents_only = q;
  documents_only.kinds = 1u << 1;
  CHECK(experts.search(documents_only).items.empty());
}

TEST_CASE("experts: fetch and the setting's errors") {
  LoadedConnector experts = load(kData / "people.vcf");
  ConnectorRun one = experts.fetch("tel:+15550101856");
  REQUIRE(one.status == TRELLIS_OK);
  REQUIRE(one.items.size() == 1);
  CHECK(one.items[0].title == "Nikola Tesla");
  CHECK(experts.fetch("nobody@example.org").status == TRELLIS_ERR_NOT_FOUND);

  LoadedConnector unset(TRELLIS_EXPERTS_PLUGIN);
  ConnectorRun run = unset.sync("");
  CHECK(run.status == TRELLIS_ERR_INVALID_INPUT);
  CHECK(run.error.find("'path'") != std::string::npos);
  LoadedConnector wrong_type = load(kData / "people.txt");
  CHECK(wrong_type.sync("").status == TRELLIS_ERR_INVALID_INPUT);
  LoadedConnector missing = load(kData / "missing.csv");
  run = missing.sync("");
  CHECK(run.status == TRELLIS_ERR_IO);
  CHECK(run.error.find("missing.csv") != std::string::npos);
}

TEST_CASE("experts: damaged directory files never crash the sync or reach the host as bad text") {
  TempDir dir;
  std::mt19937 rng(11);
  for (const char* name : {"people.csv", "people.vcf"}) {
    std::string original = trellis::testing::read_file(kData / name);
    LoadedConnector experts = load(dir / name);
    for (int i = 0; i < 150; ++i) {
      std::string damaged = trellis::testing::damaged(original, rng, 1 + i % 4, "\"\r\n,\\,;\xc3");
      trellis::testing::write_file(dir / name, damaged);
      ConnectorRun run = experts.sync("");
      INFO(name << " #" << i << ": " << run.error);
      CHECK((run.status == TRELLIS_OK || run.status == TRELLIS_ERR_INVALID_INPUT));
      for (const auto& item : run.items) {
        for (const std::string* f : {&item.ref, &item.title, &item.url, &item.snippet, &item.body, &item.tags})
          CHECK(trellis::connector_kit::valid_utf8(*f));
        CHECK((item.url.rfind("mailto:", 0) == 0 || item.url.rfind("tel:", 0) == 0));
        CHECK_FALSE(item.title.empty());
      }
    }
  }
}
