// The community's data-access layer: the only code that reads or writes the
// community tables. Callers hold the transaction; each function is one step of it.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::community {

struct Thread {
  std::string id;
  std::string module_id;
  std::string provider = "native";
  std::optional<std::string> external_ref;
  std::string url;
  std::string title;
  std::string status = "open";  // open | answered
  std::optional<std::string> accepted_post_id;
  std::optional<std::string> accepted_by;
  std::vector<std::string> tags;
  std::string author;
  std::string created_at;
  std::string updated_at;
  int post_count = 0;  // filled when read
};

struct Post {
  std::string id;
  std::string thread_id;
  int position = 0;  // 0: the post that opened the thread
  std::string author;
  std::string body_markdown;
  std::string body_html;
  std::string created_at;
  std::optional<std::string> edited_at;
};

class CommunityStore {
 public:
  explicit CommunityStore(store::Database& db) : db_(db) {}

  Status insert_thread(const Thread& thread);
  // Appends at the next position of its thread; returns that position.
  Result<int> append_post(const Post& post);
  Status touch_thread(const std::string& thread_id, const std::string& updated_at);
  Status set_accepted(const std::string& thread_id, const std::string& post_id, const std::string& accepted_by,
                      const std::string& updated_at);
  Status update_post_body(const std::string& post_id, const std::string& markdown, const std::string& html,
                          const std::string& edited_at);

  Result<std::optional<Thread>> find_thread(const std::string& thread_id);
  Result<std::optional<Post>> find_post(const std::string& post_id);
  Result<std::optional<Post>> opening_post(const std::string& thread_id);
  // Most recently active first.
  Result<std::vector<Thread>> threads_of_module(const std::string& module_id);
  // In the order they were written.
  Result<std::vector<Post>> posts_of_thread(const std::string& thread_id);

  // The ids of the threads and of the posts on every module of a course.
  Result<std::vector<std::string>> thread_ids_of_course(const std::string& course_id);
  Result<std::vector<std::string>> post_ids_of_course(const std::string& course_id);
  // Deletes the threads and posts on every module of a course (the course is
  // being deleted); returns {threads, posts} removed.
  Result<std::pair<int64_t, int64_t>> remove_course_discussions(const std::string& course_id);

 private:
  store::Database& db_;
};

}  // namespace trellis::community
