// Random bytes through every text routine: nothing may crash, and what is meant
// for the host must come out as valid UTF-8 whatever went in.
#include <catch2/catch.hpp>

#include <random>

#include "trellis/connector_kit/dates.hpp"
#include "trellis/connector_kit/text.hpp"

using namespace trellis::connector_kit;

namespace {
// Bytes biased towards markup and multi-byte lead bytes, where parsers break.
std::string junk(std::mt19937& rng) {
  static const std::string kPieces[] = {"<", ">", "&", ";", "#x", "&#", "<!--", "-->", "<![CDATA[", "]]>", "<script>",
                                        "</script", "\"", "'", "\xc3", "\xe2\x80", "\xf0\x9f", "\xff", "\n", " ", "a",
                                        "&amp", "<p ", "/>", "\xed\xa0\x80", "0"};
  std::uniform_int_distribution<size_t> len(0, 64), piece(0, std::size(kPieces) - 1), byte(0, 255), coin(0, 3);
  std::string out;
  for (size_t i = 0, n = len(rng); i < n; ++i)
    out += coin(rng) == 0 ? std::string(1, static_cast<char>(byte(rng))) : kPieces[piece(rng)];
  return out;
}
}  // namespace

TEST_CASE("junk in, valid UTF-8 out") {
  std::mt19937 rng(20240307);
  for (int i = 0; i < 5000; ++i) {
    std::string in = junk(rng);
    INFO(i);
    CHECK(valid_utf8(html_to_text(in)));
    CHECK(valid_utf8(repair_utf8(in)));
    CHECK(valid_utf8(excerpt_of(repair_utf8(in), 16)));
    CHECK(valid_utf8(snippet_of(repair_utf8(in), 7)));
    for (const auto& w : words_of(in)) CHECK(valid_utf8(w));
    (void)parse_rfc822(in);
    (void)parse_rfc3339(in);
  }
}
