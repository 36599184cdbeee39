#include "importer.hpp"

#include "model_json.hpp"
#include "parser.hpp"
#include "rules.hpp"
#include "trellis/import_kit/text.hpp"

namespace trellis::cmi5 {

std::optional<std::string> import_course_structure(const ImportInput& input, kit::Findings& findings) {
  std::optional<CourseStructure> course = parse_course_structure(input.xml, findings);
  if (!course) return std::nullopt;
  // The published schema checks what it can; the rules in code run either way so
  // every package meets the same bar with or without a schema folder.
  if (input.schema && input.validator) input.validator->validate(kit::without_bom(input.xml), *input.schema, findings);
  apply_rules(*course, *input.files, input.structure_only, findings);
  return course_model_json(*course);
}

}  // namespace trellis::cmi5
