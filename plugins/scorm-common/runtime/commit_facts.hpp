// What both SCORM runtimes report about a commit, found by comparing the
// status and the interactions before and after it: the input of
// build_statements.
#pragma once

#include <string_view>

#include "flat_model.hpp"
#include "runtime_documents.hpp"
#include "statements.hpp"

namespace trellis::scorm::rt {

struct ModelNames {
  std::string_view score;     // "cmi.core.score" or "cmi.score"
  std::string_view response;  // "student_response" or "learner_response"
};

// Interactions whose result the commit set or changed.
std::vector<AnsweredInteraction> answered_interactions(const Flat& before, const Flat& after, std::string_view response);

CommitFacts commit_facts(const CommitRequest& request, bool resumed, const Status& before, const Status& after,
                         const Flat& state, ModelNames names);

}  // namespace trellis::scorm::rt
