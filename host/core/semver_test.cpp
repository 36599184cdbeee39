#include <catch2/catch.hpp>

#include "core/semver.hpp"

using namespace trellis;

TEST_CASE("Semantic versions parse and order", "[core][semver]") {
  CHECK(parse_semver("1.2.3").value() < parse_semver("1.10.0").value());
  CHECK(parse_semver("1.0.0-beta").value() < parse_semver("1.0.0").value());
  CHECK_FALSE(parse_semver("1.2"));
  CHECK_FALSE(parse_semver("01.2.3"));
  CHECK_FALSE(parse_semver("x.y.z"));
}

TEST_CASE("Version ranges", "[core][semver]") {
  auto v = parse_semver("0.3.1").value();
  CHECK(satisfies(v, "*").value());
  CHECK(satisfies(v, ">=0.1.0 <1.0.0").value());
  CHECK_FALSE(satisfies(v, ">=0.4.0").value());
  CHECK(satisfies(v, "^0.3").value());
  CHECK_FALSE(satisfies(v, "^0.2").value());
  CHECK(satisfies(v, "~0.3.0").value());
  CHECK(satisfies(v, "0.3").value());
  CHECK_FALSE(satisfies(v, "0.3.2").value());
  CHECK_FALSE(satisfies(v, ">>1"));
}
