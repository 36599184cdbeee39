// trellis_str <-> std::string_view, the one conversion both sides of the ABI use.
// Kept apart from core.hpp (which defines the plugin-side exception types) so the
// host can include it without taking those in. Header-only, C++17 or later.
#ifndef TRELLIS_CPP_STRINGS_HPP
#define TRELLIS_CPP_STRINGS_HPP

#include <string_view>

#include "trellis/abi.h"

namespace trellis {
inline namespace sdk1 {

// The view is borrowed: it lives as long as `s` (trellis_str owns nothing).
inline trellis_str to_str(std::string_view s) { return trellis_str{s.data(), s.size()}; }

// An empty view for an empty or null string, so a careless peer passing
// {nullptr, 0} never reaches string_view's constructor with a null pointer.
inline std::string_view to_view(trellis_str s) {
  return s.size == 0 || s.data == nullptr ? std::string_view{} : std::string_view{s.data, s.size};
}

}  // namespace sdk1
}  // namespace trellis

#endif  // TRELLIS_CPP_STRINGS_HPP
