// The JSON every interface prints for validate/import (CLI --json and REST).
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "catalog/catalog_store.hpp"

namespace trellis::catalog {

nlohmann::json diagnostic_json(const StoredDiagnostic& d);
nlohmann::json diagnostics_json(const std::vector<StoredDiagnostic>& ds);
void put_counts(nlohmann::json& out, const Counts& counts);
bool has_errors(const std::vector<StoredDiagnostic>& ds);
// "file:line", "file" or "" for a diagnostic's location.
std::string where(const StoredDiagnostic& d);

}  // namespace trellis::catalog
