#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "app/runtime.hpp"
#include "records/export.hpp"
#include "lrs/filter_text.hpp"
#include "records_test_seed.hpp"
#include "support.hpp"

using namespace trellis;
using testing::kCompleted;
using testing::make_statement;
using testing::seed_statements;

namespace {

const std::string kAttempted = "http://adlnet.gov/expapi/verbs/attempted";

std::vector<std::string> ids_of(store::Database& db, records::StatementFilter filter) {
  filter.after_seq = 0;
  filter.through_seq = INT64_MAX;
  auto page = records::export_page(db, filter, 1000);
  REQUIRE(page.ok());
  std::vector<std::string> ids;
  for (const auto& s : *page) ids.push_back(s.id);
  return ids;
}

records::StatementFilter filter_of(lrs::ExportFilterText text) {
  auto f = lrs::parse_export_filter(text);
  REQUIRE(f.ok());
  return *f;
}

// Statements below course/7, beside it (course/70) and under it as a parent.
std::vector<std::string> seed_around_course_seven(store::Database& db) {
  return seed_statements(db, {make_statement("ana@example.org", kCompleted, "https://lms.example/course/7/mod/1"),
                              make_statement("bo@example.org", kAttempted, "https://lms.example/course/7#quiz"),
                              make_statement("ana@example.org", kAttempted, "https://lms.example/course/70/mod/1"),
                              make_statement("cy@example.org", kCompleted, "https://other.example/a",
                                             "https://lms.example/course/7")});
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("export filters: verb, agent, course below an IRI, stored window", "[records][export]") {
  testing::TempDir dir;
  auto rt = Runtime::open(dir / "home");
  REQUIRE(rt.ok());
  auto& db = rt.value()->db;
  auto first = seed_around_course_seven(db);
  auto after_first = records::find_statement(db, first.back());
  REQUIRE(after_first.ok());
  auto second = seed_statements(db, {make_statement("ana@example.org", kCompleted, "https://lms.example/course/7")});

  CHECK(ids_of(db, {}).size() == 5);
  CHECK(ids_of(db, filter_of({{}, {}, kCompleted, {}, {}})) == std::vector<std::string>{first[0], first[3], second[0]});
  CHECK(ids_of(db, filter_of({{}, {}, {}, R"({"mbox":"mailto:ana@example.org"})", {}})) ==
        std::vector<std::string>{first[0], first[2], second[0]});
  // course/70 is not below course/7; a parent context activity counts.
  CHECK(ids_of(db, filter_of({{}, {}, {}, {}, "https://lms.example/course/7"})) ==
        std::vector<std::string>{first[0], first[1], first[3], second[0]});
  CHECK(ids_of(db, filter_of({(*after_first)->stored, {}, {}, {}, {}})) == second);
  CHECK(ids_of(db, filter_of({{}, (*after_first)->stored, {}, {}, {}})) == first);
}

TEST_CASE("a statement filter selects the same rows read by seq window or through the indexes",
          "[records][filter]") {
  testing::TempDir dir;
  auto rt = Runtime::open(dir / "home");
  REQUIRE(rt.ok());
  auto& db = rt.value()->db;
  seed_around_course_seven(db);
  std::vector<records::StatementFilter> filters(5);
  filters[0].agent = "mbox:mailto:ana@example.org";
  filters[1].agent = "mbox:mailto:ana@example.org";
  filters[1].verb = kAttempted;
  filters[2].activity = "https://lms.example/course/7";
  filters[2].related_activities = true;
  filters[3].course = "https://lms.example/course/7";
  filters[4].activity = "https://other.example/a";
  for (const auto& filter : filters) {
    // No seq bounds: the SQL takes the index shape (as erasure does).
    auto by_index = records::export_page(db, filter, 1000);
    REQUIRE(by_index.ok());
    std::vector<std::string> ids;
    for (const auto& s : *by_index) ids.push_back(s.id);
    CHECK(!ids.empty());
    CHECK(ids_of(db, filter) == ids);
  }
}

TEST_CASE("export filters refuse malformed values as usage errors", "[records][export]") {
  for (auto text : {lrs::ExportFilterText{"yesterday", {}, {}, {}, {}},
                    lrs::ExportFilterText{{}, {}, "not an iri", {}, {}},
                    lrs::ExportFilterText{{}, {}, {}, R"({"name":"no ifi"})", {}},
                    lrs::ExportFilterText{{}, {}, {}, "{", {}}}) {
    auto f = lrs::parse_export_filter(text);
    REQUIRE_FALSE(f.ok());
    CHECK(f.error().kind == ErrorKind::usage);
  }
}

TEST_CASE("a large export streams page by page through the real jsonl and csv plugins", "[records][export]") {
  testing::TempDir dir;
  auto rt = Runtime::open(dir / "home");
  REQUIRE(rt.ok());
  auto& db = rt.value()->db;
  constexpr int kStatements = 20000;
  for (int b = 0; b < kStatements / 500; ++b) {
    std::vector<nlohmann::json> batch;
    for (int i = 0; i < 500; ++i)
      batch.push_back(make_statement("l" + std::to_string((b * 500 + i) % 97) + "@example.org", kCompleted,
                                     "https://lms.example/course/1/mod/" + std::to_string(i)));
    seed_statements(db, batch);
  }
  auto plugins = rt.value()->plugins();
  REQUIRE(plugins.ok());

  auto jsonl = records::find_file_exporter(**plugins, "jsonl");
  REQUIRE(jsonl.ok());
  std::string out;
  size_t writes = 0, largest_write = 0;
  records::ExportRequest request;
  request.page_size = 1000;
  request.write = [&](std::string_view bytes) {
    ++writes;
    largest_write = std::max(largest_write, bytes.size());
    out.append(bytes);
    return true;
  };
  auto sent = records::export_records(db, *jsonl, request);
  REQUIRE(sent.ok());
  CHECK(*sent == kStatements);
  auto lines = lines_of(out);
  REQUIRE(lines.size() == kStatements);
  // Exactly as stored, in stored order.
  int64_t seq = 0;
  size_t checked = 0;
  REQUIRE(records::for_each_statement(db, 0, 0, [&](const records::StoredStatement& s) {
            CHECK(lines[checked] == s.statement);
            CHECK(s.seq > seq);
            seq = s.seq;
            return ++checked < 50;
          }).ok());
  // The plugin saw one page at a time: never the whole set in one piece.
  CHECK(writes >= kStatements / 1000);
  CHECK(largest_write < out.size() / 10);

  auto csv = records::find_file_exporter(**plugins, "csv");
  REQUIRE(csv.ok());
  out.clear();
  request.filter = filter_of({{}, {}, {}, R"({"mbox":"mailto:l5@example.org"})", {}});
  sent = records::export_records(db, *csv, request);
  REQUIRE(sent.ok());
  CHECK(*sent == (kStatements + 96 - 5) / 97);
  CHECK(lines_of(out).size() == static_cast<size_t>(*sent) + 1);
}

TEST_CASE("a reader that stops reading ends the export with an error", "[records][export]") {
  testing::TempDir dir;
  auto rt = Runtime::open(dir / "home");
  REQUIRE(rt.ok());
  seed_statements(rt.value()->db, {make_statement("a@example.org", kCompleted, "https://x.example/1")});
  auto plugins = rt.value()->plugins();
  REQUIRE(plugins.ok());
  auto jsonl = records::find_file_exporter(**plugins, "jsonl");
  REQUIRE(jsonl.ok());
  records::ExportRequest request;
  request.write = [](std::string_view) { return false; };
  auto sent = records::export_records(rt.value()->db, *jsonl, request);
  REQUIRE_FALSE(sent.ok());
  CHECK(sent.error().kind == ErrorKind::environment);
  auto missing = records::find_file_exporter(**plugins, "xml");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("csv, jsonl") != std::string::npos);
}

TEST_CASE("an export reports the statements written of those its filter selects and stops between pages when "
          "cancelled",
          "[records][export][progress]") {
  testing::TempDir dir;
  auto rt = Runtime::open(dir / "home");
  REQUIRE(rt.ok());
  std::vector<nlohmann::json> batch;
  for (int i = 0; i < 25; ++i)
    batch.push_back(make_statement("u@example.org", i % 5 == 0 ? kAttempted : kCompleted,
                                   "https://x.example/" + std::to_string(i)));
  seed_statements(rt.value()->db, batch);
  auto plugins = rt.value()->plugins();
  REQUIRE(plugins.ok());
  auto jsonl = records::find_file_exporter(**plugins, "jsonl");
  REQUIRE(jsonl.ok());

  std::vector<std::pair<uint64_t, uint64_t>> told;
  records::ExportRequest request;
  request.page_size = 6;
  request.filter = filter_of({{}, {}, kCompleted, {}, {}});
  request.write = [](std::string_view) { return true; };
  request.progress = [&](std::string_view step, uint64_t done, uint64_t total) {
    CHECK(step == records::kExportStep);
    told.emplace_back(done, total);
  };
  auto sent = records::export_records(rt.value()->db, *jsonl, request);
  REQUIRE(sent.ok());
  CHECK(*sent == 20);
  using Told = std::vector<std::pair<uint64_t, uint64_t>>;
  CHECK(told == Told{{0, 20}, {6, 20}, {12, 20}, {18, 20}, {20, 20}});

  // Asked between pages: the second page never goes out.
  told.clear();
  int pages = 0;
  request.cancelled = [&] { return pages >= 1; };
  request.write = [&](std::string_view) {
    ++pages;
    return true;
  };
  sent = records::export_records(rt.value()->db, *jsonl, request);
  REQUIRE_FALSE(sent.ok());
  CHECK(sent.error().kind == ErrorKind::conflict);
  CHECK(sent.error().message == "the export was cancelled");
  CHECK(pages == 1);
}
