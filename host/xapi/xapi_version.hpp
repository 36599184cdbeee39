// The two xAPI generations this LRS speaks. A request's X-Experience-API-Version
// header picks one; validation and responses follow it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace trellis::xapi {

enum class XapiVersion { v1_0, v2_0 };

// "1.0", "1.0.N", "2.0", "2.0.N" (N any digits): the generation; anything else nullopt.
// A statement's "version" property follows the same grammar.
std::optional<XapiVersion> parse_version_header(std::string_view header);
// The version this LRS reports back for a generation ("1.0.3", "2.0.0").
std::string reported_version(XapiVersion v);

}  // namespace trellis::xapi
