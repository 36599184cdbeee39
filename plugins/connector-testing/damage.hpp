// Damaged copies of good input for the connectors' junk tests: bytes flipped,
// junk inserted, the end cut off, reproducibly from a seeded generator.
#pragma once

#include <random>
#include <string>
#include <string_view>

namespace trellis::testing {

// `edits` random edits of `original`, each a random byte, `junk` inserted, or
// the rest cut off; never empty (an empty result becomes `junk`).
inline std::string damaged(const std::string& original, std::mt19937& rng, int edits, std::string_view junk) {
  std::string out = original.empty() ? std::string(junk) : original;
  std::uniform_int_distribution<size_t> byte(0, 255), what(0, 2);
  for (int k = 0; k < edits; ++k) {
    size_t where = std::uniform_int_distribution<size_t>(0, out.size() - 1)(rng);
    switch (what(rng)) {
      case 0: out[where] = static_cast<char>(byte(rng)); break;
      case 1: out.insert(where, junk); break;
      default: out.resize(where); break;
    }
    if (out.empty()) out = std::string(junk);
  }
  return out;
}

}  // namespace trellis::testing
