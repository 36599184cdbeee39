#include <catch2/catch.hpp>
#include <zip.h>

#include "package/package.hpp"
#include "support.hpp"
#include "zip_writer.hpp"

namespace fs = std::filesystem;
using namespace trellis;
using testing::ZipSpec;

namespace {

// A deflated zip written by libzip (the honest way), for ratio and size tests.
void write_deflated_zip(const fs::path& file, const std::vector<std::pair<std::string, std::string>>& files) {
  int err = 0;
  zip_t* z = zip_open(file.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  REQUIRE(z != nullptr);
  for (const auto& [name, data] : files) {
    zip_source_t* src = zip_source_buffer(z, data.data(), data.size(), 0);
    REQUIRE(zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8) >= 0);
  }
  REQUIRE(zip_close(z) == 0);
}

std::string refusal(const fs::path& path, const package::Limits& limits = {}) {
  auto opened = package::open_package(path, limits);
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().kind == ErrorKind::invalid_input);
  return opened.error().message;
}

}  // namespace

TEST_CASE("a zip with a nested top folder and Mac clutter opens with notices") {
  testing::TempDir dir;
  testing::write_zip(dir / "p.zip", {{"course/imsmanifest.xml", "<m/>"},
                                     {"course/sco/index.html", "<html/>"},
                                     {"__MACOSX/course/._index.html", "junk"},
                                     {"course/.DS_Store", "junk"}});
  auto opened = package::open_package(dir / "p.zip", {});
  REQUIRE(opened.ok());
  const auto& pkg = *opened.value();
  REQUIRE(pkg.entries().size() == 2);
  CHECK(pkg.entries()[0].path == "imsmanifest.xml");
  CHECK(pkg.find("sco/index.html") != nullptr);
  CHECK(pkg.read_all(*pkg.find("sco/index.html"), 1000).value() == "<html/>");
  REQUIRE(pkg.notices().size() == 2);
  CHECK(pkg.notices()[0].code == "package.clutter-ignored");
  CHECK(pkg.notices()[1].code == "package.nested-root");
}

TEST_CASE("hostile zip entries are refused with the entry and the rule named") {
  testing::TempDir dir;
  auto zip = [&](std::vector<ZipSpec> entries) {
    testing::write_zip(dir / "h.zip", entries);
    return refusal(dir / "h.zip");
  };
  CHECK_THAT(zip({{"ok.txt", "x"}, {"../../evil.sh", "x"}}), Catch::Contains("'../../evil.sh'") && Catch::Contains("traversal"));
  CHECK_THAT(zip({{"/tmp/evil.sh", "x"}}), Catch::Contains("absolute path"));
  CHECK_THAT(zip({{"C:\\evil.dll", "x"}}), Catch::Contains("drive-letter"));
  CHECK_THAT(zip({{"link", "/etc/passwd", 0120777}}), Catch::Contains("'link'") && Catch::Contains("symbolic link"));
  CHECK_THAT(zip({{"a.txt", "1"}, {"a.txt", "2"}}), Catch::Contains("'a.txt'") && Catch::Contains("duplicate name"));
  CHECK_THAT(zip({{"A.txt", "1"}, {"a.txt", "2"}}), Catch::Contains("letter case"));
  CHECK_THAT(zip({{"x/./a.txt", "1"}, {"x/a.txt", "2"}}), Catch::Contains("duplicate name"));
  CHECK_THAT(zip({{"secret.txt", "x", 0100644, true, true}}), Catch::Contains("encrypted"));
  CHECK_THAT(zip({{"caf\x82.html", "x", 0100644, false}}), Catch::Contains("not valid UTF-8"));
  CHECK_THAT(zip({{"a", "file"}, {"a/b", "x"}}), Catch::Contains("both a file and the folder"));
  CHECK_THAT(zip({{"fifo", "", 0010644}}), Catch::Contains("not a regular file"));
}

TEST_CASE("unix permission bits without a file type are an ordinary file") {
  // What Python's zipfile.writestr writes: mode 0600, no S_IFREG.
  testing::TempDir dir;
  testing::write_zip(dir / "p.zip", {{"imsmanifest.xml", "<m/>", 0600}, {"index.html", "<html/>", 0644}});
  auto opened = package::open_package(dir / "p.zip", {});
  REQUIRE(opened.ok());
  CHECK(opened.value()->entries().size() == 2);
}

TEST_CASE("entry count, total size and compression ratio limits refuse zip bombs") {
  testing::TempDir dir;
  SECTION("too many entries") {
    std::vector<ZipSpec> many;
    for (int i = 0; i < 30; ++i) many.push_back({"f" + std::to_string(i), "x"});
    testing::write_zip(dir / "many.zip", many);
    package::Limits limits;
    limits.max_entries = 20;
    CHECK_THAT(refusal(dir / "many.zip", limits), Catch::Contains("30 entries") && Catch::Contains("import.max_entries"));
  }
  SECTION("one entry with a huge ratio") {
    write_deflated_zip(dir / "bomb.zip", {{"zeros.bin", std::string(4 << 20, '\0')}});
    CHECK_THAT(refusal(dir / "bomb.zip"), Catch::Contains("'zeros.bin'") && Catch::Contains("import.max_entry_ratio"));
  }
  SECTION("many moderately compressible entries over the overall ratio") {
    std::vector<std::pair<std::string, std::string>> files;
    std::string text;
    for (int i = 0; text.size() < 400000; ++i) text += "line " + std::to_string(i % 7) + " of a very repetitive page\n";
    for (int i = 0; i < 8; ++i) files.push_back({"p" + std::to_string(i) + ".txt", text});
    write_deflated_zip(dir / "ratio.zip", files);
    package::Limits limits;
    limits.max_total_ratio = 5;
    CHECK_THAT(refusal(dir / "ratio.zip", limits), Catch::Contains("overall compression ratio"));
  }
  SECTION("total uncompressed size") {
    testing::write_zip(dir / "big.zip", {{"a.bin", std::string(3000, 'a')}, {"b.bin", std::string(3000, 'b')}});
    package::Limits limits;
    limits.max_total_bytes = 5000;
    CHECK_THAT(refusal(dir / "big.zip", limits), Catch::Contains("'b.bin'") && Catch::Contains("import.max_total_bytes"));
  }
  SECTION("one entry over the per-file size") {
    testing::write_zip(dir / "one.zip", {{"a.bin", std::string(3000, 'a')}});
    package::Limits limits;
    limits.max_entry_bytes = 1000;
    CHECK_THAT(refusal(dir / "one.zip", limits), Catch::Contains("import.max_entry_bytes"));
  }
}

TEST_CASE("reads stop at the given limit") {
  testing::TempDir dir;
  testing::write_zip(dir / "p.zip", {{"big.txt", std::string(5000, 'x')}});
  auto opened = package::open_package(dir / "p.zip", {});
  REQUIRE(opened.ok());
  auto read = opened.value()->read_all(*opened.value()->find("big.txt"), 1000);
  REQUIRE_FALSE(read.ok());
  CHECK_THAT(read.error().message, Catch::Contains("read limit"));
}

TEST_CASE("folders: files are listed, symlinks refused") {
  testing::TempDir dir;
  testing::write_file(dir / "pkg/index.html", "<html/>");
  testing::write_file(dir / "pkg/sub/a.js", "1");
  auto opened = package::open_package(dir / "pkg", {});
  REQUIRE(opened.ok());
  CHECK(opened.value()->entries().size() == 2);
  CHECK(opened.value()->find("sub/a.js") != nullptr);
  fs::create_symlink("/etc/passwd", dir / "pkg/sub/passwd");
  CHECK_THAT(refusal(dir / "pkg"), Catch::Contains("'sub/passwd'") && Catch::Contains("symbolic link"));
}

TEST_CASE("a single file that is not a zip is a package of that one file, and a broken zip is refused") {
  testing::TempDir dir;
  testing::write_file(dir / "structure.xml", "<courseStructure/>");
  auto single = package::open_package(dir / "structure.xml", {});
  REQUIRE(single.ok());
  REQUIRE(single.value()->entries().size() == 1);
  CHECK(single.value()->entries()[0].path == "structure.xml");
  CHECK(single.value()->read_all(single.value()->entries()[0], 100).value() == "<courseStructure/>");
  testing::write_file(dir / "broken.zip", std::string("PK\x03\x04", 4) + "truncated");
  CHECK_THAT(refusal(dir / "broken.zip"), Catch::Contains("not a readable zip"));
  auto missing = package::open_package(dir / "absent.zip", {});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().kind == ErrorKind::not_found);
}

TEST_CASE("a single file keeps the name it was sent under and says it is one file") {
  testing::TempDir dir;
  testing::write_file(dir / "upload-123.zip", "<courseStructure/>");
  auto named = package::open_package(dir / "upload-123.zip", {}, "cmi5.xml");
  REQUIRE(named.ok());
  REQUIRE(named.value()->entries().size() == 1);
  CHECK(named.value()->entries()[0].path == "cmi5.xml");
  CHECK(named.value()->display_name() == "cmi5.xml");
  CHECK(named.value()->single_file());
  CHECK(named.value()->read_all(named.value()->entries()[0], 100).value() == "<courseStructure/>");
  // A folder holding only that file is a package, not a bare file.
  fs::create_directories(dir / "folder");
  testing::write_file(dir / "folder" / "cmi5.xml", "<courseStructure/>");
  auto folder = package::open_package(dir / "folder", {}, "ignored.xml");
  REQUIRE(folder.ok());
  CHECK(folder.value()->entries()[0].path == "cmi5.xml");
  CHECK_FALSE(folder.value()->single_file());
}

TEST_CASE("an entry whose header understates its size is stopped while reading") {
  testing::TempDir dir;
  ZipSpec liar{"liar.bin", std::string(5000, 'x')};
  liar.declared_size = 100;
  testing::write_zip(dir / "liar.zip", {liar});
  auto opened = package::open_package(dir / "liar.zip", {});
  if (!opened.ok()) {
    CHECK(opened.error().kind == ErrorKind::invalid_input);  // libzip may already refuse the headers
    return;
  }
  auto read = opened.value()->read_all(*opened.value()->find("liar.bin"), 1 << 20);
  REQUIRE_FALSE(read.ok());
  CHECK_THAT(read.error().message, Catch::Contains("'liar.bin'") && Catch::Contains("more bytes than its header declares"));
}
