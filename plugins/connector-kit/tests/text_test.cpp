#include <catch2/catch.hpp>

#include "trellis/connector_kit/text.hpp"

using namespace trellis::connector_kit;

TEST_CASE("invalid UTF-8 is found and repaired, valid text is kept") {
  CHECK(valid_utf8("plain ascii"));
  CHECK(valid_utf8("S\xc3\xa9" "curit\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x94\xa5"));
  CHECK_FALSE(valid_utf8("\xff"));
  CHECK_FALSE(valid_utf8("\xc0\xaf"));          // overlong '/'
  CHECK_FALSE(valid_utf8("\xed\xa0\x80"));      // a surrogate
  CHECK_FALSE(valid_utf8("cut \xe2\x80"));      // truncated at the end
  CHECK(first_invalid_utf8("ab\xfe" "cd") == 2);
  CHECK(repair_utf8("a\xff" "b") == "a\xef\xbf\xbd" "b");
  CHECK(repair_utf8(std::string("a\0b", 3)) == "a b");
  CHECK(valid_utf8(repair_utf8("\xed\xa0\x80\xc3\x28 bad \xf5")));
}

TEST_CASE("entities decode to UTF-8, unknown ones and bare ampersands stay") {
  CHECK(decode_entities("Fish &amp; chips &lt;3 &#233;t&#xE9; &hellip;") == "Fish & chips <3 \xc3\xa9t\xc3\xa9 \xe2\x80\xa6");
  CHECK(decode_entities("AT&T &bogus; &#0; &#x110000;") == "AT&T &bogus; \xef\xbf\xbd \xef\xbf\xbd");
}

TEST_CASE("HTML becomes the text a reader sees") {
  std::string html =
      "<html><head><title>T</title><style>p{color:red}</style></head><body>"
      "<h1>Lockout&nbsp;tagout</h1><p>Step <b>one</b>: isolate.</p><script>alert('x<p>')</script>"
      "<!-- hidden --><ul><li>a &lt; b</li><li>2 < 3</li></ul></body></html>";
  std::string text = html_to_text(html);
  CHECK(text == "Lockout\xc2\xa0tagout\nStep one: isolate.\na < b\n2 < 3");
  CHECK(html_to_text("<p title=\"a>b\">quoted</p>") == "quoted");
  CHECK(html_to_text("unclosed <b") == "unclosed");
  CHECK(valid_utf8(html_to_text("<p>\xff\xfe</p>")));
}

TEST_CASE("snippets cut at a word boundary and never inside a character") {
  std::string s = snippet_of("alpha beta gamma delta", 12);
  CHECK(s == "alpha beta\xe2\x80\xa6");
  std::string accents(300, 'a');
  accents += "\xc3\xa9\xc3\xa9\xc3\xa9";
  CHECK(valid_utf8(snippet_of(accents, 301)));
  CHECK(snippet_of("short", 240) == "short");
}

TEST_CASE("words are lower-cased, stop words and huge tokens dropped") {
  auto w = words_of("The Fire-Safety of PLANT 7, \xc3\x89vacuation \xe2\x80\x94 done");
  CHECK(w == std::vector<std::string>{"fire", "safety", "plant", "7", "\xc3\x89vacuation", "done"});
  CHECK(words_of(std::string(100, 'x')).empty());
}

TEST_CASE("excerpts read only the start of a long text and keep characters whole") {
  std::string text = "  First   words\n\nof a long text " + std::string(10000, 'z');
  CHECK(excerpt_of(text, 20) == "First words of a\xe2\x80\xa6");
  std::string spaces(159, ' ');
  CHECK(valid_utf8(excerpt_of(spaces + "\xc3\xa9\xc3\xa9", 20)));
}

TEST_CASE("a bad byte is found wherever it sits in an 8-byte block") {
  for (size_t i = 0; i < 24; ++i) {
    for (char bad : {'\xff', '\x01', '\x7f', '\x80'}) {
      std::string s(24, 'a');
      s[i] = bad;
      INFO(i << " " << int(static_cast<unsigned char>(bad)));
      bool invalid = static_cast<unsigned char>(bad) >= 0x80;
      CHECK(first_invalid_utf8(s) == (invalid ? i : std::string::npos));
      std::string repaired = repair_utf8(s);
      CHECK(repaired.substr(0, i) == std::string(i, 'a'));
      CHECK(repaired.substr(i, invalid ? 3 : 1) == (invalid ? "\xef\xbf\xbd" : " "));
    }
  }
  CHECK(repair_utf8("tab\tand\nnew line\r ok") == "tab\tand\nnew line\r ok");
}
