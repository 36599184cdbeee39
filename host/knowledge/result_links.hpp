// Where a search result sends a browser. A connector's document may live at a
// path on the server (file:///srv/kb/...), which no learner's browser can open
// and which tells strangers how the server is laid out: the host serves the
// text it indexed instead, at GET /api/v1/knowledge/documents/{source}/{ref}.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace trellis::knowledge {

inline constexpr std::string_view kDocumentsPath = "/api/v1/knowledge/documents/";

// kDocumentsPath + SOURCE "/" REF, each percent-encoded as one path segment.
std::string document_path(std::string_view source, std::string_view ref);

// The URL a result shows: the host's document route for a document whose own
// URL is not http(s); a catalog module's own route (/api/v1/modules/{id}, open);
// what the owner stored for everything else (a thread, a mailto: of an expert,
// an event's page).
std::string browser_url(std::string_view kind, std::string_view source, std::string_view ref,
                        const std::string& stored_url);

}  // namespace trellis::knowledge
