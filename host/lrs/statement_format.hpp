// The `format` parameter of GET statements: `exact` (as stored), `ids` (only
// identifying properties of agents, activities and verbs) and `canonical` (one
// language per language map, chosen by Accept-Language).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace trellis::lrs {

enum class StatementFormat { exact, ids, canonical };

nlohmann::json format_statement(const nlohmann::json& statement, StatementFormat format,
                                const std::string& accept_language);

}  // namespace trellis::lrs
