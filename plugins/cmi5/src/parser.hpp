// Reads cmi5.xml into a CourseStructure, checking it against the structure
// CourseStructure.xsd defines (elements, order, required attributes, types) by
// rule in code, so every package gets the same checks with or without a schema
// folder. DOCTYPEs are refused: no entity can expand and nothing is fetched.
#pragma once

#include <optional>
#include <string_view>

#include "course_structure.hpp"
#include "trellis/import_kit/findings.hpp"

namespace trellis::cmi5 {

// nullopt when the document cannot be read as a course structure at all
// (malformed XML, a DOCTYPE, another root); the findings say why.
std::optional<CourseStructure> parse_course_structure(std::string_view xml, kit::Findings& findings);

// Cheap check for detect(): is this the start of a cmi5 course structure?
bool looks_like_course_structure(std::string_view xml);

}  // namespace trellis::cmi5
