// IRIs and URLs as package manifests use them: identifiers that must be absolute
// IRIs, and launch URLs that are either absolute or relative to the package root.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trellis::kit {

// RFC 3987 absolute IRI: a scheme, a colon, and a non-empty rest made of characters
// an IRI may hold (no spaces, controls, or <>"{}|\^`), with well-formed %XX escapes.
bool is_absolute_iri(std::string_view text);

// The same character rules without the scheme requirement: an IRI reference.
bool is_iri_reference(std::string_view text);

// Whether `text` starts with "scheme:" (so it is not relative to the package).
bool has_scheme(std::string_view text);

struct UrlParts {
  std::string_view scheme;    // empty for a relative reference
  std::string_view path;      // with authority for absolute URLs ("//host/x")
  std::string_view query;     // without '?'
  std::string_view fragment;  // without '#'
  bool has_query = false;
};
UrlParts split_url(std::string_view url);

// Query parameter names in order (decoded, '+' as space); values are not needed.
std::vector<std::string> query_parameter_names(std::string_view query);

std::string percent_decode(std::string_view text);

// Resolves a relative reference's path against the package root: percent-decoded,
// "." and ".." applied. nullopt when it climbs above the root or starts with '/'.
std::optional<std::string> package_path(std::string_view relative_path);

}  // namespace trellis::kit
