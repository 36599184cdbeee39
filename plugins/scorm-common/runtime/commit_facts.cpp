#include "commit_facts.hpp"

namespace trellis::scorm::rt {

std::vector<AnsweredInteraction> answered_interactions(const Flat& before, const Flat& after, std::string_view response) {
  std::vector<AnsweredInteraction> out;
  size_t n = count_of(after, "cmi.interactions");
  for (size_t i = 0; i < n; ++i) {
    std::string p = "cmi.interactions." + std::to_string(i) + ".";
    auto result = get(after, p + "result");
    if (!result || result == get(before, p + "result")) continue;
    AnsweredInteraction a;
    a.id = get(after, p + "id").value_or(std::to_string(i));
    a.type = get(after, p + "type").value_or("");
    a.result = *result;
    a.response = get(after, p + std::string(response)).value_or("");
    a.description = get(after, p + "description").value_or("");
    size_t patterns = count_of(after, p + "correct_responses");
    for (size_t k = 0; k < patterns; ++k)
      if (auto pat = get(after, p + "correct_responses." + std::to_string(k) + ".pattern")) a.correct_patterns.push_back(*pat);
    out.push_back(std::move(a));
  }
  return out;
}

CommitFacts commit_facts(const CommitRequest& request, bool resumed, const Status& before, const Status& after,
                         const Flat& state, ModelNames names) {
  auto number = [&](const char* part) {
    auto v = get(state, std::string(names.score) + "." + part);
    return v ? parse_real(*v) : std::nullopt;
  };
  CommitFacts f;
  f.activity_name = request.module.value("title", std::string());
  f.attempt_number = request.attempt_number;
  f.session_first = request.session_first;
  f.resumed = resumed;
  f.answered = answered_interactions(request.state, state, names.response);
  f.scored = (after.score_scaled && after.score_scaled != before.score_scaled) ||
             (after.score_raw && after.score_raw != before.score_raw);
  f.score = {after.score_scaled, after.score_raw, number("min"), number("max")};
  f.completed = after.completion == "completed" && before.completion != "completed";
  if (after.success != "unknown" && after.success != before.success) f.passed = after.success == "passed";
  f.terminate = request.terminate;
  f.suspended = after.suspended;
  f.session_seconds = after.session_seconds;
  return f;
}

}  // namespace trellis::scorm::rt
