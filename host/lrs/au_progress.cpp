#include "lrs/au_progress.hpp"

#include <string>

namespace trellis::lrs {

cmi5::AuSession observe_progress(const cmi5::AuSession& session, const std::vector<const nlohmann::json*>& statements) {
  cmi5::AuSession after = session;
  for (const nlohmann::json* s : statements) {
    if (!s->is_object() || !s->contains("verb") || !s->contains("object")) continue;
    const auto& object = (*s)["object"];
    if (!object.is_object() || object.value("id", "") != session.au_activity_id) continue;
    std::string verb = (*s)["verb"].is_object() ? (*s)["verb"].value("id", "") : "";
    const std::string adl = "http://adlnet.gov/expapi/verbs/";
    if (verb.rfind(adl, 0) != 0) continue;
    std::string word = verb.substr(adl.size());
    if (word == "initialized" || word == "attempted" || word == "launched" || word == "experienced")
      after.session.initialized = true;
    if (word == "completed") after.session.completed = after.in_registration.completed = true;
    if (word == "passed") after.session.passed = after.in_registration.passed = true;
    if (word == "failed") after.session.failed = true;
    if (word == "terminated" || word == "exited") after.session.terminated = true;
    // A result says the same without the verb (TinCan content often reports on "answered"/"scored").
    if (s->contains("result") && (*s)["result"].is_object()) {
      const auto& result = (*s)["result"];
      if (result.value("completion", false)) after.session.completed = after.in_registration.completed = true;
    }
  }
  return after;
}

}  // namespace trellis::lrs
