// Statement filters as people write them, turned into the one
// records::StatementFilter: the export filters (CLI options, query parameters of
// GET /api/v1/records/export) and the xAPI GET /xapi/statements parameters. Each
// refuses anything malformed with a message naming it; what both read
// (timestamps, IRIs, an Agent as JSON) is read the same way.
#pragma once

#include <optional>
#include <string>

#include "core/result.hpp"
#include "records/statement_filter.hpp"
#include "xapi/xapi_version.hpp"

namespace trellis::lrs {

struct ExportFilterText {
  std::optional<std::string> since, until;  // ISO 8601 timestamps
  std::optional<std::string> verb;          // IRI
  std::optional<std::string> agent;         // xAPI Agent JSON
  std::optional<std::string> course;        // activity IRI
};

// Errors are `usage`, the message starting with the filter's name.
Result<records::StatementFilter> parse_export_filter(const ExportFilterText& text);

// The filter parameters of the xAPI GET (xAPI 2.1.3), as the request carried them.
struct XapiFilterText {
  std::optional<std::string> agent;  // Agent or Group JSON
  std::optional<std::string> verb, activity;
  std::optional<std::string> registration;  // UUID
  std::optional<std::string> since, until;
};

// Errors are `invalid_input` (the LRS's 400), checked in the order above.
Result<records::StatementFilter> parse_xapi_filter(const XapiFilterText& text, xapi::XapiVersion version);

// The index key of an Agent given as JSON text (e.g. {"mbox":"mailto:a@b"});
// its mbox may also be a bare address or have its scheme in any case.
Result<std::string> agent_key_of(const std::string& agent_json, const char* what);

}  // namespace trellis::lrs
