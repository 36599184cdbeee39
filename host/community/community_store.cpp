#include "community/community_store.hpp"
#include "store/rows.hpp"

namespace trellis::community {
namespace {

// Tags never contain commas (input_rules refuses them), so a comma list is exact.
std::string join_tags(const std::vector<std::string>& tags) {
  std::string out;
  for (const auto& t : tags) {
    if (!out.empty()) out += ',';
    out += t;
  }
  return out;
}

std::vector<std::string> split_tags(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

constexpr const char* kThreadColumns =
    "SELECT t.id, t.module_id, t.provider, t.external_ref, t.url, t.title, t.status, t.accepted_post_id,"
    " t.accepted_by, t.tags, t.author, t.created_at, t.updated_at,"
    " (SELECT COUNT(*) FROM community_posts p WHERE p.thread_id = t.id)"
    " FROM community_threads t ";

Thread read_thread(const store::Statement& st) {
  Thread t;
  t.id = st.text(0);
  t.module_id = st.text(1);
  t.provider = st.text(2);
  t.external_ref = st.optional_text(3);
  t.url = st.text(4);
  t.title = st.text(5);
  t.status = st.text(6);
  t.accepted_post_id = st.optional_text(7);
  t.accepted_by = st.optional_text(8);
  t.tags = split_tags(st.text(9));
  t.author = st.text(10);
  t.created_at = st.text(11);
  t.updated_at = st.text(12);
  t.post_count = static_cast<int>(st.integer(13));
  return t;
}

constexpr const char* kPostColumns =
    "SELECT id, thread_id, position, author, body_markdown, body_html, created_at, edited_at FROM community_posts ";

Post read_post(const store::Statement& st) {
  return Post{st.text(0), st.text(1),         static_cast<int>(st.integer(2)), st.text(3), st.text(4), st.text(5),
              st.text(6), st.optional_text(7)};
}

}  // namespace

Status CommunityStore::insert_thread(const Thread& t) {
  auto st = db_.prepare(
      "INSERT INTO community_threads(id, module_id, provider, external_ref, url, title, status, tags, author,"
      " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  if (!st) return st.error();
  st->bind(1, t.id).bind(2, t.module_id).bind(3, t.provider).bind(4, t.external_ref).bind(5, t.url);
  st->bind(6, t.title).bind(7, t.status).bind(8, join_tags(t.tags)).bind(9, t.author).bind(10, t.created_at);
  st->bind(11, t.updated_at);
  return st->run();
}

Result<int> CommunityStore::append_post(const Post& p) {
  auto next = db_.prepare("SELECT COALESCE(MAX(position) + 1, 0) FROM community_posts WHERE thread_id = ?1");
  if (!next) return next.error();
  next->bind(1, p.thread_id);
  auto row = next->step();
  if (!row) return row.error();
  int position = static_cast<int>(next->integer(0));
  auto st = db_.prepare(
      "INSERT INTO community_posts(id, thread_id, position, author, body_markdown, body_html, created_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!st) return st.error();
  st->bind(1, p.id).bind(2, p.thread_id).bind(3, position).bind(4, p.author).bind(5, p.body_markdown);
  st->bind(6, p.body_html).bind(7, p.created_at);
  TRELLIS_TRY(st->run());
  return position;
}

Status CommunityStore::touch_thread(const std::string& thread_id, const std::string& updated_at) {
  auto st = db_.prepare("UPDATE community_threads SET updated_at = ?2 WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, thread_id).bind(2, updated_at);
  return st->run();
}

Status CommunityStore::set_accepted(const std::string& thread_id, const std::string& post_id,
                                    const std::string& accepted_by, const std::string& updated_at) {
  auto st = db_.prepare(
      "UPDATE community_threads SET status = 'answered', accepted_post_id = ?2, accepted_by = ?3, updated_at = ?4"
      " WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, thread_id).bind(2, post_id).bind(3, accepted_by).bind(4, updated_at);
  return st->run();
}

Status CommunityStore::update_post_body(const std::string& post_id, const std::string& markdown,
                                        const std::string& html, const std::string& edited_at) {
  auto st = db_.prepare("UPDATE community_posts SET body_markdown = ?2, body_html = ?3, edited_at = ?4 WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, post_id).bind(2, markdown).bind(3, html).bind(4, edited_at);
  return st->run();
}

Result<std::optional<Thread>> CommunityStore::find_thread(const std::string& thread_id) {
  auto st = db_.prepare(std::string(kThreadColumns) + "WHERE t.id = ?1");
  if (!st) return st.error();
  st->bind(1, thread_id);
  return store::first_row(*st, &read_thread);
}

Result<std::optional<Post>> CommunityStore::find_post(const std::string& post_id) {
  auto st = db_.prepare(std::string(kPostColumns) + "WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, post_id);
  return store::first_row(*st, &read_post);
}

Result<std::optional<Post>> CommunityStore::opening_post(const std::string& thread_id) {
  auto st = db_.prepare(std::string(kPostColumns) + "WHERE thread_id = ?1 AND position = 0");
  if (!st) return st.error();
  st->bind(1, thread_id);
  return store::first_row(*st, &read_post);
}

Result<std::vector<Thread>> CommunityStore::threads_of_module(const std::string& module_id) {
  auto st = db_.prepare(std::string(kThreadColumns) + "WHERE t.module_id = ?1 ORDER BY t.updated_at DESC, t.id");
  if (!st) return st.error();
  st->bind(1, module_id);
  return store::all_rows(*st, &read_thread);
}

Result<std::vector<Post>> CommunityStore::posts_of_thread(const std::string& thread_id) {
  auto st = db_.prepare(std::string(kPostColumns) + "WHERE thread_id = ?1 ORDER BY position");
  if (!st) return st.error();
  st->bind(1, thread_id);
  return store::all_rows(*st, &read_post);
}

namespace {

constexpr const char* kCourseThreads =
    "SELECT id FROM community_threads WHERE module_id IN (SELECT id FROM modules WHERE course_id = ?1)";

Result<std::vector<std::string>> ids_of(store::Database& db, const std::string& sql, const std::string& course_id) {
  auto st = db.prepare(sql);
  if (!st) return st.error();
  st->bind(1, course_id);
  return st->first_column_texts();
}

}  // namespace

Result<std::vector<std::string>> CommunityStore::thread_ids_of_course(const std::string& course_id) {
  return ids_of(db_, kCourseThreads, course_id);
}

Result<std::vector<std::string>> CommunityStore::post_ids_of_course(const std::string& course_id) {
  return ids_of(db_, std::string("SELECT id FROM community_posts WHERE thread_id IN (") + kCourseThreads + ")",
                course_id);
}

Result<std::pair<int64_t, int64_t>> CommunityStore::remove_course_discussions(const std::string& course_id) {
  // A thread's accepted answer points at one of its posts: let go of it first,
  // so neither table's rows reference a deleted one at any step.
  const std::string unaccept = std::string("UPDATE community_threads SET accepted_post_id = NULL, accepted_by = NULL,"
                                           " status = 'open' WHERE id IN (") + kCourseThreads + ")";
  const std::string posts = std::string("DELETE FROM community_posts WHERE thread_id IN (") + kCourseThreads + ")";
  const std::string threads = std::string("DELETE FROM community_threads WHERE id IN (") + kCourseThreads + ")";
  std::pair<int64_t, int64_t> removed;
  for (const auto& [sql, count] : {std::pair<const std::string*, int64_t*>{&unaccept, nullptr},
                                   {&posts, &removed.second}, {&threads, &removed.first}}) {
    auto st = db_.prepare(*sql);
    if (!st) return st.error();
    st->bind(1, course_id);
    TRELLIS_TRY(st->run());
    if (count) *count = db_.changes();
  }
  return removed;
}

}  // namespace trellis::community
