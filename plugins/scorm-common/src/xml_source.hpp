// A document that can be read more than once from its start, piece by piece, so a
// reader never needs its whole text: the package file behind read_in_pieces in
// the plugin, a string in tests and the fuzzer.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace trellis::scorm {

// Calls `piece` with each piece in order, until the bytes end or `piece` returns
// false (the reader wants no more). Read errors and cancellation throw.
using XmlPiece = std::function<bool(std::string_view)>;
using XmlSource = std::function<void(const XmlPiece& piece)>;

// `text` (which must outlive the source) in pieces of at most `piece_size` bytes.
XmlSource source_of(std::string_view text, size_t piece_size = static_cast<size_t>(-1));

// The whole text, for the readers that need it (documents libxml2 refuses).
std::string read_all(const XmlSource& source);

}  // namespace trellis::scorm
