#include "catalog/import_report.hpp"

namespace trellis::catalog {

std::string where(const StoredDiagnostic& d) {
  if (d.file.empty()) return "";
  return d.line > 0 ? d.file + ":" + std::to_string(d.line) : d.file;
}

nlohmann::json diagnostic_json(const StoredDiagnostic& d) {
  nlohmann::json out = {{"severity", d.severity}, {"code", d.code}, {"message", d.message}};
  std::string w = where(d);
  out["where"] = w.empty() ? nlohmann::json(nullptr) : nlohmann::json(w);
  out["file"] = d.file.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.file);
  out["line"] = d.line > 0 ? nlohmann::json(d.line) : nlohmann::json(nullptr);
  return out;
}

nlohmann::json diagnostics_json(const std::vector<StoredDiagnostic>& ds) {
  auto out = nlohmann::json::array();
  for (const auto& d : ds) out.push_back(diagnostic_json(d));
  return out;
}

void put_counts(nlohmann::json& out, const Counts& c) {
  out["nodes"] = c.nodes;
  out["items"] = c.items;
  out["launchable"] = c.launchable;
  out["containers"] = c.containers;
  out["resources"] = c.resources;
}

nlohmann::json summary_line(const std::vector<SummaryPart>& parts, const nlohmann::json& report) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : parts) {
    auto it = report.find(p.name);
    out.push_back({{"label", p.label}, {"value", it == report.end() ? nlohmann::json(nullptr) : *it}});
  }
  return out;
}

bool has_errors(const std::vector<StoredDiagnostic>& ds) {
  for (const auto& d : ds)
    if (d.severity == "error") return true;
  return false;
}

}  // namespace trellis::catalog
