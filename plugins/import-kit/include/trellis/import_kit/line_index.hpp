// Byte offset -> 1-based line number, for diagnostics from pugixml's offsets.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

namespace trellis::kit {

class LineIndex {
 public:
  explicit LineIndex(std::string_view text) {
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') newlines_.push_back(i);
  }
  uint32_t line_of(std::ptrdiff_t offset) const {
    if (offset < 0) return 0;
    auto it = std::lower_bound(newlines_.begin(), newlines_.end(), static_cast<size_t>(offset));
    return static_cast<uint32_t>(it - newlines_.begin()) + 1;
  }

 private:
  std::vector<size_t> newlines_;
};

}  // namespace trellis::kit
