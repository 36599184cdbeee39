#include "community/community_statements.hpp"

#include "lrs/host_statements.hpp"
#include "lrs/statement_prep.hpp"
#include "xapi/agent.hpp"
#include "xapi/identifiers.hpp"
#include "store/store.hpp"

namespace trellis::community {
namespace {

using json = nlohmann::json;

constexpr const char* kPostExtension = "urn:trellis:community:post";

// An author is taken for a person's mailbox when it is one (bare or as a mailto:
// IRI, see xapi::mbox_iri) with a dot in its domain; any other author ("Bo",
// "bo@localhost") is a name in the community's account namespace.
std::optional<std::string> author_mbox(const std::string& author) {
  auto mbox = xapi::mbox_iri(author);
  if (!mbox) return std::nullopt;
  auto at = mbox->find('@');
  auto dot = mbox->find('.', at);
  if (dot == std::string::npos || dot == at + 1 || dot + 1 == mbox->size()) return std::nullopt;
  return mbox;
}

json named_activity(const std::string& id, const std::string& type, const std::string& name) {
  return {{"objectType", "Activity"}, {"id", id}, {"definition", {{"type", type}, {"name", {{"und", name}}}}}};
}

json module_activity(const catalog::ModuleRef& m) {
  return named_activity(module_activity_id(m), "http://adlnet.gov/expapi/activities/module",
                        m.title.empty() ? m.identifier : m.title);
}

json thread_activity(const Thread& t) {
  return named_activity(thread_activity_id(t.id), "http://id.tincanapi.com/activitytype/discussion", t.title);
}

json base_statement(const StatementInput& in, const std::string& actor, const char* verb, const char* display,
                    const std::string& when) {
  json s = {{"id", lrs::random_uuid()},
            {"actor", author_agent(actor, in.home_page)},
            {"verb", {{"id", verb}, {"display", {{"en-US", display}}}}},
            {"timestamp", when},
            {"context",
             {{"platform", "Trellis community"},
              {"contextActivities", {{"parent", json::array({module_activity(in.module)})}}}}}};
  return s;
}

Status store(store::Database& db, const StatementInput& in, json statement) {
  // The host itself is no LRS key, so it gets its own account.
  json authority = in.authority.is_null() ? json{{"objectType", "Agent"},
                                                 {"name", "Trellis community"},
                                                 {"account", {{"homePage", "urn:trellis:host"}, {"name", "community"}}}}
                                          : in.authority;
  return lrs::record_host_statement(db, std::move(statement), authority);
}

}  // namespace

std::string module_activity_id(const catalog::ModuleRef& module) {
  if (xapi::is_iri(module.identifier)) return module.identifier;
  return "urn:trellis:module:" + module.id;
}

std::string thread_activity_id(const std::string& thread_id) { return "urn:trellis:community:thread:" + thread_id; }
std::string post_activity_id(const std::string& post_id) { return "urn:trellis:community:post:" + post_id; }

json author_agent(const std::string& author, const std::string& home_page) {
  if (auto mbox = author_mbox(author)) return {{"objectType", "Agent"}, {"mbox", *mbox}};
  return {{"objectType", "Agent"}, {"name", author}, {"account", {{"homePage", home_page}, {"name", author}}}};
}

Result<std::string> load_home_page(store::Database& db) {
  auto value = store::get_setting(db, "community.home_page");
  if (!value) return value.error();
  if (!value->has_value()) return std::string(kDefaultHomePage);
  if (!xapi::is_iri(**value))
    return make_error(
        ErrorKind::invalid_input,
        "setting community.home_page must be an IRI (e.g. https://lms.example.org), found '" + **value + "'");
  return **value;
}

Status record_post(store::Database& db, const StatementInput& in, const Post& post) {
  bool opening = post.position == 0;
  json s = base_statement(in, post.author, opening ? kVerbAsked : kVerbReplied, opening ? "asked" : "replied",
                          post.created_at);
  s["object"] = thread_activity(in.thread);
  s["result"] = {{"response", post.body_markdown}};
  s["context"]["extensions"] = {{kPostExtension, post.id}};
  return store(db, in, std::move(s));
}

Status record_answer_accepted(store::Database& db, const StatementInput& in, const Post& answer,
                              const std::string& accepted_by, const std::string& when) {
  json s = base_statement(in, accepted_by, kVerbAccepted, "accepted", when);
  s["object"] = named_activity(post_activity_id(answer.id), "http://id.tincanapi.com/activitytype/forum-reply",
                               "Answer by " + answer.author + " in " + in.thread.title);
  s["context"]["contextActivities"]["parent"].push_back(thread_activity(in.thread));
  s["context"]["extensions"] = {{kPostExtension, answer.id}};
  return store(db, in, std::move(s));
}

}  // namespace trellis::community
