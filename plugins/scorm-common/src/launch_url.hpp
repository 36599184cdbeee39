// Launch locations as SCORM content packaging defines them: xml:base values
// joined from the manifest down to the resource, and an item's `parameters`
// appended to the resource href with the query/fragment rules of the CAM.
#pragma once

#include <string>
#include <string_view>

namespace trellis::scorm {

// Joins an xml:base (always a folder: a missing trailing '/' is supplied, as
// authors mean) and an href. An absolute or root-relative href wins.
std::string join_base(std::string_view base, std::string_view href);

// href + parameters: leading '?' / '&' are dropped and the rest joins the query
// with '&' (before any fragment); a '#fragment' applies only when the href has none.
std::string apply_parameters(std::string_view href, std::string_view parameters);

}  // namespace trellis::scorm
