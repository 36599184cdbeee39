// Turns the export filters as a user writes them (CLI options, query parameters)
// into an ExportFilter, refusing anything malformed with a message naming it.
#pragma once

#include <optional>
#include <string>

#include "core/result.hpp"
#include "records/export_store.hpp"

namespace trellis::lrs {

struct ExportFilterText {
  std::optional<std::string> since, until;  // ISO 8601 timestamps
  std::optional<std::string> verb;          // IRI
  std::optional<std::string> agent;         // xAPI Agent JSON
  std::optional<std::string> course;        // activity IRI
};

Result<records::ExportFilter> parse_export_filter(const ExportFilterText& text);

// The index key of an Agent given as JSON text (e.g. {"mbox":"mailto:a@b"}).
Result<std::string> agent_key_of(const std::string& agent_json, const char* what);

}  // namespace trellis::lrs
