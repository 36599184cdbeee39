#include <catch2/catch.hpp>

#include "document_reader.hpp"

using namespace trellis::folder_kb;

TEST_CASE("document types come from the extension, any case") {
  DocumentType t;
  CHECK((document_type_of("a.MD", t) && t == DocumentType::markdown));
  CHECK((document_type_of("a.markdown", t) && t == DocumentType::markdown));
  CHECK((document_type_of("a.Htm", t) && t == DocumentType::html));
  CHECK((document_type_of("a.txt", t) && t == DocumentType::text));
  CHECK_FALSE(document_type_of("a.pdf", t));
  CHECK_FALSE(document_type_of("md", t));
}

TEST_CASE("Markdown: front matter lists, headings outside code fences, file name last") {
  Document d = read_document("---\ntitle: Plain\ntags:\n  - one\n  - \"two\"\nkeywords: three, four\n---\nBody\n",
                             DocumentType::markdown, "x.md");
  CHECK(d.title == "Plain");
  CHECK(d.tags == "one,two,three,four");
  CHECK(d.body == "Body");

  d = read_document("```\n# not a title\n```\n## Real title ##\ntext", DocumentType::markdown, "x.md");
  CHECK(d.title == "Real title");

  d = read_document("---\ntitle: never closed\nno end", DocumentType::markdown, "my_notes-file.md");
  CHECK(d.title == "my notes file");

  d = read_document("\xef\xbb\xbf# With BOM\n", DocumentType::markdown, "x.md");
  CHECK(d.title == "With BOM");
}

TEST_CASE("HTML: <title>, else <h1>, keywords and author from meta") {
  Document d = read_document("<HTML><HEAD><META NAME=\"author\" CONTENT=\"Bo &amp; Co\"></HEAD><BODY><H1>Big <i>one</i></H1></BODY></HTML>",
                             DocumentType::html, "x.html");
  CHECK(d.title == "Big one");
  CHECK(d.author == "Bo & Co");
  d = read_document("<p>no title at all</p>", DocumentType::html, "page.htm");
  CHECK(d.title == "page");
  CHECK(d.body == "no title at all");
}
