#include "scorm12_model.hpp"

#include <cmath>

#include "scorm_time.hpp"

namespace trellis::scorm12 {

namespace {

using scorm::rt::Access;
using scorm::rt::Fault;
using scorm::rt::Rule;
namespace checks = scorm::rt::checks;

// CMIIdentifier: 1 to 255 characters, no white space or control characters.
Fault identifier(std::string_view v) {
  if (v.empty() || checks::characters(v) > 255) return Fault::type;
  for (unsigned char c : v)
    if (c <= ' ' || c == 0x7f) return Fault::type;
  return Fault::none;
}

// CMIDecimal 0..100 or CMIBlank, as score.raw/min/max are.
Fault score(std::string_view v) {
  if (v.empty()) return Fault::none;
  return checks::real_in(0.0, 100.0, Fault::type)(v);
}

Fault timespan(std::string_view v) { return scorm::rt::parse_cmi_timespan(v) ? Fault::none : Fault::type; }
Fault time_of_day(std::string_view v) { return scorm::rt::is_cmi_time(v) ? Fault::none : Fault::type; }

// CMISInteger within [lo, hi].
std::function<Fault(std::string_view)> integer_in(int lo, int hi) {
  return [lo, hi](std::string_view v) {
    auto d = scorm::rt::parse_real(v);
    if (!d || *d != std::floor(*d) || v.find('.') != std::string_view::npos || *d < lo || *d > hi) return Fault::type;
    return Fault::none;
  };
}

Fault result(std::string_view v) {
  if (v == "correct" || v == "wrong" || v == "unanticipated" || v == "neutral") return Fault::none;
  return scorm::rt::parse_real(v) ? Fault::none : Fault::type;
}

class Scorm12Model final : public scorm::rt::DataModel {
 public:
  Scorm12Model() : DataModel(kCodes, table()) {}

 protected:
  // The content may send total_time back as it got it or with this
  // session's time added (scorm-again does on LMSFinish), give or take 1 s.
  bool tolerated(std::string_view element, std::string_view value, const scorm::rt::Flat& elements,
                 const scorm::rt::Flat& launched) const override {
    // Entry is fixed when the session starts; later commits of a resumed
    // session send back "resume" though the state's exit has changed since.
    if (element == "cmi.core.entry") {
      auto was = scorm::rt::get(launched, element).value_or("");
      // Once the attempt has state, the session's entry may be any of the three.
      return value == was || (was != "ab-initio" && (value == "ab-initio" || value == "resume" || value.empty()));
    }
    if (element != "cmi.core.total_time") return false;
    auto sent = scorm::rt::parse_cmi_timespan(value);
    auto was = scorm::rt::parse_cmi_timespan(scorm::rt::get(launched, element).value_or("00:00:00"));
    auto session = scorm::rt::parse_cmi_timespan(scorm::rt::get(elements, "cmi.core.session_time").value_or("00:00:00"));
    if (!sent || !was) return false;
    return std::fabs(*sent - *was) <= 1 || (session && std::fabs(*sent - *was - *session) <= 1);
  }

 private:
  static std::map<std::string, Rule> table() {
    auto ro = [](std::function<Fault(std::string_view)> c = {}) { return Rule{Access::read_only, std::move(c)}; };
    auto rw = [](std::function<Fault(std::string_view)> c) { return Rule{Access::read_write, std::move(c)}; };
    auto wo = [](std::function<Fault(std::string_view)> c) { return Rule{Access::write_only, std::move(c)}; };
    // "not attempted" is the LMS's word; a SCO may not set it (RTE 3.4.4).
    auto status = checks::one_of({"passed", "completed", "failed", "incomplete", "browsed"});
    auto any_status = checks::one_of({"passed", "completed", "failed", "incomplete", "browsed", "not attempted"});
    auto feedback = checks::text_up_to(255, Fault::type);
    return {
        {"cmi.core.student_id", ro()},
        {"cmi.core.student_name", ro()},
        {"cmi.core.lesson_location", rw(checks::text_up_to(255, Fault::type))},
        {"cmi.core.credit", ro()},
        {"cmi.core.lesson_status", rw(status)},
        {"cmi.core.entry", ro()},
        {"cmi.core.score.raw", rw(score)},
        {"cmi.core.score.min", rw(score)},
        {"cmi.core.score.max", rw(score)},
        {"cmi.core.total_time", ro()},
        {"cmi.core.lesson_mode", ro()},
        {"cmi.core.exit", wo(checks::one_of({"time-out", "suspend", "logout", ""}))},
        {"cmi.core.session_time", wo(timespan)},
        {"cmi.suspend_data", rw(checks::text_up_to(4096, Fault::type))},
        {"cmi.launch_data", ro()},
        {"cmi.comments", rw(checks::text_up_to(4096, Fault::type))},
        {"cmi.comments_from_lms", ro()},
        {"cmi.objectives.n.id", rw(identifier)},
        {"cmi.objectives.n.score.raw", rw(score)},
        {"cmi.objectives.n.score.min", rw(score)},
        {"cmi.objectives.n.score.max", rw(score)},
        {"cmi.objectives.n.status", rw(any_status)},
        {"cmi.student_data.mastery_score", ro()},
        {"cmi.student_data.max_time_allowed", ro()},
        {"cmi.student_data.time_limit_action", ro()},
        {"cmi.student_preference.audio", rw(integer_in(-1, 100))},
        {"cmi.student_preference.language", rw(checks::text_up_to(255, Fault::type))},
        {"cmi.student_preference.speed", rw(integer_in(-100, 100))},
        {"cmi.student_preference.text", rw(integer_in(-1, 1))},
        {"cmi.interactions.n.id", wo(identifier)},
        {"cmi.interactions.n.objectives.n.id", wo(identifier)},
        {"cmi.interactions.n.time", wo(time_of_day)},
        {"cmi.interactions.n.type",
         wo(checks::one_of({"true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert",
                            "numeric"}))},
        {"cmi.interactions.n.correct_responses.n.pattern", wo(feedback)},
        {"cmi.interactions.n.weighting", wo(checks::real_in(std::nullopt, std::nullopt, Fault::type))},
        {"cmi.interactions.n.student_response", wo(feedback)},
        {"cmi.interactions.n.result", wo(result)},
        {"cmi.interactions.n.latency", wo(timespan)},
    };
  }
};

}  // namespace

const scorm::rt::DataModel& scorm12_model() {
  static const Scorm12Model model;
  return model;
}

}  // namespace trellis::scorm12
