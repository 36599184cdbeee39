// Community learning as xAPI: starting a thread, replying and accepting an answer
// become statements in the host's own record store, written in the transaction
// of the change, so `records export` carries them beside formal learning.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "catalog/course_reader.hpp"
#include "community/community_store.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::community {

inline constexpr const char* kVerbAsked = "http://adlnet.gov/expapi/verbs/asked";
inline constexpr const char* kVerbReplied = "http://id.tincanapi.com/verb/replied";
inline constexpr const char* kVerbAccepted = "http://activitystrea.ms/schema/1.0/accept";

// The activity a module is in statements: its identifier when that already is an
// IRI (cmi5 AUs, xAPI activities), else urn:trellis:module:<module id>.
std::string module_activity_id(const catalog::ModuleRef& module);
std::string thread_activity_id(const std::string& thread_id);
std::string post_activity_id(const std::string& post_id);

// An author as an xAPI Agent: an mbox when the name is an e-mail address, else an
// account named after the author on `home_page` (setting community.home_page).
nlohmann::json author_agent(const std::string& author, const std::string& home_page);

// Where the statements' actors have their accounts (setting community.home_page).
inline constexpr const char* kDefaultHomePage = "urn:trellis:community";
Result<std::string> load_home_page(store::Database& db);

struct StatementInput {
  const catalog::ModuleRef& module;
  const Thread& thread;
  std::string home_page;
  // Who vouches for the statement: the LRS key of a REST caller; null for the
  // host itself (the CLI), which signs as the account "community" on urn:trellis:host.
  nlohmann::json authority;
};

// Each validates the statement as the LRS would and stores it; call inside the
// transaction of the change it records.
// The opening post of a thread is "asked", any later one "replied".
Status record_post(store::Database& db, const StatementInput& in, const Post& post);
Status record_answer_accepted(store::Database& db, const StatementInput& in, const Post& answer,
                              const std::string& accepted_by, const std::string& when);

}  // namespace trellis::community
