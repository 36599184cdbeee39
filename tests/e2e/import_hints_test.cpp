// Refusals that tell the designer what to do: the bundled importers' near misses
// (a manifest under another name) reach `trellis import`'s message, and a
// package holding only cmi5.xml is a package, so a missing AU file is named.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "bundled_importers.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace trellis;

namespace {

std::string cmi5_with_url(const std::string& url) {
  return testing::one_au_course_structure("https://example.org/hint", url);
}

fs::path folder_with(const fs::path& dir, const std::string& name,
                     const std::vector<std::pair<std::string, std::string>>& files) {
  fs::create_directories(dir / name);
  for (const auto& [path, content] : files) testing::write_file(dir / name / path, content);
  return dir / name;
}

}  // namespace

TEST_CASE("a manifest under another name is refused with a hint naming the file", "[e2e][catalog][hints]") {
  testing::TempDir dir;
  struct Case {
    const char* folder;
    std::string file, content, hint;
  };
  const std::vector<Case> cases = {
      {"cmi5", "extended-cmi5.xml", cmi5_with_url("https://cdn.example.org/au"),
       "found extended-cmi5.xml with a cmi5 courseStructure root: import that file, or rename it cmi5.xml"},
      {"scorm", "course-manifest.xml",
       "<manifest identifier=\"m\" xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"><organizations/></manifest>",
       "found course-manifest.xml with an IMS content package <manifest> root: rename it imsmanifest.xml"},
      {"tincan", "golf.xml", "<tincan xmlns=\"http://projecttincan.com/tincan.xsd\"><activities/></tincan>",
       "found golf.xml with a TinCan <tincan> root: rename it tincan.xml"}};
  for (const Case& c : cases) {
    INFO(c.folder);
    fs::path folder = folder_with(dir.path(), c.folder, {{c.file, c.content}, {"index.html", "<html></html>"}});
    auto r = testing::run_trellis(dir / "home", {"import", folder.string()}, testing::kBundledImporters);
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("import.format-unknown") && Catch::Contains("formats tried") &&
                          Catch::Contains(c.hint));
    // Both SCORM importers see the near miss; the refusal says it once.
    CHECK(r.err.find(c.hint) == r.err.rfind(c.hint));
  }
  auto plain = testing::run_trellis(
      dir / "home", {"import", folder_with(dir.path(), "plain", {{"notes.md", "# notes"}}).string()}, testing::kBundledImporters);
  CHECK(plain.exit_code == 1);
  CHECK_THAT(plain.err, !Catch::Contains("found "));
}

TEST_CASE("a folder holding only cmi5.xml is a package whose missing AU file is named", "[e2e][catalog][cmi5]") {
  testing::TempDir dir;
  fs::path folder = folder_with(dir.path(), "course", {{"cmi5.xml", cmi5_with_url("lesson/index.html")}});
  auto r = testing::run_trellis(dir / "home", {"import", folder.string(), "--json"}, testing::kBundledImporters);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("cmi5.au.url.file-missing") && Catch::Contains("'https://example.org/hint/au'") &&
                        Catch::Contains("'lesson/index.html'") && !Catch::Contains("relative-without-package"));
  // The same file on its own is a bare course structure: there the url must be absolute.
  auto bare = testing::run_trellis(dir / "home", {"import", (folder / "cmi5.xml").string()}, testing::kBundledImporters);
  CHECK(bare.exit_code == 1);
  CHECK_THAT(bare.err, Catch::Contains("cmi5.au.url.relative-without-package"));
}
