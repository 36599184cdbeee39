// Reads tincan.xml. Without an XSD, Trellis is strict where lms_lrs.md is (one
// launchable activity, ids) and forgiving about unknown elements (a warning).
#pragma once

#include <optional>
#include <string_view>

#include "tincan.hpp"
#include "trellis/import_kit/findings.hpp"

namespace trellis::xapi {

std::optional<TinCan> read_tincan(std::string_view xml, kit::Findings& findings);

// Cheap check for detect(): is the root element <tincan>?
bool looks_like_tincan(std::string_view xml);

}  // namespace trellis::xapi
