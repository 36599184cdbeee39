// The Content-Type of a course file, by its extension (the formats SCORM and
// cmi5 packages carry); unknown ones are application/octet-stream, which with
// nosniff a browser never runs.
#pragma once

#include <string_view>

namespace trellis {

std::string_view content_type_for(std::string_view path);

}  // namespace trellis
