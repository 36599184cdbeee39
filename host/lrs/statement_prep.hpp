// Turns a validated statement into what is stored: the LRS's own properties set
// (id when absent, authority, version; `stored` and a missing `timestamp` are set
// by the store at commit), context activities in array form, and the index of
// every agent and activity it mentions.
#pragma once

#include <nlohmann/json.hpp>

#include "xapi/xapi_version.hpp"
#include "records/statement_store.hpp"

namespace trellis::lrs {

std::string random_uuid();

records::NewStatement prepare_statement(nlohmann::json statement, xapi::XapiVersion version,
                                        const nlohmann::json& authority);

// Whether a statement arriving again with a stored id is the same statement
// (the LRS's own properties ignored).
// xAPI 2.0 compares durations to 0.01 s only: truncates result.duration seconds
// (also in a SubStatement) so equal statements compare equal.
void truncate_durations(nlohmann::json& statement);

bool same_statement(const nlohmann::json& stored, const nlohmann::json& incoming);

}  // namespace trellis::lrs
