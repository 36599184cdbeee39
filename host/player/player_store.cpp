#include "player/player_store.hpp"
#include "store/rows.hpp"

namespace trellis::player {
namespace {

constexpr const char* kLearnerColumns = "SELECT id, name, email, account, created_at FROM learners ";

Learner read_learner(const store::Statement& st) {
  return Learner{st.text(0), st.text(1), st.optional_text(2), st.optional_text(3), st.text(4)};
}

constexpr const char* kRegistrationColumns =
    "SELECT id, xapi_registration, learner_id, course_id, version, created_at, finished FROM registrations ";

Registration read_registration(const store::Statement& st) {
  return Registration{st.text(0), st.text(1),       st.text(2), st.text(3), static_cast<int>(st.integer(4)),
                      st.text(5), st.integer(6) != 0};
}

constexpr const char* kAttemptColumns =
    "SELECT id, registration_id, module_id, number, state, status, last_seq, session_seq, last_commit_sha256,"
    " last_answer, open, created_at, updated_at FROM attempts ";

Attempt read_attempt(const store::Statement& st) {
  Attempt a;
  a.id = st.text(0);
  a.registration_id = st.text(1);
  a.module_id = st.text(2);
  a.number = static_cast<int>(st.integer(3));
  a.state = st.optional_text(4);
  a.status = st.text(5);
  a.last_seq = st.integer(6);
  a.session_seq = st.integer(7);
  a.last_commit_sha256 = st.optional_text(8);
  a.last_answer = st.optional_text(9);
  a.open = st.integer(10) != 0;
  a.created_at = st.text(11);
  a.updated_at = st.text(12);
  return a;
}

LaunchToken read_token(const store::Statement& st) {
  return LaunchToken{st.text(0), st.text(1), st.optional_text(2), st.text(3), st.text(4)};
}

}  // namespace

Status PlayerStore::insert_learner(const Learner& l) {
  auto st = db_.prepare("INSERT INTO learners(id, name, email, account, created_at) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!st) return st.error();
  st->bind(1, l.id).bind(2, l.name).bind(3, l.email).bind(4, l.account).bind(5, l.created_at);
  return st->run();
}

Result<std::optional<Learner>> PlayerStore::find_learner(const std::string& id) {
  auto st = db_.prepare(std::string(kLearnerColumns) + "WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, id);
  return store::first_row(*st, &read_learner);
}

Result<std::vector<Learner>> PlayerStore::list_learners() {
  auto st = db_.prepare(std::string(kLearnerColumns) + "ORDER BY id");
  if (!st) return st.error();
  return store::all_rows(*st, &read_learner);
}

Status PlayerStore::insert_registration(const Registration& r) {
  auto st = db_.prepare(
      "INSERT INTO registrations(id, xapi_registration, learner_id, course_id, version, created_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!st) return st.error();
  st->bind(1, r.id).bind(2, r.xapi_registration).bind(3, r.learner_id).bind(4, r.course_id).bind(5, r.version);
  st->bind(6, r.created_at);
  return st->run();
}

Result<std::optional<Registration>> PlayerStore::find_registration(const std::string& id) {
  auto st = db_.prepare(std::string(kRegistrationColumns) + "WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, id);
  return store::first_row(*st, &read_registration);
}

Result<std::optional<Registration>> PlayerStore::registration_in_progress(const std::string& learner_id,
                                                                         const std::string& course_id) {
  auto st = db_.prepare(std::string(kRegistrationColumns) + "WHERE learner_id = ?1 AND course_id = ?2 AND finished = 0");
  if (!st) return st.error();
  st->bind(1, learner_id).bind(2, course_id);
  return store::first_row(*st, &read_registration);
}

Result<std::vector<Registration>> PlayerStore::list_registrations() {
  auto st = db_.prepare(std::string(kRegistrationColumns) + "ORDER BY created_at DESC, id");
  if (!st) return st.error();
  return store::all_rows(*st, &read_registration);
}

Status PlayerStore::insert_attempt(const Attempt& a) {
  auto st = db_.prepare(
      "INSERT INTO attempts(id, registration_id, module_id, number, status, created_at, updated_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!st) return st.error();
  st->bind(1, a.id).bind(2, a.registration_id).bind(3, a.module_id).bind(4, a.number).bind(5, a.status);
  st->bind(6, a.created_at).bind(7, a.updated_at);
  return st->run();
}

Result<std::optional<Attempt>> PlayerStore::find_attempt(const std::string& id) {
  auto st = db_.prepare(std::string(kAttemptColumns) + "WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, id);
  return store::first_row(*st, &read_attempt);
}

Result<std::optional<Attempt>> PlayerStore::open_attempt(const std::string& registration_id,
                                                         const std::string& module_id) {
  auto st = db_.prepare(std::string(kAttemptColumns) + "WHERE registration_id = ?1 AND module_id = ?2 AND open = 1");
  if (!st) return st.error();
  st->bind(1, registration_id).bind(2, module_id);
  return store::first_row(*st, &read_attempt);
}

Result<std::vector<Attempt>> PlayerStore::attempts_of(const std::string& registration_id) {
  auto st = db_.prepare(std::string(kAttemptColumns) + "WHERE registration_id = ?1 ORDER BY module_id, number");
  if (!st) return st.error();
  st->bind(1, registration_id);
  return store::all_rows(*st, &read_attempt);
}

Result<int> PlayerStore::attempt_count(const std::string& registration_id, const std::string& module_id) {
  auto st = db_.prepare("SELECT count(*) FROM attempts WHERE registration_id = ?1 AND module_id = ?2");
  if (!st) return st.error();
  st->bind(1, registration_id).bind(2, module_id);
  auto row = st->step();
  if (!row) return row.error();
  return static_cast<int>(st->integer(0));
}

Status PlayerStore::start_session(const std::string& attempt_id, const std::string& updated_at) {
  auto st = db_.prepare("UPDATE attempts SET session_seq = last_seq, updated_at = ?2 WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, attempt_id).bind(2, updated_at);
  return st->run();
}

Result<bool> PlayerStore::update_attempt(const std::string& attempt_id, int64_t expected_seq, const AttemptUpdate& u) {
  auto st = db_.prepare(
      "UPDATE attempts SET state = ?3, status = ?4, last_seq = ?5, last_commit_sha256 = ?6, last_answer = ?7,"
      " open = ?8, updated_at = ?9 WHERE id = ?1 AND last_seq = ?2 AND open = 1");
  if (!st) return st.error();
  st->bind(1, attempt_id).bind(2, expected_seq).bind(3, u.state).bind(4, u.status).bind(5, u.seq);
  st->bind(6, u.commit_sha256).bind(7, u.answer).bind(8, u.open ? 1 : 0).bind(9, u.updated_at);
  TRELLIS_TRY(st->run());
  return db_.changes() == 1;
}

Status PlayerStore::set_attempt_status(const std::string& attempt_id, const std::string& status,
                                       const std::string& updated_at) {
  auto st = db_.prepare("UPDATE attempts SET status = ?2, updated_at = ?3 WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, attempt_id).bind(2, status).bind(3, updated_at);
  return st->run();
}

Status PlayerStore::insert_token(const LaunchToken& t) {
  auto st = db_.prepare(
      "INSERT INTO launch_tokens(hash, registration_id, attempt_id, purpose, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!st) return st.error();
  st->bind(1, t.hash).bind(2, t.registration_id).bind(3, t.attempt_id).bind(4, t.purpose).bind(5, t.expires_at);
  return st->run();
}

Result<std::optional<LaunchToken>> PlayerStore::find_token(const std::string& hash) {
  auto st = db_.prepare("SELECT hash, registration_id, attempt_id, purpose, expires_at FROM launch_tokens WHERE hash = ?1");
  if (!st) return st.error();
  st->bind(1, hash);
  return store::first_row(*st, &read_token);
}

Status PlayerStore::set_token_attempt(const std::string& hash, const std::string& attempt_id) {
  auto st = db_.prepare("UPDATE launch_tokens SET attempt_id = ?2 WHERE hash = ?1");
  if (!st) return st.error();
  st->bind(1, hash).bind(2, attempt_id);
  return st->run();
}

Result<int64_t> PlayerStore::drop_expired_tokens(const std::string& now) {
  auto st = db_.prepare("DELETE FROM launch_tokens WHERE expires_at < ?1");
  if (!st) return st.error();
  st->bind(1, now);
  TRELLIS_TRY(st->run());
  return static_cast<int64_t>(db_.changes());
}

Result<int64_t> PlayerStore::remove_course_registrations(const std::string& course_id) {
  constexpr const char* kInOrder[] = {
      "DELETE FROM launch_tokens WHERE registration_id IN (SELECT id FROM registrations WHERE course_id = ?1)",
      "DELETE FROM au_sessions WHERE registration_id IN (SELECT id FROM registrations WHERE course_id = ?1)",
      "DELETE FROM satisfied_activities WHERE registration_id IN (SELECT id FROM registrations WHERE course_id = ?1)",
      "DELETE FROM attempts WHERE registration_id IN (SELECT id FROM registrations WHERE course_id = ?1)",
      "DELETE FROM registrations WHERE course_id = ?1"};
  int64_t removed = 0;
  for (const char* sql : kInOrder) {
    auto st = db_.prepare(sql);
    if (!st) return st.error();
    st->bind(1, course_id);
    TRELLIS_TRY(st->run());
    removed = db_.changes();
  }
  return removed;
}

}  // namespace trellis::player
