// Post rendering and input rules: hostile bodies come out inert, bad input is
// refused naming the field and the rule.
#include <catch2/catch.hpp>

#include "community/input_rules.hpp"
#include "community/markdown.hpp"

using namespace trellis::community;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Nothing in the rendered HTML may run: no raw tags, no handlers, no script targets.
void require_inert(const char* body) {
  INFO(body);
  auto html = lower(render_markdown(body));
  INFO(html);
  for (const char* forbidden :
       {"<script", "<iframe", "<svg", "<style", "<b ", "onerror=", "onload=", "href=\"javascript", "src=\"javascript",
        "href=\"vbscript", "href=\"file:", "href=\"data:text"})
    CHECK_FALSE(contains(html, forbidden));
}

}  // namespace

TEST_CASE("Markdown renders to HTML", "[community][markdown]") {
  auto html = render_markdown("# Fire exits\n\nUse **both** [exits](https://example.org/exits) and `stairs`.\n");
  CHECK(contains(html, "<h1>Fire exits</h1>"));
  CHECK(contains(html, "<strong>both</strong>"));
  CHECK(contains(html, "<a href=\"https://example.org/exits\">exits</a>"));
  CHECK(contains(html, "<code>stairs</code>"));
}

TEST_CASE("raw HTML and script never reach the rendered body", "[community][markdown]") {
  const char* hostile[] = {
      "<script>alert(1)</script>",
      "hello <script src=https://evil.example/x.js></script> there",
      "<img src=x onerror=alert(1)>",
      "text <b onmouseover=alert(1)>bold</b>",
      "<iframe src=\"javascript:alert(1)\"></iframe>",
      "<div>\n<svg onload=alert(1)>\n</div>",
      "<a href=\"javascript:alert(1)\">click</a>",
      "<style>body{background:url(javascript:alert(1))}</style>",
  };
  for (const char* body : hostile) {
    require_inert(body);
    // Markdown images are allowed; an <img> written as HTML is not.
    CHECK_FALSE(contains(render_markdown(body), "<img"));
  }
}

TEST_CASE("dangerous link and image targets are dropped", "[community][markdown]") {
  const char* hostile[] = {
      "[x](javascript:alert(1))",
      "[x](JaVaScRiPt:alert(1))",
      "[x](vbscript:msgbox(1))",
      "[x](file:///etc/passwd)",
      "[x](data:text/html;base64,PHNjcmlwdD4=)",
      "<javascript:alert(1)>",
      "![x](javascript:alert(1))",
      "[x]: javascript:alert(1)\n\n[x]",
  };
  for (const char* body : hostile) require_inert(body);
  // The link text stays; only its target goes.
  CHECK(render_markdown("[x](javascript:alert(1))") == "<p><a href=\"\">x</a></p>\n");
  CHECK(render_markdown("![x](javascript:alert(1))") == "<p><img src=\"\" alt=\"x\" /></p>\n");
  // Text that merely mentions markup is shown, escaped.
  auto html = render_markdown("use `<script>` tags? a < b & c > d");
  CHECK(contains(html, "<code>&lt;script&gt;</code>"));
  CHECK(contains(html, "a &lt; b &amp; c &gt; d"));
}

TEST_CASE("a body is refused when empty, invalid UTF-8, with control characters or over the limit",
          "[community][rules]") {
  PostLimits limits{16};
  CHECK(check_body("fine", limits));
  CHECK(check_body("sixteen bytes ok", limits));
  auto big = check_body("seventeen bytes!!", limits);
  REQUIRE_FALSE(big);
  CHECK(big.error().kind == trellis::ErrorKind::invalid_input);
  CHECK(contains(big.error().message, "17 bytes"));
  CHECK(contains(big.error().message, "limit of 16 bytes"));
  CHECK(contains(big.error().message, "community.max_post_bytes"));
  CHECK(contains(check_body("  \n\t ", limits).error().message, "body is empty"));
  CHECK(contains(check_body("", limits).error().message, "body is empty"));
  CHECK(contains(check_body("bad \xff byte", limits).error().message, "not valid UTF-8"));
  CHECK(contains(check_body("\xc0\xaf", limits).error().message, "not valid UTF-8"));  // overlong '/'
  CHECK(contains(check_body("nul\x01", limits).error().message, "control character 0x01 at byte 3"));
  CHECK(check_body("caf\xc3\xa9\n\tok\r\n", limits));
}

TEST_CASE("titles, authors and tags follow their rules", "[community][rules]") {
  CHECK(check_line("title", "Where are the exits?", kMaxTitleBytes));
  CHECK(contains(check_line("title", "", kMaxTitleBytes).error().message, "title is empty"));
  CHECK(contains(check_line("title", "two\nlines", kMaxTitleBytes).error().message, "one line"));
  CHECK(contains(check_line("author", std::string(201, 'a'), kMaxAuthorBytes).error().message,
                 "over the limit of 200 bytes"));
  CHECK(contains(check_line("author", "\xe2\x82", kMaxAuthorBytes).error().message, "author is not valid UTF-8"));

  auto tags = normalise_tags({" fire ", "exits", "fire"});
  REQUIRE(tags);
  CHECK(*tags == std::vector<std::string>{"fire", "exits"});
  CHECK(contains(normalise_tags({"a,b"}).error().message, "contains a comma"));
  CHECK(contains(normalise_tags({"ok", " "}).error().message, "tag 2 is empty"));
  std::vector<std::string> many;
  for (int i = 0; i < 21; ++i) many.push_back("t" + std::to_string(i));
  CHECK(contains(normalise_tags(many).error().message, "over the limit of 20"));
}
