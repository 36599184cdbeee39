// "Did you mean ...?" for names a user typed: the known name nearest to what was
// typed, when it is near enough to be a slip rather than another word.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trellis {

// Edits (insert, delete, replace, swap of neighbours) between two names.
size_t edit_distance(std::string_view a, std::string_view b);

// The nearest of `known` to `typed`, or nullopt when even the nearest needs more
// than a third of the typed name's letters changed (at least one edit allowed).
std::optional<std::string> closest_name(std::string_view typed, const std::vector<std::string>& known);

}  // namespace trellis
