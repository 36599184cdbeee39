// The SCORM 1.2 run-time data model (RTE 3.4): every element with its access
// and value rules, the error codes of LMSSetValue, and the one tolerance the
// model needs (total_time echoed back after the session was added).
#pragma once

#include "data_model.hpp"

namespace trellis::scorm12 {

// 1.2's codes: 201 invalid argument (no such element, an index out of
// sequence), 402 keyword, 403 read-only, 405 incorrect data type (a value
// out of range or too long is the wrong CMI type too: 1.2 has no range code).
inline constexpr scorm::rt::Codes kCodes{201, 402, 403, 405, 405, 405, 201, 201};

const scorm::rt::DataModel& scorm12_model();

}  // namespace trellis::scorm12
