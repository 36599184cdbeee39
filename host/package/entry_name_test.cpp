#include <catch2/catch.hpp>

#include "package/entry_name.hpp"
#include "core/utf8.hpp"

using trellis::is_valid_utf8;
using trellis::package::normalise_entry_name;

TEST_CASE("entry names are normalised to clean relative paths") {
  CHECK(normalise_entry_name("a/./b//c.html").value() == "a/b/c.html");
  CHECK(normalise_entry_name("dir/").value() == "dir/");
  CHECK(normalise_entry_name("win\\style\\file.txt").value() == "win/style/file.txt");
  CHECK(normalise_entry_name("caf\xC3\xA9/menu.html").value() == "caf\xC3\xA9/menu.html");
}

TEST_CASE("entry names that escape the package or are not UTF-8 are refused, naming the rule") {
  auto message = [](std::string_view raw) { return normalise_entry_name(raw).error().message; };
  CHECK_THAT(message("../evil.sh"), Catch::Contains("'..'"));
  CHECK_THAT(message("a/../../evil.sh"), Catch::Contains("path traversal"));
  CHECK_THAT(message("..\\..\\evil.bat"), Catch::Contains("path traversal"));
  CHECK_THAT(message("/etc/passwd"), Catch::Contains("absolute path"));
  CHECK_THAT(message("C:/Windows/evil.dll"), Catch::Contains("drive-letter"));
  CHECK_THAT(message(std::string("a\0b", 3)), Catch::Contains("control character"));
  CHECK_THAT(message("caf\x82.html"), Catch::Contains("not valid UTF-8"));
  CHECK_THAT(message("./"), Catch::Contains("no path components"));
}

TEST_CASE("UTF-8 validation rejects overlong forms and surrogates") {
  CHECK(is_valid_utf8("plain"));
  CHECK(is_valid_utf8("\xE2\x82\xAC"));
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(is_valid_utf8("\xE2\x82"));          // truncated
}
