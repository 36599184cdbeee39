// Native discussions through the service the CLI and REST share, on a real
// SQLite home: each change lands with its knowledge entries and its xAPI
// statement, or not at all.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "app/runtime.hpp"
#include "catalog/catalog_store.hpp"
#include "catalog/model_staging.hpp"
#include "community/community_service.hpp"
#include "community/community_statements.hpp"
#include "course_doc.hpp"
#include "knowledge/index_store.hpp"
#include "records/statement_store.hpp"
#include "store/store.hpp"
#include "support.hpp"

using namespace trellis;
using nlohmann::json;

namespace {

const std::string kIriModule = "https://example.org/safety/au/exits";

// A course with two modules stored through the catalog's own data-access layer:
// "m1" (an identifier that is no IRI, as in SCORM) and an IRI one (as in cmi5).
std::map<std::string, std::string> seed_course(store::Database& db) {
  json doc = testing::course_json_doc({{"m1", "Module m1"}, {kIriModule, "Module exits"}});
  testing::TempDir scratch;
  auto staging = catalog::ModelStaging::create(scratch / "course.model");
  REQUIRE(staging);
  REQUIRE((*staging)->set_course(doc.dump()));
  auto summary = (*staging)->finish();
  REQUIRE(summary);
  catalog::CatalogStore store(db);
  std::vector<catalog::StoredDiagnostic> none;
  auto tx = store::Transaction::begin(db);
  REQUIRE(tx);
  REQUIRE(store.insert_course("crs_test", "coursejson", "com.example.safety"));
  REQUIRE(store.insert_version({"crs_test", 1, staging->get(), &summary.value(), "safety.zip", "00", &none}));
  REQUIRE(tx->commit());
  auto modules = store.version_modules("crs_test", 1);
  REQUIRE(modules);
  std::map<std::string, std::string> ids;
  for (const auto& [identifier, m] : *modules) ids[identifier] = m.module_id;
  return ids;
}

struct TestHome {
  testing::TempDir dir;
  std::unique_ptr<Runtime> rt;
  std::map<std::string, std::string> modules;
  TestHome() {
    auto opened = Runtime::open(dir / "home");
    REQUIRE(opened);
    rt = std::move(opened.value());
    modules = seed_course(db());
  }
  store::Database& db() { return rt->db; }
};

std::vector<json> statements_with_verb(store::Database& db, const std::string& verb) {
  records::StatementQuery q;
  q.filter.verb = verb;
  auto page = records::query_statements(db, q);
  REQUIRE(page);
  std::vector<json> out;
  for (const auto& s : page->statements) out.push_back(json::parse(s.statement));
  return out;
}

size_t statement_count(store::Database& db) {
  auto page = records::query_statements(db, {});
  REQUIRE(page);
  return page->statements.size();
}

bool indexed(store::Database& db, const std::string& kind, const std::string& ref) {
  auto e = knowledge::find_entry(db, kind, "native", ref);
  REQUIRE(e);
  return e->has_value();
}

community::NewThread question(const std::string& module_id) {
  return {
      module_id,         "Which exit in a fire?", "The **nearest** one, or the <script>alert(1)</script> marked one?",
      "ana@example.org", {"fire", "exits"},       nullptr};
}

}  // namespace

TEST_CASE("start, reply, edit and accept: stored, indexed and recorded as xAPI", "[community]") {
  TestHome home;
  auto& db = home.db();
  std::string m1 = home.modules["m1"];

  auto started = community::start_thread(db, question(m1));
  INFO((started ? "" : started.error().message));
  REQUIRE(started);
  const auto& thread = started->thread;
  CHECK(thread.id.rfind("thr_", 0) == 0);
  CHECK(thread.status == "open");
  CHECK(thread.provider == "native");
  CHECK(thread.tags == std::vector<std::string>{"fire", "exits"});
  REQUIRE(started->posts.size() == 1);
  const auto& opening = started->posts[0];
  CHECK(opening.body_html.find("<strong>nearest</strong>") != std::string::npos);
  CHECK(opening.body_html.find("<script") == std::string::npos);

  auto answer = community::reply(db, {thread.id, "The nearest *marked* exit.", "Bo Expert", nullptr});
  REQUIRE(answer);
  CHECK(answer->position == 1);
  auto after_reply = knowledge::find_entry(db, "thread", "native", thread.id);
  REQUIRE(after_reply);
  REQUIRE(after_reply->has_value());
  CHECK((*after_reply)->updated == answer->created_at);
  auto edited = community::edit_post(db, answer->id, "The nearest **marked** exit, never the lift.");
  REQUIRE(edited);
  CHECK(edited->edited_at.has_value());
  CHECK(edited->body_html.find("<strong>marked</strong>") != std::string::npos);

  auto accepted = community::accept_answer(db, {answer->id, std::nullopt, std::string("Cy Warden"), nullptr});
  REQUIRE(accepted);
  CHECK(accepted->thread.status == "answered");
  CHECK(accepted->thread.accepted_post_id == answer->id);
  CHECK(accepted->thread.accepted_by == "Cy Warden");
  auto again = community::accept_answer(db, {answer->id, thread.id, std::string("Someone Else"), nullptr});
  REQUIRE(again);
  CHECK(again->thread.accepted_by == "Cy Warden");

  auto read = community::read_thread(db, thread.id);
  REQUIRE(read);
  REQUIRE(read->posts.size() == 2);
  CHECK(read->posts[1].body_markdown == "The nearest **marked** exit, never the lift.");
  CHECK(read->module.identifier == "m1");
  auto list = community::list_discussions(db, m1);
  REQUIRE(list);
  REQUIRE(list->threads.size() == 1);
  CHECK(list->threads[0].post_count == 2);

  // Knowledge search sees the thread (its opening post is its text, not a post
  // of its own) and the reply, with the edit, both naming the thread.
  auto entry = knowledge::find_entry(db, "thread", "native", thread.id);
  REQUIRE(entry);
  REQUIRE(entry->has_value());
  CHECK((*entry)->module_id == m1);
  CHECK((*entry)->tags == "fire,exits");
  CHECK((*entry)->updated == accepted->thread.updated_at);  // follows the thread's activity
  CHECK((*entry)->body == opening.body_markdown);
  CHECK((*entry)->thread_id == thread.id);
  CHECK_FALSE(indexed(db, "post", opening.id));
  auto reply_entry = knowledge::find_entry(db, "post", "native", answer->id);
  REQUIRE(reply_entry);
  REQUIRE(reply_entry->has_value());
  CHECK((*reply_entry)->body == "The nearest **marked** exit, never the lift.");
  CHECK((*reply_entry)->thread_id == thread.id);

  // One statement per start, reply and acceptance; the module is their parent.
  auto asked = statements_with_verb(db, community::kVerbAsked);
  REQUIRE(asked.size() == 1);
  CHECK(asked[0]["actor"]["mbox"] == "mailto:ana@example.org");
  CHECK(asked[0]["object"]["id"] == community::thread_activity_id(thread.id));
  CHECK(asked[0]["context"]["contextActivities"]["parent"][0]["id"] == "urn:trellis:module:" + m1);
  CHECK(asked[0]["result"]["response"] == opening.body_markdown);
  auto replied = statements_with_verb(db, community::kVerbReplied);
  REQUIRE(replied.size() == 1);
  CHECK(replied[0]["actor"]["account"]["name"] == "Bo Expert");
  CHECK(replied[0]["actor"]["account"]["homePage"] == "urn:trellis:community");
  auto accepts = statements_with_verb(db, community::kVerbAccepted);
  REQUIRE(accepts.size() == 1);
  CHECK(accepts[0]["actor"]["account"]["name"] == "Cy Warden");
  CHECK(accepts[0]["object"]["id"] == community::post_activity_id(answer->id));
  CHECK(accepts[0]["authority"]["account"]["name"] == "community");
  CHECK(statement_count(db) == 3);
}

TEST_CASE("a module whose identifier is an IRI is the statements' parent activity as it is", "[community]") {
  TestHome home;
  auto& db = home.db();
  REQUIRE(store::set_setting(db, "community.home_page", "https://lms.example.org"));
  auto in = question(home.modules[kIriModule]);
  in.author = "Dee";
  REQUIRE(community::start_thread(db, in));
  auto asked = statements_with_verb(db, community::kVerbAsked);
  REQUIRE(asked.size() == 1);
  CHECK(asked[0]["context"]["contextActivities"]["parent"][0]["id"] == kIriModule);
  CHECK(asked[0]["actor"]["account"]["homePage"] == "https://lms.example.org");
}

TEST_CASE("unknown module, thread or post: not found naming the id, nothing written", "[community]") {
  TestHome home;
  auto& db = home.db();
  auto no_module = community::start_thread(db, question("mod_nope"));
  REQUIRE_FALSE(no_module);
  CHECK(no_module.error().kind == ErrorKind::not_found);
  CHECK(no_module.error().message == "no module with id mod_nope");
  CHECK(community::list_discussions(db, "mod_nope").error().message == "no module with id mod_nope");
  auto no_thread = community::reply(db, {"thr_nope", "hi", "ana", nullptr});
  CHECK(no_thread.error().kind == ErrorKind::not_found);
  CHECK(no_thread.error().message == "no thread with id thr_nope");
  CHECK(community::edit_post(db, "pst_nope", "x").error().message == "no post with id pst_nope");
  CHECK(community::accept_answer(db, {"pst_nope", {}, {}, nullptr}).error().message == "no post with id pst_nope");
  CHECK(community::read_thread(db, "thr_nope").error().kind == ErrorKind::not_found);
  CHECK(statement_count(db) == 0);
}

TEST_CASE("accepting is refused for a post of another thread and for the opening post", "[community]") {
  TestHome home;
  auto& db = home.db();
  auto a = community::start_thread(db, question(home.modules["m1"]));
  auto b = community::start_thread(db, question(home.modules["m1"]));
  REQUIRE(a);
  REQUIRE(b);
  auto reply_in_b = community::reply(db, {b->thread.id, "answer in b", "bo", nullptr});
  REQUIRE(reply_in_b);
  auto wrong = community::accept_answer(db, {reply_in_b->id, a->thread.id, {}, nullptr});
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().kind == ErrorKind::invalid_input);
  CHECK(wrong.error().message ==
        "post " + reply_in_b->id + " belongs to thread " + b->thread.id + ", not to thread " + a->thread.id);
  auto opening = community::accept_answer(db, {a->posts[0].id, a->thread.id, {}, nullptr});
  REQUIRE_FALSE(opening);
  CHECK(opening.error().message.find("accept one of its replies") != std::string::npos);
  auto still = community::read_thread(db, a->thread.id);
  REQUIRE(still);
  CHECK(still->thread.status == "open");
  CHECK(statements_with_verb(db, community::kVerbAccepted).empty());
  // The thread's own author accepts when nobody else is named.
  auto right = community::accept_answer(db, {reply_in_b->id, b->thread.id, {}, nullptr});
  REQUIRE(right);
  CHECK(right->thread.accepted_by == "ana@example.org");
}

TEST_CASE("bad input is refused before anything is written", "[community]") {
  TestHome home;
  auto& db = home.db();
  std::string m1 = home.modules["m1"];
  REQUIRE(store::set_setting(db, "community.max_post_bytes", "32"));
  auto in = question(m1);
  in.body = std::string(33, 'x');
  auto big = community::start_thread(db, in);
  REQUIRE_FALSE(big);
  CHECK(big.error().message == "body is 33 bytes, over the limit of 32 bytes (setting community.max_post_bytes)");
  in.body = "ok";
  in.title = "bad \xfe title";
  CHECK(community::start_thread(db, in).error().message == "title is not valid UTF-8");
  in.title = "  ";
  CHECK(community::start_thread(db, in).error().message == "title is empty");
  in.title = "t";
  in.author = "";
  CHECK(community::start_thread(db, in).error().message == "author is empty");
  auto list = community::list_discussions(db, m1);
  REQUIRE(list);
  CHECK(list->threads.empty());
  CHECK(statement_count(db) == 0);

  REQUIRE(store::set_setting(db, "community.max_post_bytes", "lots"));
  in.author = "ana";
  auto setting = community::start_thread(db, in);
  REQUIRE_FALSE(setting);
  CHECK(setting.error().message == "setting community.max_post_bytes must be a positive integer, found 'lots'");
}

TEST_CASE("a failure while recording leaves no thread, post or index entry behind", "[community]") {
  TestHome home;
  auto& db = home.db();
  std::string m1 = home.modules["m1"];
  auto kept = community::start_thread(db, question(m1));
  REQUIRE(kept);
  // Make the record store refuse the next statement: the whole change must go.
  REQUIRE(
      db.exec("CREATE TEMP TRIGGER refuse_statements BEFORE INSERT ON main.statements"
              " BEGIN SELECT RAISE(ABORT, 'record store refused'); END;"));
  auto failed = community::start_thread(db, question(m1));
  REQUIRE_FALSE(failed);
  CHECK(failed.error().message.find("record store refused") != std::string::npos);
  auto reply = community::reply(db, {kept->thread.id, "lost reply", "bo", nullptr});
  REQUIRE_FALSE(reply);
  auto accepted_attempt = community::read_thread(db, kept->thread.id);
  REQUIRE(accepted_attempt);
  CHECK(accepted_attempt->posts.size() == 1);
  REQUIRE(db.exec("DROP TRIGGER temp.refuse_statements;"));

  auto list = community::list_discussions(db, m1);
  REQUIRE(list);
  REQUIRE(list->threads.size() == 1);
  CHECK(list->threads[0].id == kept->thread.id);
  CHECK(list->threads[0].post_count == 1);
  CHECK(list->threads[0].updated_at == kept->thread.updated_at);
  CHECK(statement_count(db) == 1);

  // And when the index refuses, the post and its statement go with it.
  REQUIRE(
      db.exec("CREATE TEMP TRIGGER refuse_index BEFORE INSERT ON main.knowledge_entries"
              " BEGIN SELECT RAISE(ABORT, 'index refused'); END;"));
  REQUIRE_FALSE(community::reply(db, {kept->thread.id, "lost again", "bo", nullptr}));
  REQUIRE(db.exec("DROP TRIGGER temp.refuse_index;"));
  auto again = community::read_thread(db, kept->thread.id);
  REQUIRE(again);
  CHECK(again->posts.size() == 1);
  CHECK(statement_count(db) == 1);
}
