// The identifier forms xAPI values use (UUIDs, IRIs, RFC 5646 language tags),
// checked the same way wherever a statement, a query parameter or a host-made
// statement carries one.
#pragma once

#include <string>

namespace trellis::xapi {

bool is_uuid(const std::string& text);
// An absolute IRI: a scheme, ':', then no spaces or characters RFC 3987 excludes.
bool is_iri(const std::string& text);
bool is_language_tag(const std::string& text);

}  // namespace trellis::xapi
