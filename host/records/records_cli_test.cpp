// The export and erasure commands and the export endpoint as a user runs them:
// the real `trellis` binary, a real server on 127.0.0.1, real plugins.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <sstream>

#include "app/runtime.hpp"
#include "records/document_store.hpp"
#include "records/export_store.hpp"
#include "records/outbox_store.hpp"
#include "records_test_seed.hpp"
#include "support.hpp"

using namespace trellis;
using testing::kCompleted;
using testing::make_statement;
using testing::run_trellis;
using testing::seed_statements;

namespace {


size_t count_lines(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }

std::string basic(const nlohmann::json& key) {
  return httplib::make_basic_authentication_header(key["key"].get<std::string>(), key["secret"].get<std::string>()).second;
}

}  // namespace

TEST_CASE("trellis records export writes a file atomically and filters", "[records][export][cli]") {
  testing::TempDir dir;
  auto home = dir / "home";
  {
    auto rt = Runtime::open(home);
    REQUIRE(rt.ok());
    seed_statements(rt.value()->db, {make_statement("ana@example.org", kCompleted, "https://lms.example/c/1"),
                                     make_statement("bo@example.org", kCompleted, "https://lms.example/c/2")});
  }
  auto r = run_trellis(home, {"records", "export", "--format", "jsonl", "-o", (dir / "all.jsonl").string()});
  REQUIRE(r.exit_code == 0);
  CHECK(count_lines(testing::read_file(dir / "all.jsonl")) == 2);
  CHECK_FALSE(std::filesystem::exists(dir / "all.jsonl.partial"));

  r = run_trellis(home, {"records", "export", "--format", "csv", "--agent", R"({"mbox":"mailto:bo@example.org"})"});
  REQUIRE(r.exit_code == 0);
  CHECK(count_lines(r.out) == 2);
  CHECK(r.out.find("mailto:bo@example.org") != std::string::npos);
  CHECK(r.out.find("mailto:ana@example.org") == std::string::npos);

  r = run_trellis(home, {"records", "export", "--format", "yaml"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("yaml") != std::string::npos);
  r = run_trellis(home, {"records", "export", "--format", "jsonl", "--since", "last week"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("since") != std::string::npos);
}

TEST_CASE("trellis records export shows its progress on a terminal and nothing more through a pipe",
          "[records][export][cli][progress]") {
  testing::TempDir dir;
  auto home = dir / "home";
  {
    auto rt = Runtime::open(home);
    REQUIRE(rt.ok());
    seed_statements(rt.value()->db, {make_statement("ana@example.org", kCompleted, "https://lms.example/c/1"),
                                     make_statement("bo@example.org", kCompleted, "https://lms.example/c/2"),
                                     make_statement("cy@example.org", kCompleted, "https://lms.example/c/1")});
  }
  auto to_file = testing::run_trellis_on_terminal(home, {"records", "export", "--format", "jsonl", "-o",
                                                         (dir / "tty.jsonl").string()});
  INFO(to_file.err);
  REQUIRE(to_file.exit_code == 0);
  CHECK_THAT(to_file.err, Catch::Contains("\rexporting statements 0/3"));
  CHECK_THAT(to_file.err, Catch::Contains("\rexporting statements 3/3"));
  // Cleared before the closing line, which starts at the line's beginning.
  const std::string last_drawn = "exporting statements 3/3";
  CHECK_THAT(to_file.err,
             Catch::Contains("\r" + std::string(last_drawn.size(), ' ') + "\rexported 3 statement(s) to "));
  CHECK(count_lines(testing::read_file(dir / "tty.jsonl")) == 3);

  // Statements to a pipe, progress to the terminal: the statements are untouched.
  auto to_stdout = testing::run_trellis_on_terminal(home, {"records", "export", "--format", "jsonl", "--course",
                                                           "https://lms.example/c/1"});
  REQUIRE(to_stdout.exit_code == 0);
  CHECK_THAT(to_stdout.err, Catch::Contains("\rexporting statements 2/2"));
  auto piped = run_trellis(home, {"records", "export", "--format", "jsonl", "--course", "https://lms.example/c/1"});
  REQUIRE(piped.exit_code == 0);
  CHECK(to_stdout.out == piped.out);
  CHECK(piped.err.find('\r') == std::string::npos);
  CHECK(piped.err.find("exporting statements") == std::string::npos);
  auto piped_file = run_trellis(home, {"records", "export", "--format", "jsonl", "-o", (dir / "pipe.jsonl").string()});
  REQUIRE(piped_file.exit_code == 0);
  CHECK(piped_file.err == "exported 3 statement(s) to " + (dir / "pipe.jsonl").string() + "\n");
  CHECK(testing::read_file(dir / "pipe.jsonl") == testing::read_file(dir / "tty.jsonl"));
}

TEST_CASE("trellis learner forget erases statements, documents, attachments and outbox items, only with --yes, and "
          "audits",
          "[records][forget]") {
  testing::TempDir dir;
  auto home = dir / "home";
  const std::string ana = R"({"mbox":"mailto:ana@example.org"})";
  const std::string only_ana(64, 'a'), shared(64, 'b');
  {
    auto rt = Runtime::open(home);
    REQUIRE(rt.ok());
    auto& db = rt.value()->db;
    auto ids = seed_statements(
        db,
        {testing::with_attachment(make_statement("ana@example.org", kCompleted, "https://lms.example/c/1"), only_ana),
         testing::with_attachment(make_statement("ana@example.org", kCompleted, "https://lms.example/c/2"), shared),
         testing::with_attachment(make_statement("bo@example.org", kCompleted, "https://lms.example/c/1"), shared)},
        {{only_ana, "text/plain", "mine"}, {shared, "text/plain", "ours"}});
    // Each statement waits in a forwarding outbox; a parked one quotes the remote.
    REQUIRE(records::add_destination_state(db, "archive").ok());
    for (const auto& id : ids) {
      auto stored = records::find_statement(db, id);
      REQUIRE(stored.ok());
      REQUIRE(stored->has_value());
      REQUIRE(records::put_item(db, {"archive", (*stored)->seq, id, "parked", 1, 0, "remote said: bad actor", ""}).ok());
    }
    for (const char* agent : {"mbox:mailto:ana@example.org", "mbox:mailto:bo@example.org"}) {
      REQUIRE(records::put_document(db, {records::DocumentKind::state, "https://lms.example/c/1", agent, "", "bookmark"},
                                    {"text/plain", "p3", "\"e\"", "2026-01-01T00:00:00Z"})
                  .ok());
      REQUIRE(records::put_document(db, {records::DocumentKind::agent_profile, "", agent, "", "prefs"},
                                    {"application/json", "{}", "\"e\"", "2026-01-01T00:00:00Z"})
                  .ok());
    }
  }
  auto r = run_trellis(home, {"learner", "forget", ana});
  CHECK(r.exit_code == 2);
  r = run_trellis(home, {"records", "export", "--format", "jsonl"});
  CHECK(count_lines(r.out) == 3);

  r = run_trellis(home, {"learner", "forget", ana, "--yes", "--json"});
  REQUIRE(r.exit_code == 0);
  auto counts = nlohmann::json::parse(r.out);
  CHECK(counts["statements"] == 2);
  CHECK(counts["state_documents"] == 1);
  CHECK(counts["agent_profiles"] == 1);
  CHECK(counts["attachments"] == 1);  // the shared one stays: bo's statement still carries it
  CHECK(counts["outbox_items"] == 2);

  r = run_trellis(home, {"records", "export", "--format", "jsonl"});
  CHECK(count_lines(r.out) == 1);
  CHECK(r.out.find("bo@example.org") != std::string::npos);
  auto rt = Runtime::open(home);
  REQUIRE(rt.ok());
  auto& db = rt.value()->db;
  auto bo_state = records::find_document(
      db, {records::DocumentKind::state, "https://lms.example/c/1", "mbox:mailto:bo@example.org", "", "bookmark"});
  REQUIRE(bo_state.ok());
  CHECK(bo_state->has_value());
  auto attachments = db.prepare("SELECT group_concat(sha2) FROM attachments");
  REQUIRE(attachments.ok());
  REQUIRE(attachments->step().value());
  CHECK(attachments->text(0) == shared);
  auto outbox = records::list_items(db, std::nullopt);
  REQUIRE(outbox.ok());
  REQUIRE(outbox->size() == 1);
  auto bo_item = records::find_statement(db, (*outbox)[0].statement_id);
  REQUIRE(bo_item.ok());
  CHECK(bo_item->has_value());
  auto audit = db.prepare("SELECT action, subject, detail FROM audit_log WHERE action = 'learner.forget'");
  REQUIRE(audit.ok());
  auto row = audit->step();
  REQUIRE(row.ok());
  REQUIRE(row.value());
  CHECK(audit->text(1) == "mbox:mailto:ana@example.org");
  CHECK(nlohmann::json::parse(audit->text(2))["statements"] == 2);

  r = run_trellis(home, {"learner", "forget", R"({"name":"nobody"})", "--yes"});
  CHECK(r.exit_code == 2);
}

TEST_CASE("GET /api/v1/records/export streams statements to an LRS key holder", "[records][export][http]") {
  testing::TempDir dir;
  auto home = dir / "home";
  auto made = run_trellis(home, {"lrs", "key", "create", "--json"});
  REQUIRE(made.exit_code == 0);
  auto key = nlohmann::json::parse(made.out);
  testing::Server server(home);
  for (int i = 0; i < 3; ++i) {
    auto posted = server.request("POST", "/xapi/statements",
                                 make_statement("u" + std::to_string(i) + "@example.org", kCompleted,
                                                "https://lms.example/c/" + std::to_string(i))
                                     .dump(),
                                 "application/json",
                                 {{"Authorization", basic(key)}, {"X-Experience-API-Version", "1.0.3"}});
    REQUIRE(posted.status == 200);
  }
  CHECK(server.get("/api/v1/records/export").status == 401);
  auto all = server.get("/api/v1/records/export?format=jsonl", {{"Authorization", basic(key)}});
  REQUIRE(all.status == 200);
  CHECK(count_lines(all.body) == 3);
  CHECK(all.headers["content-type"].rfind("application/jsonl", 0) == 0);
  auto csv = server.get("/api/v1/records/export?format=csv&course=https%3A%2F%2Flms.example%2Fc%2F1",
                        {{"Authorization", basic(key)}});
  REQUIRE(csv.status == 200);
  CHECK(count_lines(csv.body) == 2);
  CHECK(csv.body.find("u1@example.org") != std::string::npos);
  auto bad = server.get("/api/v1/records/export?format=jsonl&since=soon", {{"Authorization", basic(key)}});
  CHECK(bad.status == 400);
  CHECK(bad.headers["content-type"] == "application/problem+json");
  CHECK(server.get("/api/v1/records/export?format=pdf", {{"Authorization", basic(key)}}).status == 400);
}
