#include <catch2/catch.hpp>

#include <fstream>

#include "http/server/file_ranges.hpp"
#include "support.hpp"

using namespace trellis::http;
using namespace trellis::http::detail;

TEST_CASE("Byte ranges: first-last, open-ended, suffix, and what is ignored", "[ranges]") {
  ByteRange r;
  REQUIRE(parse_range("bytes=0-99", 1000, r) == RangeVerdict::partial);
  CHECK((r.first == 0 && r.length == 100));
  REQUIRE(parse_range("bytes=900-", 1000, r) == RangeVerdict::partial);
  CHECK((r.first == 900 && r.length == 100));
  REQUIRE(parse_range("bytes=-10", 1000, r) == RangeVerdict::partial);
  CHECK((r.first == 990 && r.length == 10));
  REQUIRE(parse_range("bytes=-5000", 1000, r) == RangeVerdict::partial);
  CHECK((r.first == 0 && r.length == 1000));
  REQUIRE(parse_range("bytes=990-5000", 1000, r) == RangeVerdict::partial);
  CHECK(r.length == 10);
  CHECK(parse_range("bytes=1000-", 1000, r) == RangeVerdict::unsatisfiable);
  CHECK(parse_range("bytes=-0", 1000, r) == RangeVerdict::unsatisfiable);
  CHECK(parse_range("bytes=0-1,5-6", 1000, r) == RangeVerdict::whole);
  CHECK(parse_range("items=0-1", 1000, r) == RangeVerdict::whole);
  CHECK(parse_range("bytes=9-3", 1000, r) == RangeVerdict::whole);
  CHECK(parse_range("bytes=x-3", 1000, r) == RangeVerdict::whole);
}

TEST_CASE("A file plan answers 200, 206, 304, 416 and 404", "[ranges]") {
  trellis::testing::TempDir dir;
  auto path = dir.path() / "page.html";
  std::ofstream(path) << std::string(500, 'x');
  Headers none;
  auto whole = plan_file_response(path, none, false);
  CHECK(whole.status == 200);
  CHECK(whole.length == 500);
  CHECK(whole.fd >= 0);
  std::string etag = whole.headers.get("ETag");
  CHECK_FALSE(etag.empty());

  Headers ranged;
  ranged.set("Range", "bytes=100-199");
  auto part = plan_file_response(path, ranged, false);
  CHECK(part.status == 206);
  CHECK((part.offset == 100 && part.length == 100));
  CHECK(part.headers.get("Content-Range") == "bytes 100-199/500");

  Headers stale_range = ranged;
  stale_range.set("If-Range", "\"other\"");
  CHECK(plan_file_response(path, stale_range, false).status == 200);

  Headers cached;
  cached.set("If-None-Match", "\"nope\", " + etag);
  auto not_modified = plan_file_response(path, cached, false);
  CHECK(not_modified.status == 304);
  CHECK(not_modified.fd < 0);

  Headers past;
  past.set("Range", "bytes=600-");
  auto beyond = plan_file_response(path, past, false);
  CHECK(beyond.status == 416);
  CHECK(beyond.headers.get("Content-Range") == "bytes */500");

  CHECK(plan_file_response(dir.path() / "missing", none, false).status == 404);
  CHECK(plan_file_response(dir.path(), none, false).status == 404);  // a folder is not a file
  CHECK(plan_file_response(path, none, true).fd < 0);                // HEAD reads nothing
}
