#include <catch2/catch.hpp>

#include "trellis/testing/exporter.hpp"
#include "trellis/abi.h"

using trellis::testing::LoadedExporter;
using trellis::testing::TestRecord;

TEST_CASE("jsonl writes one statement per line exactly as stored, across batches") {
  LoadedExporter exporter(TRELLIS_JSONL_PLUGIN);
  CHECK(exporter.plugin_id() == "jsonl");
  CHECK(exporter.format() == "jsonl");
  std::vector<TestRecord> records;
  std::string expected;
  for (int i = 0; i < 250; ++i) {
    std::string json = R"({"id":"s)" + std::to_string(i) + R"(","verb":{"id":"http://x/v","display":{"en":"a, \"b\"\nc"}}})";
    records.push_back({"s" + std::to_string(i), json, "2026-01-01T00:00:00.000000Z"});
    expected += json + "\n";
  }
  auto run = exporter.run(records, 100);
  REQUIRE(run.open_status == TRELLIS_OK);
  REQUIRE(run.write_status == TRELLIS_OK);
  REQUIRE(run.close_status == TRELLIS_OK);
  CHECK(run.output == expected);
  for (const auto& o : run.outcomes) CHECK(o.status == TRELLIS_OK);
}

TEST_CASE("jsonl keeps a pretty-printed statement on one line") {
  LoadedExporter exporter(TRELLIS_JSONL_PLUGIN);
  auto run = exporter.run({{"a", "{\n  \"id\": \"a\"\r\n}", "t"}});
  REQUIRE(run.write_status == TRELLIS_OK);
  CHECK(run.output == "{   \"id\": \"a\"  }\n");
}

TEST_CASE("jsonl refuses a session without an output stream") {
  LoadedExporter exporter(TRELLIS_JSONL_PLUGIN);
  auto run = exporter.run({}, 100, {}, false);
  CHECK(run.open_status == TRELLIS_ERR_INVALID_ARGUMENT);
  CHECK(run.error.find("output") != std::string::npos);
}
