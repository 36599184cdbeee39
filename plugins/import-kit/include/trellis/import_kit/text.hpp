// Text clean-up and the XML Schema lexical checks manifests need.
#pragma once

#include <string>
#include <string_view>

namespace trellis::kit {

// ASCII classes, independent of the C locale (std::isalpha is not).
inline bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view text);
// Trims and turns every run of XML whitespace into one space (xs:token's rule).
std::string collapse_whitespace(std::string_view text);
// xs:language: 1-8 letters, then "-" and 1-8 letters or digits, repeated.
bool is_language_tag(std::string_view text);
// xs:decimal lexical form: optional sign, digits with an optional fraction.
bool parse_decimal(std::string_view text, double& value);
// A single top-level file named *.xml (any case): how a bare manifest arrives.
bool is_top_level_xml_file(std::string_view path);
// Skips a UTF-8 byte order mark.
std::string_view without_bom(std::string_view text);

}  // namespace trellis::kit
