// Full structural validation of xAPI statements (Data section of xAPI 1.0.3 and
// IEEE 9274.1.1). A statement that fails is refused whole with 400 and a message
// naming the property; nothing of it is stored.
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "xapi/xapi_version.hpp"

namespace trellis::lrs {

Status validate_statement(const nlohmann::json& statement, xapi::XapiVersion version);

// Checks an Agent or Group given as a query parameter or document key.
Status validate_agent_parameter(const nlohmann::json& agent, xapi::XapiVersion version);

}  // namespace trellis::lrs
