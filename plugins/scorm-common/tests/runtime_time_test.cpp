// SCORM's time formats as both runtimes read and write them.
#include <catch2/catch.hpp>

#include "scorm_time.hpp"

using namespace trellis::scorm::rt;

TEST_CASE("ISO 8601 durations parse to seconds and back", "[scorm][runtime][time]") {
  CHECK(parse_iso_duration("PT1H2M3.5S") == Approx(3723.5));
  CHECK(parse_iso_duration("P1DT1S") == Approx(86401));
  CHECK(parse_iso_duration("PT0S") == 0);
  CHECK(parse_iso_duration("P1Y") == Approx(365 * 86400.0));
  for (const char* bad : {"", "P", "PT", "PT1", "1H", "PT1S2M", "PT1.5H", "P1S", "PT-1S", "PT1H1H"}) {
    INFO(bad);
    CHECK_FALSE(parse_iso_duration(bad).has_value());
  }
  CHECK(format_iso_duration(0) == "PT0S");
  CHECK(format_iso_duration(3723.5) == "PT1H2M3.5S");
  CHECK(format_iso_duration(7200) == "PT2H");
  CHECK(format_iso_duration(0.25) == "PT0.25S");
}

TEST_CASE("SCORM 1.2 timespans and times of day", "[scorm][runtime][time]") {
  CHECK(parse_cmi_timespan("0001:02:03.50") == Approx(3723.5));
  CHECK(parse_cmi_timespan("00:10:00") == Approx(600));
  CHECK_FALSE(parse_cmi_timespan("0:10:00").has_value());
  CHECK_FALSE(parse_cmi_timespan("00:60:00").has_value());
  CHECK_FALSE(parse_cmi_timespan("00:10:00.123").has_value());
  CHECK(format_cmi_timespan(3723.5) == "0001:02:03.50");
  CHECK(format_cmi_timespan(0) == "0000:00:00.00");
  CHECK(is_cmi_time("23:59:59.9"));
  CHECK_FALSE(is_cmi_time("24:00:00"));
}

TEST_CASE("SCORM 2004 timestamps", "[scorm][runtime][time]") {
  CHECK(is_iso_timestamp("2026"));
  CHECK(is_iso_timestamp("2026-12-04T13:00:00.5Z"));
  CHECK(is_iso_timestamp("2026-12-04T13:00:00+01:00"));
  CHECK_FALSE(is_iso_timestamp("2026-12-04T13:00+01:00"));  // a zone only after seconds
  CHECK_FALSE(is_iso_timestamp("2026-13-01"));
  CHECK_FALSE(is_iso_timestamp("1969-01-01"));
  CHECK_FALSE(is_iso_timestamp("yesterday"));
}
