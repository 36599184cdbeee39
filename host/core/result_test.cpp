#include <catch2/catch.hpp>

#include "core/result.hpp"

using namespace trellis;

namespace {
Result<int> half(int v) {
  if (v % 2 != 0) return make_error(ErrorKind::invalid_input, "odd");
  return v / 2;
}
Result<int> quarter(int v) {
  auto h = half(v);
  if (!h) return h.error();
  return half(h.value());
}
Status check_even(int v) {
  TRELLIS_TRY(half(v));
  return {};
}
}  // namespace

TEST_CASE("Result carries a value or an error", "[core]") {
  CHECK(quarter(8).value() == 2);
  auto r = quarter(6);
  REQUIRE_FALSE(r);
  CHECK(r.error().message == "odd");
  CHECK(check_even(4).ok());
  CHECK_FALSE(check_even(3).ok());
}

TEST_CASE("ErrorKind maps to the CLI's exit codes", "[core]") {
  CHECK(make_error(ErrorKind::invalid_input, "").exit_code() == 1);
  CHECK(make_error(ErrorKind::not_found, "").exit_code() == 1);
  CHECK(make_error(ErrorKind::conflict, "").exit_code() == 1);
  CHECK(make_error(ErrorKind::usage, "").exit_code() == 2);
  CHECK(make_error(ErrorKind::environment, "").exit_code() == 3);
  CHECK(make_error(ErrorKind::internal, "").exit_code() == 3);
}
