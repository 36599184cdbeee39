// The SCORM 2004 run-time data model (RTE 4.2), per edition: the elements
// with their access and value rules, SetValue's error codes, and the
// dependencies between elements (an interaction's id before anything else
// of it, its type before its responses).
#pragma once

#include <string_view>

#include "data_model.hpp"

namespace trellis::scorm2004 {

// 401 undefined element, 404 read-only (keywords are read-only in 2004),
// 406 type mismatch, 407 out of range, 351 general set failure (longer than
// the edition's SPM, an index out of sequence), 408 dependency not established.
inline constexpr scorm::rt::Codes kCodes{401, 404, 404, 406, 407, 351, 351, 408};

// "2nd", "3rd" or "4th"; anything else is read as 4th, the current edition.
const scorm::rt::DataModel& scorm2004_model(std::string_view edition);

// Whether `value` is a valid learner_response (`pattern` false) or
// correct_responses pattern (true) of an interaction of `type`.
bool valid_response(std::string_view type, std::string_view value, bool pattern);

}  // namespace trellis::scorm2004
