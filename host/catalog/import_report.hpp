// The JSON every interface prints for validate/import (CLI --json and REST).
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "catalog/catalog_store.hpp"

namespace trellis::catalog {

nlohmann::json diagnostic_json(const StoredDiagnostic& d);
nlohmann::json diagnostics_json(const std::vector<StoredDiagnostic>& ds);
void put_counts(nlohmann::json& out, const Counts& counts);
// The importer's one-line summary with each part's value taken from the report
// (a host count or a fact): [{"label", "value"}], for the human output.
nlohmann::json summary_line(const std::vector<SummaryPart>& parts, const nlohmann::json& report);
bool has_errors(const std::vector<StoredDiagnostic>& ds);
// "file:line", "file" or "" for a diagnostic's location.
std::string where(const StoredDiagnostic& d);

}  // namespace trellis::catalog
