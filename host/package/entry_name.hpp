// The rules an entry name must pass before it becomes a path in the package.
// Names are bytes in a zip; we accept them only when they are valid UTF-8 (with
// or without the zip UTF-8 flag). We do not decode CP437: a guessed decoding
// yields names that no manifest href matches, so refusing is the honest answer.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace trellis::package {

// Returns the normalised relative path ('/'-separated, no '.' or empty parts, a
// trailing '/' kept for folder entries), or an error naming the rule broken:
// absolute path, drive letter, '..', control character, invalid UTF-8.
Result<std::string> normalise_entry_name(std::string_view raw);

// ASCII case folding; two names equal under it would collide on a
// case-insensitive file system when extracted.
std::string fold_case(std::string_view name);
// fold_case(a) compared with fold_case(b) (-1, 0, 1), without making either.
int folded_compare(std::string_view a, std::string_view b);

// The one wording for an entry a package reader will not take: "entry 'X' refused: RULE".
Error refuse_entry(const std::string& entry, const std::string& rule);

}  // namespace trellis::package
