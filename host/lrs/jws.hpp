// Signed statements (xAPI "Signed Statements"): a JWS in compact serialization,
// sent as an attachment with the signature usage type. The LRS checks the
// structure the spec requires: an RS256/384/512 header and a payload that is the
// statement itself.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace trellis::lrs {

inline constexpr const char* kSignatureUsageType = "http://adlnet.gov/expapi/attachments/signature";

Status verify_signed_statement(const std::string& jws, const nlohmann::json& statement);

}  // namespace trellis::lrs
