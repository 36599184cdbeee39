// The course structure as the host's course model (trellis.course/1, docs/sdk.md).
#pragma once

#include <string>

#include "course_structure.hpp"

namespace trellis::cmi5 {

std::string course_model_json(const CourseStructure& course);

}  // namespace trellis::cmi5
