// Text clean-up for what connectors read from the outside: bytes that may not be
// UTF-8, HTML where plain text is wanted, and terms for ranking.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::connector_kit {

bool valid_utf8(std::string_view text);
// Offset of the first byte that breaks UTF-8, or npos when the text is valid.
size_t first_invalid_utf8(std::string_view text);
// Every byte sequence that is not UTF-8 becomes U+FFFD, so what reaches the
// host is always valid; NUL and other C0 controls except tab/newline become spaces.
std::string repair_utf8(std::string_view text);
std::string_view without_bom(std::string_view text);
std::string_view trim(std::string_view text);
// Trims and turns every run of whitespace into one space.
std::string collapse_spaces(std::string_view text);
std::string ascii_lower(std::string_view text);

// HTML entities (named, decimal, hex) to UTF-8; unknown ones stay as written.
std::string decode_entities(std::string_view text);
// Visible text of an HTML fragment or page: tags dropped (a '<' not starting a
// tag stays text), script/style/head content dropped, block elements become line
// breaks, entities decoded, whitespace collapsed per line. Output is valid UTF-8.
std::string html_to_text(std::string_view html);
// At most `max_bytes` of `text` cut at a word boundary when one is near, never
// inside a UTF-8 sequence, with an ellipsis when cut.
std::string snippet_of(std::string_view text, size_t max_bytes = 240);
// The snippet of a long text: its spaces collapsed, reading only its start.
std::string excerpt_of(std::string_view text, size_t max_bytes = 240);
// Lower-cased words (letters and digits, any script) for ranking; words longer
// than 64 bytes and common English stop words are left out.
std::vector<std::string> words_of(std::string_view text);
// The same words of a text already passed through ascii_lower, as views into it
// (no copies: what ranking uses to count every word of a document).
void for_each_lowered_word(std::string_view lowered, const std::function<void(std::string_view)>& visit);

}  // namespace trellis::connector_kit
