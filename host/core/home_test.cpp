#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "core/home.hpp"

namespace fs = std::filesystem;

TEST_CASE("Home creates its folders and refuses a file in its place", "[core]") {
  fs::path base = fs::temp_directory_path() / ("trellis-home-test-" + std::to_string(::getpid()));
  fs::remove_all(base);
  auto home = trellis::Home::open(base / "h");
  REQUIRE(home);
  CHECK(fs::is_directory(home->plugins()));
  CHECK(fs::is_directory(home->tmp()));
  CHECK(home->database() == base / "h" / "trellis.db");
  CHECK((fs::status(base / "h").permissions() & fs::perms::others_all) == fs::perms::none);

  std::ofstream(base / "file") << "x";
  auto bad = trellis::Home::open(base / "file");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().exit_code() == 3);
  CHECK(bad.error().message.find("not a folder") != std::string::npos);
  fs::remove_all(base);
}
