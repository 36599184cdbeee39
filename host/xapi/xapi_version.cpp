#include "xapi/xapi_version.hpp"

#include <regex>

namespace trellis::xapi {

std::optional<XapiVersion> parse_version_header(std::string_view header) {
  static const std::regex v1(R"(1\.0(\.[0-9]+)?)");
  static const std::regex v2(R"(2\.0(\.[0-9]+)?)");
  std::string h(header);
  if (std::regex_match(h, v1)) return XapiVersion::v1_0;
  if (std::regex_match(h, v2)) return XapiVersion::v2_0;
  return std::nullopt;
}

std::string reported_version(XapiVersion v) { return v == XapiVersion::v2_0 ? "2.0.0" : "1.0.3"; }

}  // namespace trellis::xapi
