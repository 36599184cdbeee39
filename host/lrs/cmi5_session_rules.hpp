// The cmi5 rules an LMS's LRS enforces on what an AU sends during its session
// (cmi5 specification, "quartz" edition, sections 8 to 11). They apply only to
// requests made with an AU session's own credential, the one the fetch URL
// handed out: other xAPI clients of the same LRS (and ADL's LRS suite) never
// meet them. A request that breaks one is refused whole with 403 and nothing
// of it is stored; the violation names the specification's requirement.
//
// Pure functions: the session's facts come in, the session's facts after the
// request come out, and whoever keeps sessions (the player) stores those in
// the same transaction as the statements.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace trellis::lrs::cmi5 {

inline constexpr std::string_view kCategoryCmi5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
inline constexpr std::string_view kCategoryMoveOn = "https://w3id.org/xapi/cmi5/context/categories/moveon";
inline constexpr std::string_view kExtensionSessionId = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
inline constexpr std::string_view kExtensionMasteryScore =
    "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
inline constexpr std::string_view kLaunchDataStateId = "LMS.LaunchData";
inline constexpr std::string_view kLearnerPreferencesProfileId = "cmi5LearnerPreferences";

enum class LaunchMode { normal, browse, review };

// What one session has seen so far.
struct SessionProgress {
  bool initialized = false;
  bool terminated = false;
  bool abandoned = false;  // the LMS wrote "abandoned" over it: the AU may send nothing more
  bool completed = false;
  bool passed = false;
  bool failed = false;
  bool preferences_read = false;  // the AU read cmi5LearnerPreferences (it must, before initialized)
};

// What the AU has reached in the whole registration, over every session.
struct RegistrationProgress {
  bool completed = false;
  bool passed = false;
};

struct AuSession {
  std::string registration;        // the registration's xAPI UUID, lower case
  std::string session_id;          // the value of the session id extension
  std::string au_activity_id;      // the LMS-generated AU id every cmi5 defined statement names
  nlohmann::json actor;            // the launch actor: an Agent identified by an account
  nlohmann::json context_template; // LMS.LaunchData's contextTemplate
  LaunchMode launch_mode = LaunchMode::normal;
  std::optional<double> mastery_score;  // 0..1, when the AU has one
  SessionProgress session;
  RegistrationProgress in_registration;
};

struct Violation {
  std::string requirement;  // "9.3.0.0-4": the specification's requirement id
  std::string message;      // one sentence naming what is wrong and where
};

// Checks the statements of one request, in the order sent, as a whole: the
// first one that breaks a rule refuses them all. On success `after` holds the
// session and registration progress once they are stored.
std::optional<Violation> check_statements(const AuSession& session, const std::vector<const nlohmann::json*>& statements,
                                          AuSession& after);

// A document request the AU's credential makes: which resource, how, and for
// writes the body as sent.
struct DocumentRequest {
  enum class Resource { state, agent_profile, activity_profile, agents };
  Resource resource = Resource::state;
  std::string method;                    // "GET", "PUT", "POST", "DELETE"
  std::string document_id;               // stateId or profileId; empty when absent
  std::optional<nlohmann::json> agent;   // the agent parameter, parsed; nullopt when absent
  std::optional<std::string> registration;  // the registration parameter, when given
  std::string content_type;
  std::string_view body;
};

// LMS.LaunchData is the LMS's to write; the learner preferences profile is
// the LMS's too (an AU may read it and may only propose valid values, which
// the LMS then refuses to take from content). Every agent named must be the
// launch actor.
std::optional<Violation> check_document_request(const AuSession& session, const DocumentRequest& request);

// moveOn as cmi5.xml writes it, against what the AU reached: whether the AU
// is satisfied (section 9.3.9 / moveOn semantics).
bool move_on_met(std::string_view move_on, bool completed, bool passed);

}  // namespace trellis::lrs::cmi5
