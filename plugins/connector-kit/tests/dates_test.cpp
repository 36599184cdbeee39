#include <catch2/catch.hpp>

#include "trellis/connector_kit/dates.hpp"

using namespace trellis::connector_kit;

TEST_CASE("RFC 822 dates as feeds write them") {
  CHECK(any_date_as_rfc3339("Tue, 10 Jun 2003 04:00:00 GMT") == "2003-06-10T04:00:00Z");
  CHECK(any_date_as_rfc3339("Tue, 10 Jun 2003 04:00:00 +0200") == "2003-06-10T02:00:00Z");
  CHECK(any_date_as_rfc3339("10 Jun 03 04:00 EST") == "2003-06-10T09:00:00Z");
  CHECK(any_date_as_rfc3339("Wed, 1 january 2025 23:59:60 -0130") == "2025-01-02T01:29:59Z");
  CHECK_FALSE(parse_rfc822("Tue, 31 Feb 2003 04:00:00 GMT"));
  CHECK_FALSE(parse_rfc822("Tue, 10 Jun 2003 04:00:00 Mars"));
  CHECK_FALSE(parse_rfc822("yesterday"));
}

TEST_CASE("RFC 3339 dates, with offsets, fractions or just a date") {
  CHECK(any_date_as_rfc3339("2003-12-13T18:30:02Z") == "2003-12-13T18:30:02Z");
  CHECK(any_date_as_rfc3339("2003-12-13T18:30:02.25+01:00") == "2003-12-13T17:30:02Z");
  CHECK(any_date_as_rfc3339("2003-12-13") == "2003-12-13T00:00:00Z");
  CHECK(any_date_as_rfc3339("2003-12-13 18:30") == "2003-12-13T18:30:00Z");
  CHECK(any_date_as_rfc3339("2003-13-13T18:30:02Z").empty());
  CHECK(any_date_as_rfc3339("2003-12-13T18:30:02Zjunk").empty());
  CHECK(any_date_as_rfc3339("").empty());
}
