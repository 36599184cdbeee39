// tincan.xml as the host's course model (trellis.course/1, docs/sdk.md): one
// node of kind "activity" per activity, flat, as TinCan declares them.
#pragma once

#include <string>

#include "tincan.hpp"

namespace trellis::xapi {

std::string course_model_json(const TinCan& tincan);

}  // namespace trellis::xapi
