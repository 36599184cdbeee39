// Semantic versions and the ranges plugin manifests use for host_version and
// dependencies: "*", "1.2.3", ">=0.1.0", ">=0.1.0 <1.0.0", "^1.2", "~1.2.3".
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace trellis {

struct SemVer {
  int major = 0, minor = 0, patch = 0;
  std::string pre;  // pre-release tag, sorts before the release
  auto operator<=>(const SemVer& o) const {
    if (auto c = major <=> o.major; c != 0) return c;
    if (auto c = minor <=> o.minor; c != 0) return c;
    if (auto c = patch <=> o.patch; c != 0) return c;
    if (pre == o.pre) return std::strong_ordering::equal;
    if (pre.empty()) return std::strong_ordering::greater;
    if (o.pre.empty()) return std::strong_ordering::less;
    return pre < o.pre ? std::strong_ordering::less : std::strong_ordering::greater;
  }
  bool operator==(const SemVer& o) const = default;
  std::string str() const;
};

Result<SemVer> parse_semver(std::string_view text);
// True when `version` satisfies every comparator of `range`.
Result<bool> satisfies(const SemVer& version, std::string_view range);

}  // namespace trellis
