#include "scorm2004_model.hpp"

#include <cctype>
#include <cmath>

#include "scorm_time.hpp"

namespace trellis::scorm2004 {

namespace {

using scorm::rt::Access;
using scorm::rt::ElementName;
using scorm::rt::Fault;
using scorm::rt::Flat;
using scorm::rt::Rule;
namespace checks = scorm::rt::checks;
using Check = std::function<Fault(std::string_view)>;

// long_identifier_type: 1 to 4000 characters without white space.
Fault long_id(std::string_view v) {
  if (v.empty() || checks::characters(v) > 4000) return Fault::type;
  for (unsigned char c : v)
    if (c <= ' ') return Fault::type;
  return Fault::none;
}

Fault duration(std::string_view v) { return scorm::rt::parse_iso_duration(v) ? Fault::none : Fault::type; }
Fault timestamp(std::string_view v) { return scorm::rt::is_iso_timestamp(v) ? Fault::none : Fault::type; }

// localized_string_type: an optional {lang=xx} delimiter, then at most `spm`
// characters.
Check localized(size_t spm) {
  return [spm](std::string_view v) {
    if (v.rfind("{lang=", 0) == 0) {
      size_t close = v.find('}');
      if (close == std::string_view::npos) return Fault::type;
      v.remove_prefix(close + 1);
    }
    return checks::characters(v) > spm ? Fault::limit : Fault::none;
  };
}

Fault language(std::string_view v) {
  if (v.empty()) return Fault::none;
  if (v.size() > 250) return Fault::type;
  for (char c : v)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-')) return Fault::type;
  return Fault::none;
}

Fault result(std::string_view v) {
  if (v == "correct" || v == "incorrect" || v == "unanticipated" || v == "neutral") return Fault::none;
  return scorm::rt::parse_real(v) ? Fault::none : Fault::type;
}

Check nav_request(bool jump) {
  return [jump](std::string_view v) {
    for (std::string_view w : {"continue", "previous", "exit", "exitAll", "abandon", "abandonAll", "suspendAll", "_none_"})
      if (v == w) return Fault::none;
    if (v.rfind("{target=", 0) == 0) {
      size_t close = v.find('}');
      if (close == std::string_view::npos || close == 8) return Fault::type;
      std::string_view verb = v.substr(close + 1);
      if (verb == "choice" || (jump && verb == "jump")) return Fault::none;
    }
    return Fault::type;
  };
}

class Scorm2004Model final : public scorm::rt::DataModel {
 public:
  explicit Scorm2004Model(bool fourth) : DataModel(kCodes, table(fourth)) {}

 protected:
  bool tolerated(std::string_view element, std::string_view value, const Flat& elements,
                 const Flat& launched) const override {
    // Entry is fixed when the session starts; later commits of a resumed
    // session send back "resume" though the state's exit has changed since.
    if (element == "cmi.entry") {
      auto was = scorm::rt::get(launched, element).value_or("");
      // Once the attempt has state, the session's entry may be any of the three.
      return value == was || (was != "ab-initio" && (value == "ab-initio" || value == "resume" || value.empty()));
    }
    if (element != "cmi.total_time") return false;
    auto sent = scorm::rt::parse_iso_duration(value);
    auto was = scorm::rt::parse_iso_duration(scorm::rt::get(launched, element).value_or("PT0S"));
    auto session = scorm::rt::parse_iso_duration(scorm::rt::get(elements, "cmi.session_time").value_or("PT0S"));
    if (!sent || !was) return false;
    return std::fabs(*sent - *was) <= 1 || (session && std::fabs(*sent - *was - *session) <= 1);
  }

  std::string missing_dependency(const ElementName& name, const Flat& merged) const override {
    auto base = [&](const char* collection) {
      return std::string(collection) + "." + std::to_string(name.indices[0]) + ".";
    };
    if (name.pattern.rfind("cmi.interactions.n.", 0) == 0 && name.pattern != "cmi.interactions.n.id") {
      std::string p = base("cmi.interactions");
      if (!merged.contains(p + "id")) return p + "id";
      bool responses = name.pattern == "cmi.interactions.n.learner_response" ||
                       name.pattern == "cmi.interactions.n.correct_responses.n.pattern";
      if (responses && !merged.contains(p + "type")) return p + "type";
    }
    if (name.pattern.rfind("cmi.objectives.n.", 0) == 0 && name.pattern != "cmi.objectives.n.id") {
      std::string p = base("cmi.objectives");
      if (!merged.contains(p + "id")) return p + "id";
    }
    return {};
  }

  Fault fault_in_context(const ElementName& name, std::string_view value, const Flat& merged) const override {
    bool response = name.pattern == "cmi.interactions.n.learner_response";
    bool pattern = name.pattern == "cmi.interactions.n.correct_responses.n.pattern";
    if (!response && !pattern) return Fault::none;
    std::string type = scorm::rt::get(merged, "cmi.interactions." + std::to_string(name.indices[0]) + ".type").value_or("");
    return valid_response(type, value, pattern) ? Fault::none : Fault::type;
  }

 private:
  static std::map<std::string, Rule> table(bool fourth) {
    auto ro = [] { return Rule{Access::read_only, {}}; };
    auto rw = [](Check c) { return Rule{Access::read_write, std::move(c)}; };
    auto wo = [](Check c) { return Rule{Access::write_only, std::move(c)}; };
    auto real = checks::real_in(std::nullopt, std::nullopt);
    auto scaled = checks::real_in(-1.0, 1.0);
    auto measure = checks::real_in(0.0, 1.0);
    auto success = checks::one_of({"passed", "failed", "unknown"});
    auto completion = checks::one_of({"completed", "incomplete", "not attempted", "unknown"});
    // Any text is a response until the type is known (fault_in_context).
    auto any = Check{};
    return {
        {"cmi._version", ro()},
        {"cmi.comments_from_learner.n.comment", rw(localized(4000))},
        {"cmi.comments_from_learner.n.location", rw(checks::text_up_to(250))},
        {"cmi.comments_from_learner.n.timestamp", rw(timestamp)},
        {"cmi.comments_from_lms.n.comment", ro()},
        {"cmi.comments_from_lms.n.location", ro()},
        {"cmi.comments_from_lms.n.timestamp", ro()},
        {"cmi.completion_status", rw(completion)},
        {"cmi.completion_threshold", ro()},
        {"cmi.credit", ro()},
        {"cmi.entry", ro()},
        {"cmi.exit", wo(checks::one_of({"time-out", "suspend", "logout", "normal", ""}))},
        {"cmi.interactions.n.id", rw(long_id)},
        {"cmi.interactions.n.type",
         rw(checks::one_of({"true-false", "choice", "fill-in", "long-fill-in", "likert", "matching", "performance",
                            "sequencing", "numeric", "other"}))},
        {"cmi.interactions.n.objectives.n.id", rw(long_id)},
        {"cmi.interactions.n.timestamp", rw(timestamp)},
        {"cmi.interactions.n.correct_responses.n.pattern", rw(any)},
        {"cmi.interactions.n.weighting", rw(real)},
        {"cmi.interactions.n.learner_response", rw(any)},
        {"cmi.interactions.n.result", rw(result)},
        {"cmi.interactions.n.latency", rw(duration)},
        {"cmi.interactions.n.description", rw(localized(250))},
        {"cmi.launch_data", ro()},
        {"cmi.learner_id", ro()},
        {"cmi.learner_name", ro()},
        {"cmi.learner_preference.audio_level", rw(checks::real_in(0.0, std::nullopt))},
        {"cmi.learner_preference.language", rw(language)},
        {"cmi.learner_preference.delivery_speed", rw(checks::real_in(0.0, std::nullopt))},
        {"cmi.learner_preference.audio_captioning", rw(checks::one_of({"-1", "0", "1"}))},
        {"cmi.location", rw(checks::text_up_to(1000))},
        {"cmi.max_time_allowed", ro()},
        {"cmi.mode", ro()},
        {"cmi.objectives.n.id", rw(long_id)},
        {"cmi.objectives.n.score.scaled", rw(scaled)},
        {"cmi.objectives.n.score.raw", rw(real)},
        {"cmi.objectives.n.score.min", rw(real)},
        {"cmi.objectives.n.score.max", rw(real)},
        {"cmi.objectives.n.success_status", rw(success)},
        {"cmi.objectives.n.completion_status", rw(completion)},
        {"cmi.objectives.n.progress_measure", rw(measure)},
        {"cmi.objectives.n.description", rw(localized(250))},
        {"cmi.progress_measure", rw(measure)},
        {"cmi.scaled_passing_score", ro()},
        {"cmi.score.scaled", rw(scaled)},
        {"cmi.score.raw", rw(real)},
        {"cmi.score.min", rw(real)},
        {"cmi.score.max", rw(real)},
        {"cmi.session_time", wo(duration)},
        {"cmi.success_status", rw(success)},
        // 4th Edition raised suspend_data's SPM from 4,000 to 64,000.
        {"cmi.suspend_data", rw(checks::text_up_to(fourth ? 64000 : 4000))},
        {"cmi.time_limit_action", ro()},
        {"cmi.total_time", ro()},
        {"adl.nav.request", rw(nav_request(fourth))},
    };
  }
};

}  // namespace

const scorm::rt::DataModel& scorm2004_model(std::string_view edition) {
  static const Scorm2004Model earlier(false), fourth(true);
  return edition == "2nd" || edition == "3rd" ? earlier : fourth;
}

}  // namespace trellis::scorm2004
