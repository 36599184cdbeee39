#include "xapi/xapi_version.hpp"

#include "xapi/ascii.hpp"

namespace trellis::xapi {

std::optional<XapiVersion> parse_version_header(std::string_view header) {
  // "1.0" or "2.0", optionally followed by '.' and a patch number of any length.
  if (header.size() < 3 || header.substr(1, 2) != ".0") return std::nullopt;
  std::string_view patch = header.substr(3);
  if (!patch.empty() && (patch[0] != '.' || patch.size() == 1 || ascii::digits_at(patch, 1) != patch.size() - 1))
    return std::nullopt;
  if (header[0] == '1') return XapiVersion::v1_0;
  if (header[0] == '2') return XapiVersion::v2_0;
  return std::nullopt;
}

std::string reported_version(XapiVersion v) { return v == XapiVersion::v2_0 ? "2.0.0" : "1.0.3"; }

}  // namespace trellis::xapi
