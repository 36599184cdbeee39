// The two xAPI generations this LRS speaks. A request's X-Experience-API-Version
// header picks one; validation and responses follow it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace trellis::xapi {

enum class XapiVersion { v1_0, v2_0 };

// "1.0", "1.0.0".."1.0.9", "2.0", "2.0.0": the generation; anything else nullopt.
std::optional<XapiVersion> parse_version_header(std::string_view header);
// The version this LRS reports back for a generation ("1.0.3", "2.0.0").
std::string reported_version(XapiVersion v);

}  // namespace trellis::xapi
