// The xAPI value checks, form by form, and the long values that once crashed
// the server (std::regex recursion): each must now be answered, not overflow.
#include <catch2/catch.hpp>

#include <string>

#include "xapi/identifiers.hpp"
#include "xapi/timestamp.hpp"
#include "xapi/xapi_version.hpp"

using namespace trellis::xapi;

namespace {
const std::string k30k(30000, 'a');
const std::string k50k(50000, '1');
}  // namespace

TEST_CASE("UUIDs: 8-4-4-4-12 hex digits in either case") {
  CHECK(is_uuid("01234567-89ab-cdef-0123-456789ABCDEF"));
  CHECK_FALSE(is_uuid("01234567-89ab-cdef-0123-456789abcde"));     // short
  CHECK_FALSE(is_uuid("01234567-89ab-cdef-0123-456789abcdef0"));   // long
  CHECK_FALSE(is_uuid("0123456789ab-cdef-0123-456789abcdef-"));    // dashes misplaced
  CHECK_FALSE(is_uuid("01234567-89ab-cdef-0123-456789abcdeg"));    // not hex
  CHECK_FALSE(is_uuid(""));
  CHECK_FALSE(is_uuid(std::string(36000, 'a')));
}

TEST_CASE("IRIs: scheme - colon - then no excluded character") {
  for (const char* ok : {"http://example.com/verbs/did", "urn:x", "a+b.c-d:x", "mailto:a@b", "x:a:b:c", "h:\x80\xff"})
    CHECK(is_iri(ok));
  for (const char* bad : {"", ":x", "1http://x", "http:", "no scheme", "ht tp://x", "http://a b", "http://a\tb",
                          "http://x<", "http://x>", "http://x\"", "http://x{", "http://x}", "http://x|", "http://x\\",
                          "http://x^", "http://x`", "h_t:x", "http://x\n"})
    CHECK_FALSE(is_iri(bad));
  CHECK(is_iri("http://example.com/" + k30k));  // a 30,000-character verb id
  CHECK_FALSE(is_iri("http://example.com/" + k30k + " "));
  CHECK_FALSE(is_iri(k30k));
}

TEST_CASE("language tags: 1-8 letters - then '-' and 1-8 letters or digits") {
  for (const char* ok : {"en", "en-US", "zh-Hant-TW", "abcdefgh-12345678", "x-1"}) CHECK(is_language_tag(ok));
  for (const char* bad : {"", "-", "en-", "-en", "en--US", "abcdefghi", "en-123456789", "1en", "en_US", "en US"})
    CHECK_FALSE(is_language_tag(bad));
  std::string many = "en";
  for (int i = 0; i < 10000; ++i) many += "-abc";
  CHECK(is_language_tag(many));
  CHECK_FALSE(is_language_tag(many + "-"));
}

TEST_CASE("mbox: mailto: and an address with one '@' and no whitespace") {
  for (const char* ok : {"mailto:a@b", "mailto:ana.smith+x@example.org", "mailto:a:b@c:d"}) CHECK(is_mailto_iri(ok));
  for (const char* bad : {"", "mailto:", "mailto:@b", "mailto:a@", "mailto:a@b@c", "mailto:a b@c", "mailto:a@b\n",
                          "MAILTO:a@b", "a@b", "mailto:ab"})
    CHECK_FALSE(is_mailto_iri(bad));
  CHECK(is_mailto_iri("mailto:" + std::string(50000, 'a') + "@example.org"));
  CHECK_FALSE(is_mailto_iri("mailto:" + std::string(50000, 'a')));
  CHECK_FALSE(is_mailto_iri("mailto:" + std::string(50000, '@')));
}

TEST_CASE("mbox_sha1sum: exactly 40 hex digits") {
  CHECK(is_sha1_hex(std::string(40, 'a')));
  CHECK(is_sha1_hex("0123456789abcdefABCDEF0123456789abcdef01"));
  CHECK_FALSE(is_sha1_hex(std::string(39, 'a')));
  CHECK_FALSE(is_sha1_hex(std::string(41, 'a')));
  CHECK_FALSE(is_sha1_hex(std::string(39, 'a') + "g"));
  CHECK_FALSE(is_sha1_hex(std::string(50000, 'a')));
}

TEST_CASE("media types: type/subtype - then optional whitespace - semicolon and parameters") {
  for (const char* ok : {"text/plain", "application/vnd.a+json", "text/plain;charset=utf-8", "text/plain ; x",
                         "a/b;", "!#$&^_.+-/!#$&^_.+-", "a/b\t;\"quoted\" anything \x80"})
    CHECK(is_media_type(ok));
  for (const char* bad : {"", "text", "/plain", "text/", "text/plain x", "text /plain", "text/pl ain", "a/b;x\ny",
                          "a/b;\r", "a/b/c", "a/b ", "t\xe9xt/plain"})
    CHECK_FALSE(is_media_type(bad));
  CHECK(is_media_type("application/" + k30k + ";" + k30k));
  CHECK_FALSE(is_media_type("application/" + k30k + "\n"));
}

TEST_CASE("versions: 1.0 or 2.0 - optionally '.' and a patch number") {
  CHECK(parse_version_header("1.0") == XapiVersion::v1_0);
  CHECK(parse_version_header("1.0.3") == XapiVersion::v1_0);
  CHECK(parse_version_header("1.0.12") == XapiVersion::v1_0);
  CHECK(parse_version_header("2.0") == XapiVersion::v2_0);
  CHECK(parse_version_header("2.0.0") == XapiVersion::v2_0);
  for (const char* bad : {"", "1", "1.", "1.0.", "1.1", "1.0.a", "1.0.0.0", "3.0", "2.0x", " 1.0", "1.00"})
    CHECK_FALSE(parse_version_header(bad).has_value());
  CHECK(parse_version_header("1.0." + k50k) == XapiVersion::v1_0);
  CHECK_FALSE(parse_version_header("1.0." + k50k + "x").has_value());
}

TEST_CASE("durations: ISO 8601 as xAPI takes them") {
  for (const char* ok : {"P1Y", "P1M", "P1D", "PT1H", "PT1M", "PT1S", "P1Y2M3DT4H5M6S", "PT1.5S", "P0.5Y", "P3W",
                         "P1.25W", "P1DT1S", "PT0S"})
    CHECK(is_duration(ok));
  for (const char* bad : {"", "P", "PT", "P1DT", "T1S", "P1", "PT1", "P1S", "P1H", "P1M1Y", "PT1S1M", "P1Y1Y", "P1.Y",
                          "P.5Y", "P1W1D", "P1DT1W", "PW", "PT1H ", "p1Y", "P1YT1HT1M", "P-1Y"})
    CHECK_FALSE(is_duration(bad));
  CHECK(is_duration("PT" + k50k + "S"));  // a 50,000-character duration
  CHECK(is_duration("P" + k50k + "." + k50k + "W"));
  CHECK_FALSE(is_duration("P" + k50k));
  CHECK_FALSE(is_duration("PT" + k50k + "X"));
}

TEST_CASE("timestamps: the forms - offsets and fractions") {
  auto z = parse_timestamp("2020-01-02T03:04:05Z");
  REQUIRE(z);
  CHECK(z->has_offset);
  CHECK(format_timestamp(z->micros) == "2020-01-02T03:04:05.000000Z");
  auto frac = parse_timestamp("2020-01-02t03:04:05.1234567z");
  REQUIRE(frac);
  CHECK(format_timestamp(frac->micros) == "2020-01-02T03:04:05.123456Z");
  auto local = parse_timestamp("2020-01-02T03:04:05");
  REQUIRE(local);
  CHECK_FALSE(local->has_offset);
  for (const char* off : {"2020-01-02T05:34:05+02:30", "2020-01-02T05:34:05+0230"}) {
    auto t = parse_timestamp(off);
    REQUIRE(t);
    CHECK(t->micros == z->micros);  // 05:34:05 at +02:30 is 03:04:05 UTC
  }
  auto hours = parse_timestamp("2020-01-02T01:04:05-02");
  REQUIRE(hours);
  CHECK(hours->micros == z->micros);
  CHECK(parse_timestamp("2020-01-02T03:04:05-00:00")->negative_zero_offset);
  CHECK_FALSE(parse_timestamp("2020-01-02T03:04:05+00:00")->negative_zero_offset);
  CHECK(parse_timestamp("2016-12-31T23:59:60Z"));  // a leap second
  CHECK(parse_timestamp("2020-02-29T00:00:00Z"));  // 2020 is a leap year
  CHECK(parse_timestamp("2000-02-29T00:00:00Z"));  // so is 2000 (divisible by 400)
  CHECK(parse_timestamp("2020-01-02T03:04:05+23:59"));
  // Days the calendar does not have, which timegm would have moved elsewhere.
  for (const char* not_a_day : {"2020-00-10T00:00:00Z", "2021-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
                                "2020-04-31T00:00:00Z", "2020-02-30T00:00:00Z", "2020-01-02T03:04:05+24:00",
                                "2020-01-02T03:04:05+02:60"})
    CHECK_FALSE(parse_timestamp(not_a_day));
  for (const char* bad : {"", "2020-01-02", "2020-01-02T03:04", "2020-1-02T03:04:05Z", "2020-01-02 03:04:05Z",
                          "2020-13-02T03:04:05Z", "2020-01-00T03:04:05Z", "2020-01-32T03:04:05Z", "2020-01-02T24:04:05Z",
                          "2020-01-02T03:60:05Z", "2020-01-02T03:04:61Z", "2020-01-02T03:04:05.Z", "2020-01-02T03:04:05ZZ",
                          "2020-01-02T03:04:05+2", "2020-01-02T03:04:05+02:", "2020-01-02T03:04:05+02:3",
                          "2020-01-02T03:04:05+023", "2020-01-02T03:04:05+02:300", "2020-01-02T03:04:05 Z",
                          "2020-01-02T03:04:05X", "2020-01-02T03:04:05.5+", "x2020-01-02T03:04:05Z"})
    CHECK_FALSE(parse_timestamp(bad));
}

TEST_CASE("a timestamp with 100000 fraction digits is parsed - not a crash") {
  std::string digits(100000, '9');
  auto t = parse_timestamp("2020-01-02T03:04:05." + digits + "Z");
  REQUIRE(t);
  CHECK(format_timestamp(t->micros) == "2020-01-02T03:04:05.999999Z");
  CHECK_FALSE(parse_timestamp("2020-01-02T03:04:05." + digits + "Q"));
}
