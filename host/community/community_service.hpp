// What the CLI and REST do with native discussions: each change is checked
// first, then written in one transaction together with its knowledge-index
// entries and its xAPI statement, so either all of it is stored or none.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/course_reader.hpp"
#include "community/community_store.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::community {

struct ModuleDiscussions {
  catalog::ModuleRef module;
  std::vector<Thread> threads;
};

struct ThreadView {
  catalog::ModuleRef module;
  Thread thread;
  std::vector<Post> posts;
};

struct NewThread {
  std::string module_id;
  std::string title;
  std::string body;
  std::string author;
  std::vector<std::string> tags;
  nlohmann::json authority;  // the statement's; null: the host (see community_statements.hpp)
};

struct NewReply {
  std::string thread_id;
  std::string body;
  std::string author;
  nlohmann::json authority;
};

struct Acceptance {
  std::string post_id;
  std::optional<std::string> thread_id;    // when given, the post must belong to it
  std::optional<std::string> accepted_by;  // default: the thread's author
  nlohmann::json authority;
};

Result<ModuleDiscussions> list_discussions(store::Database& db, const std::string& module_id);
Result<ThreadView> read_thread(store::Database& db, const std::string& thread_id);

Result<ThreadView> start_thread(store::Database& db, const NewThread& in);
Result<Post> reply(store::Database& db, const NewReply& in);
Result<Post> edit_post(store::Database& db, const std::string& post_id, const std::string& body);
Result<ThreadView> accept_answer(store::Database& db, const Acceptance& in);

}  // namespace trellis::community
