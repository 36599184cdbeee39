// The CSV exporter's column set: a fixed list, in a fixed order, that only ever
// grows at the end (consumers may address columns by position). Each column is a
// path into the statement; absent values are empty fields.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace trellis::csv {

const std::vector<std::string>& column_names();

// One row, aligned with column_names(). Throws nlohmann::json::exception only for
// text that is not JSON.
std::vector<std::string> flatten_statement(const nlohmann::json& statement);

// A language map's value for reports: "en-US", then "en", then any "en-*", then
// the first entry in key order.
std::string pick_language(const nlohmann::json& language_map);

}  // namespace trellis::csv
