// Catch2 checks every importer test makes on an ImportOutcome.
#pragma once

#include <catch2/catch.hpp>

#include "trellis/testing/importer.hpp"

namespace trellis::testing {

// Rejected (an error) and by this rule in particular, with a message.
inline void expect_rejected(const ImportOutcome& out, const std::string& code) {
  INFO(out.summary());
  CHECK(out.rejected());
  REQUIRE(out.has_code(code));
  CHECK(out.find(code)->severity == 2);
  CHECK(!out.find(code)->message.empty());
}

// Ran to the end, no error, and a course model was handed over.
inline void expect_clean(const ImportOutcome& out) {
  INFO(out.summary());
  CHECK(out.status == 0);
  CHECK(out.errors() == 0);
  CHECK(out.has_course);
}

}  // namespace trellis::testing
