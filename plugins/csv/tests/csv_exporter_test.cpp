#include <catch2/catch.hpp>

#include "columns.hpp"
#include "trellis/testing/exporter.hpp"
#include "trellis/abi.h"

using trellis::testing::LoadedExporter;

TEST_CASE("the csv plugin writes the header once, then one row per statement") {
  LoadedExporter exporter(TRELLIS_CSV_PLUGIN);
  CHECK(exporter.plugin_id() == "csv");
  CHECK(exporter.format() == "csv");
  CHECK(exporter.media_type().rfind("text/csv", 0) == 0);
  std::vector<trellis::testing::TestRecord> records;
  for (int i = 0; i < 5; ++i) {
    std::string id = "id-" + std::to_string(i);
    records.push_back({id, R"({"id":")" + id + R"(","actor":{"name":"Smith, \"J\""},"verb":{"id":"http://v"}})", "t"});
  }
  auto run = exporter.run(records, 2);
  REQUIRE(run.open_status == TRELLIS_OK);
  REQUIRE(run.write_status == TRELLIS_OK);
  REQUIRE(run.close_status == TRELLIS_OK);
  size_t lines = 0;
  for (size_t at = run.output.find("\r\n"); at != std::string::npos; at = run.output.find("\r\n", at + 2)) ++lines;
  CHECK(lines == 6);
  CHECK(run.output.rfind("id,timestamp,stored,", 0) == 0);
  CHECK(run.output.find("id-3,,,,Agent,\"Smith, \"\"J\"\"\",") != std::string::npos);
  for (const auto& o : run.outcomes) CHECK(o.status == TRELLIS_OK);
}

TEST_CASE("the csv plugin refuses text that is not JSON, naming the statement") {
  LoadedExporter exporter(TRELLIS_CSV_PLUGIN);
  auto run = exporter.run({{"bad-1", "{not json", "t"}});
  CHECK(run.write_status == TRELLIS_ERR_INVALID_INPUT);
  CHECK(run.error.find("bad-1") != std::string::npos);
}
