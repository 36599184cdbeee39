// The flattened data model as it crosses trellis.runtime/1: one JSON object
// of dotted element names to the strings the content set. Helpers to read it
// and to name its collections ("cmi.interactions.3.id" is element
// "cmi.interactions.n.id" at index 3).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::scorm::rt {

using Flat = nlohmann::json;  // always an object of strings

// The text of a value as the content meant it: scorm-again's flattened form
// sends strings, but a number or boolean is read as its JSON text, null as "".
std::string text_of(const nlohmann::json& value);
// A copy of `j` (an object, or null for none) with every value made text.
Flat flat_of(const nlohmann::json& j);
// The value of `key` in `flat`, or nullopt when absent.
std::optional<std::string> get(const Flat& flat, std::string_view key);

struct ElementName {
  std::string pattern;          // indices replaced by "n"
  std::vector<size_t> indices;  // in order of appearance
};
// nullopt when a segment is empty or an index has a leading zero.
std::optional<ElementName> parse_element(std::string_view name);

// How many entries collection `prefix` ("cmi.interactions",
// "cmi.interactions.0.objectives") has in `flat`: its distinct indices.
size_t count_of(const Flat& flat, std::string_view prefix);
// Whether those indices are exactly 0 .. count-1 (no holes).
bool dense(const Flat& flat, std::string_view prefix);

// SCORM's real(10,7)/CMIDecimal: optional sign, digits, optional fraction.
std::optional<double> parse_real(std::string_view text);
// The value of `key` read as a real, or nullopt when absent or not a number.
std::optional<double> number(const Flat& flat, std::string_view key);
// The shortest decimal text of `d` ("80", "0.75"), for values the LMS sets.
std::string number_text(double d);

}  // namespace trellis::scorm::rt
