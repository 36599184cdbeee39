#include <catch2/catch.hpp>

#include <algorithm>

#include "columns.hpp"
#include "rfc4180.hpp"

using namespace trellis::csv;

namespace {
std::string column(const std::vector<std::string>& row, const std::string& name) {
  const auto& names = column_names();
  auto it = std::find(names.begin(), names.end(), name);
  REQUIRE(it != names.end());
  return row.at(static_cast<size_t>(it - names.begin()));
}
}  // namespace

TEST_CASE("RFC 4180 quoting doubles quotes and quotes only fields that need it") {
  std::string out;
  append_record(out, {"plain", "a,b", "say \"hi\"", "line\nbreak", "cr\rhere", ""});
  CHECK(out == "plain,\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",\"cr\rhere\",\r\n");
}

TEST_CASE("the column set is stable: its first columns never move") {
  const auto& names = column_names();
  REQUIRE(names.size() >= 35);
  CHECK(names[0] == "id");
  CHECK(names[1] == "timestamp");
  CHECK(names[2] == "stored");
  CHECK(names[11] == "verb_id");
  CHECK(names[14] == "object_id");
  CHECK(names[17] == "result_score_scaled");
  CHECK(names[25] == "context_registration");
}

TEST_CASE("a full statement flattens into its columns") {
  auto s = nlohmann::json::parse(R"({
    "id": "6690e6c9-3ef0-4ed3-8b37-7f3964730bee",
    "timestamp": "2026-03-01T10:00:00.000Z", "stored": "2026-03-01T10:00:01.000000Z", "version": "1.0.0",
    "actor": {"name": "Ana Díaz", "account": {"homePage": "https://lms.example", "name": "ana"}},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"de": "abgeschlossen", "en-US": "completed"}},
    "object": {"id": "https://lms.example/course/7/mod/2", "definition": {"type": "http://adlnet.gov/expapi/activities/module",
               "name": {"fr": "Module"}}},
    "result": {"score": {"scaled": 0.85, "raw": 85, "min": 0, "max": 100}, "success": true, "completion": true,
               "duration": "PT1H2M"},
    "context": {"registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7", "platform": "Moodle", "language": "en-US",
                "contextActivities": {"parent": [{"id": "https://lms.example/course/7"}],
                                      "grouping": {"id": "https://lms.example/program/1"},
                                      "category": [{"id": "http://c/1"}, {"id": "http://c/2"}]}},
    "authority": {"objectType": "Agent", "name": "lms-client", "account": {"homePage": "https://trellis", "name": "k1"}}
  })");
  auto row = flatten_statement(s);
  REQUIRE(row.size() == column_names().size());
  CHECK(column(row, "id") == "6690e6c9-3ef0-4ed3-8b37-7f3964730bee");
  CHECK(column(row, "actor_object_type") == "Agent");
  CHECK(column(row, "actor_name") == "Ana Díaz");
  CHECK(column(row, "actor_account_home_page") == "https://lms.example");
  CHECK(column(row, "actor_account_name") == "ana");
  CHECK(column(row, "actor_mbox").empty());
  CHECK(column(row, "verb_display") == "completed");
  CHECK(column(row, "object_object_type") == "Activity");
  CHECK(column(row, "object_definition_name") == "Module");
  CHECK(column(row, "result_score_scaled") == "0.85");
  CHECK(column(row, "result_score_raw") == "85");
  CHECK(column(row, "result_success") == "true");
  CHECK(column(row, "result_duration") == "PT1H2M");
  CHECK(column(row, "context_platform") == "Moodle");
  CHECK(column(row, "context_parent_ids") == "https://lms.example/course/7");
  CHECK(column(row, "context_grouping_ids") == "https://lms.example/program/1");
  CHECK(column(row, "context_category_ids") == "http://c/1 http://c/2");
  CHECK(column(row, "authority_account_name") == "k1");
}

TEST_CASE("absent parts are empty fields and a statement-ref object keeps its id") {
  auto s = nlohmann::json::parse(R"({"id": "a", "actor": {"objectType": "Group", "member": []},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
    "object": {"objectType": "StatementRef", "id": "b"}})");
  auto row = flatten_statement(s);
  CHECK(column(row, "actor_object_type") == "Group");
  CHECK(column(row, "object_object_type") == "StatementRef");
  CHECK(column(row, "object_id") == "b");
  CHECK(column(row, "verb_display").empty());
  CHECK(column(row, "result_success").empty());
  CHECK(column(row, "context_parent_ids").empty());
}

TEST_CASE("language maps prefer en-US, then en, then another English tag, then the first") {
  CHECK(pick_language(nlohmann::json::parse(R"({"de":"x","en":"y"})")) == "y");
  CHECK(pick_language(nlohmann::json::parse(R"({"de":"x","en-GB":"z"})")) == "z");
  CHECK(pick_language(nlohmann::json::parse(R"({"fr":"f","de":"x"})")) == "x");
  CHECK(pick_language(nlohmann::json::object()).empty());
}
