// For the importer benchmarks: whether a timed import (run with parse_course
// false, so the test host's JSON parse is not what is timed) produced the whole
// course the untimed check run produced.
#pragma once

#include "trellis/testing/importer.hpp"

namespace trellis::bench {

// A streamed course must send every node and resource the check run parsed; a
// course handed over whole must be the same text as the check run's.
inline bool same_course(const testing::ImportOutcome& run, const testing::ImportOutcome& check) {
  if (run.errors() != 0 || !run.has_course) return false;
  if (check.streamed) return run.streamed && run.parts == check.parts && check.parts > 0;
  return !run.streamed && run.course_json == check.course_json;
}

}  // namespace trellis::bench
