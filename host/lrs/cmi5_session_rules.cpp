#include "lrs/cmi5_session_rules.hpp"
#include "core/ascii_case.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace trellis::lrs::cmi5 {
namespace {

using nlohmann::json;

constexpr std::string_view kVerbInitialized = "http://adlnet.gov/expapi/verbs/initialized";
constexpr std::string_view kVerbTerminated = "http://adlnet.gov/expapi/verbs/terminated";
constexpr std::string_view kVerbCompleted = "http://adlnet.gov/expapi/verbs/completed";
constexpr std::string_view kVerbPassed = "http://adlnet.gov/expapi/verbs/passed";
constexpr std::string_view kVerbFailed = "http://adlnet.gov/expapi/verbs/failed";
constexpr std::string_view kVerbVoided = "http://adlnet.gov/expapi/verbs/voided";

std::optional<Violation> refuse(std::string requirement, std::string message) {
  return Violation{std::move(requirement), std::move(message)};
}

std::string text_member(const json& object, const char* name) {
  if (!object.is_object()) return {};
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// "the statement 6d1f...": how a message says which statement of a batch it means.
std::string which(const json& statement, size_t index) {
  auto id = text_member(statement, "id");
  return id.empty() ? "statement " + std::to_string(index + 1) + " of the request"
                    : "statement " + id;
}

// xAPI allows any offset; cmi5 wants UTC written as such.
bool written_in_utc(std::string_view timestamp) {
  for (std::string_view utc : {"Z", "z", "+00:00", "+0000", "+00"})
    if (timestamp.size() > utc.size() && timestamp.substr(timestamp.size() - utc.size()) == utc) return true;
  return false;
}

// The same person as the launch actor: an Agent named by the same account.
// Names may differ in spelling; the identifier may not.
bool is_launch_actor(const json& actor, const json& launch_actor) {
  if (!actor.is_object()) return false;
  auto type = text_member(actor, "objectType");
  if (!type.empty() && type != "Agent") return false;
  for (const char* other : {"mbox", "mbox_sha1sum", "openid"})
    if (actor.contains(other)) return false;
  auto account = actor.find("account");
  auto expected = launch_actor.find("account");
  if (account == actor.end() || expected == launch_actor.end()) return false;
  return text_member(*account, "homePage") == text_member(*expected, "homePage") &&
         text_member(*account, "name") == text_member(*expected, "name");
}

bool has_activity(const json& list, std::string_view id) {
  if (!list.is_array()) return false;
  return std::any_of(list.begin(), list.end(), [&](const json& a) { return text_member(a, "id") == id; });
}

bool in_category(const json& context, std::string_view id) {
  auto activities = context.find("contextActivities");
  if (activities == context.end() || !activities->is_object()) return false;
  auto category = activities->find("category");
  return category != activities->end() && has_activity(*category, id);
}

// Every activity and extension of LMS.LaunchData's contextTemplate must be in
// the statement's context (section 10.2.1): the publisher id in grouping, the
// session id among the extensions.
std::optional<Violation> matches_template(const json& context, const json& context_template, const std::string& who) {
  if (!context_template.is_object()) return std::nullopt;
  for (const auto& [member, expected] : context_template.items()) {
    auto provided = context.find(member);
    if (member == "contextActivities") {
      if (!expected.is_object()) continue;
      for (const auto& [kind, activities] : expected.items()) {
        if (!activities.is_array()) continue;
        for (const auto& activity : activities) {
          auto id = text_member(activity, "id");
          const json* list = nullptr;
          if (provided != context.end() && provided->is_object()) {
            auto it = provided->find(kind);
            if (it != provided->end()) list = &*it;
          }
          if (!list || !has_activity(*list, id))
            return refuse("10.2.1.0-6", "The " + who + " lacks context.contextActivities." + kind + " '" + id +
                                            "' from LMS.LaunchData's contextTemplate.");
        }
      }
      continue;
    }
    if (provided == context.end())
      return refuse("10.2.1.0-6", "The " + who + " lacks context." + member + " from LMS.LaunchData's contextTemplate.");
    if (expected.is_object()) {
      for (const auto& [key, value] : expected.items()) {
        auto it = provided->is_object() ? provided->find(key) : provided->end();
        if (!provided->is_object() || it == provided->end() || *it != value)
          return refuse("10.2.1.0-6", "The " + who + "'s context." + member + " '" + key +
                                          "' differs from LMS.LaunchData's contextTemplate.");
      }
    } else if (*provided != expected) {
      return refuse("10.2.1.0-6",
                    "The " + who + "'s context." + member + " differs from LMS.LaunchData's contextTemplate.");
    }
  }
  return std::nullopt;
}

// The result members a cmi5 defined statement of `verb` must and must not carry.
std::optional<Violation> check_result(const AuSession& session, const json& statement, std::string_view verb,
                                      const std::string& who) {
  const json* result = nullptr;
  if (auto it = statement.find("result"); it != statement.end() && it->is_object()) result = &*it;
  bool completed = verb == kVerbCompleted, passed = verb == kVerbPassed, failed = verb == kVerbFailed;
  bool terminated = verb == kVerbTerminated;

  auto completion = result ? result->find("completion") : json::const_iterator();
  bool has_completion = result && completion != result->end();
  if (completed && !(has_completion && completion->is_boolean() && completion->get<bool>()))
    return refuse("9.5.3.0-1", "The " + who + " is 'completed' without result.completion true.");
  if (has_completion && !completed)
    return refuse("9.5.3.0-2", "The " + who + " carries result.completion but only 'completed' may.");

  auto success = result ? result->find("success") : json::const_iterator();
  bool has_success = result && success != result->end();
  if (passed && !(has_success && success->is_boolean() && success->get<bool>()))
    return refuse("9.5.2.0-1", "The " + who + " is 'passed' without result.success true.");
  if (failed && !(has_success && success->is_boolean() && !success->get<bool>()))
    return refuse("9.5.2.0-2", "The " + who + " is 'failed' without result.success false.");
  if (has_success && !passed && !failed)
    return refuse("9.5.2.0-3", "The " + who + " carries result.success but only 'passed' and 'failed' may.");

  const auto& context = statement["context"];
  if ((has_completion || has_success) && !in_category(context, kCategoryMoveOn))
    return refuse("9.6.2.2-1", "The " + who + " reports completion or success without the moveOn category activity.");

  if (result && result->contains("score")) {
    const auto& score = (*result)["score"];
    if (!passed && !failed)
      return refuse("9.5.1.0-2", "The " + who + " carries result.score but only 'passed' and 'failed' may.");
    if (score.is_object() && score.contains("raw") && (!score.contains("min") || !score.contains("max")))
      return refuse("9.5.1.0-3", "The " + who + " gives result.score.raw without score.min and score.max.");
    if (session.mastery_score) {
      const auto& extensions = context.value("extensions", json::object());
      auto given = extensions.find(kExtensionMasteryScore);
      if (given == extensions.end() || !given->is_number())
        return refuse("9.6.3.2-2", "The " + who + " is scored but lacks the masteryscore context extension.");
      if (std::abs(given->get<double>() - *session.mastery_score) > 1e-9)
        return refuse("9.6.3.2-2", "The " + who + "'s masteryscore extension differs from LMS.LaunchData's " +
                                       std::to_string(*session.mastery_score) + ".");
    }
  }

  bool has_duration = result && result->contains("duration");
  if (!has_duration) {
    if (terminated) return refuse("9.5.4.1-1", "The " + who + " is 'terminated' without result.duration.");
    if (completed) return refuse("9.5.4.1-2", "The " + who + " is 'completed' without result.duration.");
    if (passed) return refuse("9.5.4.1-3", "The " + who + " is 'passed' without result.duration.");
    if (failed) return refuse("9.5.4.1-4", "The " + who + " is 'failed' without result.duration.");
  }
  return std::nullopt;
}

std::optional<double> scaled_score(const json& statement) {
  auto result = statement.find("result");
  if (result == statement.end() || !result->is_object()) return std::nullopt;
  auto score = result->find("score");
  if (score == result->end() || !score->is_object()) return std::nullopt;
  auto scaled = score->find("scaled");
  if (scaled == score->end() || !scaled->is_number()) return std::nullopt;
  return scaled->get<double>();
}

// Verb by verb: what the session and the registration already hold decides
// whether this one may come (section 9.3).
std::optional<Violation> check_sequence(const AuSession& now, const json& statement, std::string_view verb,
                                        const std::string& who) {
  const auto& s = now.session;
  auto scaled = scaled_score(statement);
  if (verb == kVerbInitialized) {
    if (s.initialized) return refuse("9.3.0.0-2", "The " + who + " initializes a session already initialized.");
    if (!s.preferences_read)
      return refuse("11.0.0.0-3", "The " + who + " initializes the session before the AU read the learner "
                                  "preferences (agent profile cmi5LearnerPreferences), which it must do first.");
  } else if (verb == kVerbTerminated) {
    // A second terminated never gets here: the first closed the session.
  } else if (verb == kVerbCompleted) {
    if (s.completed) return refuse("9.3.0.0-2", "The " + who + " is a second 'completed' in this session.");
    if (now.in_registration.completed)
      return refuse("9.3.0.0-6", "The " + who + " is 'completed' but the AU is already completed in this registration.");
  } else if (verb == kVerbPassed) {
    if (now.mastery_score && scaled && *scaled < *now.mastery_score)
      return refuse("9.3.4.0-2", "The " + who + " is 'passed' with score " + std::to_string(*scaled) +
                                     " below the mastery score " + std::to_string(*now.mastery_score) + ".");
    if (s.passed) return refuse("9.3.0.0-2", "The " + who + " is a second 'passed' in this session.");
    if (s.failed) return refuse("9.3.0.0-3", "The " + who + " is 'passed' after 'failed' in this session.");
    if (now.in_registration.passed)
      return refuse("9.3.0.0-7", "The " + who + " is 'passed' but the AU is already passed in this registration.");
  } else if (verb == kVerbFailed) {
    if (now.mastery_score && scaled && *scaled >= *now.mastery_score)
      return refuse("9.3.6.0-1", "The " + who + " is 'failed' with score " + std::to_string(*scaled) +
                                     " at or above the mastery score " + std::to_string(*now.mastery_score) + ".");
    if (s.failed) return refuse("9.3.0.0-2", "The " + who + " is a second 'failed' in this session.");
    if (s.passed) return refuse("9.3.0.0-3", "The " + who + " is 'failed' after 'passed' in this session.");
    if (now.in_registration.passed)
      return refuse("9.3.0.0-8", "The " + who + " is 'failed' but the AU is already passed in this registration.");
  } else {
    return refuse("9.3.0.0-1", "The " + who + " uses verb " + std::string(verb) +
                                   ", which is not one an AU may send as a cmi5 defined statement.");
  }
  return std::nullopt;
}

void record(AuSession& after, std::string_view verb) {
  if (verb == kVerbInitialized) after.session.initialized = true;
  if (verb == kVerbTerminated) after.session.terminated = true;
  if (verb == kVerbCompleted) after.session.completed = after.in_registration.completed = true;
  if (verb == kVerbPassed) after.session.passed = after.in_registration.passed = true;
  if (verb == kVerbFailed) after.session.failed = true;
}

std::optional<Violation> check_one(AuSession& now, const json& statement, size_t index) {
  auto who = which(statement, index);
  if (!statement.is_object()) return refuse("9.1.0.0-1", "The " + who + " is not a JSON object.");
  if (text_member(statement, "id").empty())
    return refuse("9.1.0.0-1", "The " + who + " has no id; an AU gives every statement its own.");
  auto verb = text_member(statement.value("verb", json::object()), "id");
  if (verb == kVerbVoided) return refuse("6.3.0.0-1", "The " + who + " voids a statement; an AU may not.");
  auto timestamp = text_member(statement, "timestamp");
  if (timestamp.empty()) return refuse("9.7.0.0-1", "The " + who + " has no timestamp.");
  if (!written_in_utc(timestamp))
    return refuse("9.7.0.0-2", "The " + who + "'s timestamp '" + timestamp + "' is not written in UTC.");

  bool cmi5_defined = statement.contains("context") && statement["context"].is_object() &&
                      in_category(statement["context"], kCategoryCmi5);
  const json& actor = statement.value("actor", json());
  if (cmi5_defined && actor.is_object() && !text_member(actor, "objectType").empty() &&
      text_member(actor, "objectType") != "Agent")
    return refuse("9.2.0.0-2", "The " + who + " is a cmi5 defined statement whose actor is not an Agent.");
  if (cmi5_defined && (!actor.is_object() || !actor.contains("account")))
    return refuse("9.2.0.0-3", "The " + who + " is a cmi5 defined statement whose actor has no account.");
  if (!is_launch_actor(actor, now.actor))
    return refuse("8.1.3.0-3", "The " + who + "'s actor is not the learner this session was launched for.");

  auto context_it = statement.find("context");
  if (context_it == statement.end() || !context_it->is_object())
    return refuse("9.6.0.0-1", "The " + who + " has no context.");
  const json& context = *context_it;
  if (!context.contains("contextActivities"))
    return refuse("10.2.1.0-6", "The " + who + " has no context.contextActivities.");
  auto registration = text_member(context, "registration");
  if (registration.empty()) return refuse("9.6.1.0-1", "The " + who + " has no context.registration.");
  if (ascii_lower(registration) != ascii_lower(now.registration))
    return refuse("9.6.1.0-1", "The " + who + "'s registration " + registration + " is not this session's.");
  const auto& extensions = context.value("extensions", json::object());
  auto session_id = extensions.is_object() ? extensions.find(kExtensionSessionId) : extensions.end();
  if (!extensions.is_object() || session_id == extensions.end())
    return refuse("9.6.3.1-4", "The " + who + " lacks the session id context extension.");
  if (!session_id->is_string() || session_id->get<std::string>() != now.session_id)
    return refuse("9.6.3.1-4", "The " + who + "'s session id is not this session's.");
  if (auto bad = matches_template(context, now.context_template, who)) return bad;
  bool move_on_verb = verb == kVerbPassed || verb == kVerbFailed || verb == kVerbCompleted;
  if (in_category(context, kCategoryMoveOn) && !(cmi5_defined && move_on_verb))
    return refuse("9.6.2.2-2", "The " + who +
                                   " carries the moveOn category but is not a cmi5 defined completed, passed or failed.");

  if (now.session.abandoned)
    return refuse("9.3.6.0-2", "The " + who + " comes after the LMS abandoned this session.");
  if (now.session.terminated) return refuse("9.3.0.0-5", "The " + who + " comes after the session terminated.");
  if (!now.session.initialized && verb != kVerbInitialized)
    return refuse("9.3.0.0-4", "The " + who + " comes before 'initialized'; it must be the session's first.");
  if (!cmi5_defined) return std::nullopt;  // a cmi5 allowed statement: xAPI's rules only

  auto object_id = text_member(statement.value("object", json::object()), "id");
  if (object_id.empty()) return refuse("9.4.0.0-1", "The " + who + " has no object id.");
  if (object_id != now.au_activity_id)
    return refuse("8.1.5.0-6", "The " + who + "'s object " + object_id + " is not the AU's activity id " +
                                   now.au_activity_id + " from the launch.");
  if (now.launch_mode != LaunchMode::normal && move_on_verb)
    return refuse(now.launch_mode == LaunchMode::browse ? "10.2.2.0-2" : "10.2.2.0-3",
                  "The " + who + " reports completion or success in " +
                      (now.launch_mode == LaunchMode::browse ? "Browse" : "Review") +
                      " mode, which allows only initialized and terminated.");
  if (auto bad = check_result(now, statement, verb, who)) return bad;
  if (auto bad = check_sequence(now, statement, verb, who)) return bad;
  record(now, verb);
  return std::nullopt;
}

bool valid_language_list(std::string_view list) {
  if (list.empty()) return false;
  size_t start = 0;
  while (true) {
    auto end = list.find(',', start);
    auto tag = list.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (tag.empty()) return false;
    for (unsigned char c : tag)
      if (!std::isalnum(c) && c != '-') return false;
    if (end == std::string_view::npos) return true;
    start = end + 1;
  }
}

std::optional<Violation> check_learner_preferences_write(const DocumentRequest& request) {
  if (request.method == "DELETE")
    return refuse("11.0.0.0-2", "The learner preferences document is the LMS's; an AU may not delete it.");
  if (request.content_type.rfind("application/json", 0) != 0)
    return refuse("11.0.0.0-5", "The learner preferences document must be sent as application/json, not '" +
                                    request.content_type + "'.");
  auto body = json::parse(request.body, nullptr, false);
  if (!body.is_object()) return refuse("11.0.0.0-5", "The learner preferences document must be a JSON object.");
  for (const char* member : {"languagePreference", "audioPreference"})
    if (!body.contains(member) || !body[member].is_string())
      return refuse("11.0.0.0-5", std::string("The learner preferences document lacks ") + member + ".");
  if (!valid_language_list(body["languagePreference"].get<std::string>()))
    return refuse("11.1.0.0-1", "languagePreference '" + body["languagePreference"].get<std::string>() +
                                    "' is not a comma-separated list of language tags.");
  auto audio = body["audioPreference"].get<std::string>();
  if (audio != "on" && audio != "off")
    return refuse("11.2.0.0-1", "audioPreference '" + audio + "' is neither 'on' nor 'off'.");
  return std::nullopt;
}

}  // namespace

std::optional<Violation> check_statements(const AuSession& session, const std::vector<const nlohmann::json*>& statements,
                                          AuSession& after) {
  AuSession now = session;
  for (size_t i = 0; i < statements.size(); ++i)
    if (auto bad = check_one(now, *statements[i], i)) return bad;
  after = std::move(now);
  return std::nullopt;
}

std::optional<Violation> check_document_request(const AuSession& session, const DocumentRequest& request) {
  using Resource = DocumentRequest::Resource;
  // An absent agent is xAPI's own 400, answered by the document layer.
  if (request.agent && !is_launch_actor(*request.agent, session.actor))
    return refuse(request.resource == Resource::agent_profile ? "11.0.0.0-1" : "8.1.3.0-3",
                  "The agent parameter is not the learner this session was launched for.");
  if (request.registration && ascii_lower(*request.registration) != ascii_lower(session.registration))
    return refuse("8.1.4.0-3", "The registration parameter " + *request.registration + " is not this session's.");
  bool writes = request.method != "GET" && request.method != "HEAD";
  if (request.resource == Resource::state && request.document_id == kLaunchDataStateId && writes)
    return refuse("10.2.1.0-5", "LMS.LaunchData is written by the LMS only; an AU may read it.");
  if (request.resource == Resource::agent_profile && request.document_id == kLearnerPreferencesProfileId && writes)
    return check_learner_preferences_write(request);
  return std::nullopt;
}

bool move_on_met(std::string_view move_on, bool completed, bool passed) {
  if (move_on == "Completed") return completed;
  if (move_on == "Passed") return passed;
  if (move_on == "CompletedOrPassed") return completed || passed;
  if (move_on == "NotApplicable") return true;
  return completed && passed;  // "CompletedAndPassed", cmi5.xml's default
}

}  // namespace trellis::lrs::cmi5
