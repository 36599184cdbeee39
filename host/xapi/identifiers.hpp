// The identifier forms xAPI values use (UUIDs, IRIs, RFC 5646 language tags,
// mailto IRIs, SHA-1 digests, media types), checked the same way wherever a
// statement, a query parameter or a host-made statement carries one. Each check
// is one linear pass over the text, whatever its length.
#pragma once

#include <string_view>

namespace trellis::xapi {

bool is_uuid(std::string_view text);
// An absolute IRI: a scheme, ':', then no spaces or characters RFC 3987 excludes.
bool is_iri(std::string_view text);
bool is_language_tag(std::string_view text);
// An Agent's mbox: "mailto:" and an address with exactly one '@', no whitespace.
bool is_mailto_iri(std::string_view text);
// An Agent's mbox_sha1sum: 40 hex digits.
bool is_sha1_hex(std::string_view text);
// An attachment's contentType: type/subtype, optionally "; parameters".
bool is_media_type(std::string_view text);

}  // namespace trellis::xapi
