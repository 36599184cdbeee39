#include <catch2/catch.hpp>

#include "core/closest_name.hpp"

using trellis::closest_name;

TEST_CASE("closest_name proposes the known name a slip came from and nothing for another word", "[core]") {
  std::vector<std::string> known{"connector.sync_interval", "connector.timeout_ms", "import.max_entries"};
  CHECK(closest_name("conector.sync_interval", known) == std::optional<std::string>("connector.sync_interval"));
  CHECK(closest_name("connector.tiemout_ms", known) == std::optional<std::string>("connector.timeout_ms"));
  CHECK_FALSE(closest_name("colour", known).has_value());
  CHECK(trellis::edit_distance("ab", "ba") == 1);
  CHECK(trellis::edit_distance("", "abc") == 3);
}
