// How a plugin's http_request URL is split, and how setting values are typed:
// both plain code over text that may be long and hostile.
#include <catch2/catch.hpp>

#include "plugins/http_url.hpp"
#include "plugins/manifest.hpp"
#include "plugins/setting_types.hpp"

using namespace trellis::plugins;

namespace {

std::string split(const std::string& url) {
  auto u = split_http_url(url);
  return u ? u->origin + " " + u->target : "-";
}

bool accepts(const std::string& type, const std::string& value, nlohmann::json default_value = "x") {
  SettingSpec spec{"s", type, std::move(default_value), "", false};
  return check_setting_value("p", spec, value).ok();
}

}  // namespace

TEST_CASE("http_request URLs split into origin and target") {
  CHECK(split("http://example.com") == "http://example.com /");
  CHECK(split("https://example.com/feed.xml?page=2") == "https://example.com /feed.xml?page=2");
  CHECK(split("HTTPS://Example.com:8443/x") == "https://Example.com:8443 /x");
  CHECK(split("http://h?q") == "http://h ?q");
  CHECK(split("http://[::1]:8080/p") == "http://[::1]:8080 /p");
  CHECK(split("http://[2001:db8::1]") == "http://[2001:db8::1] /");
  CHECK(split("http://h:65535/") == "http://h:65535 /");
}

TEST_CASE("http_request URLs that are refused") {
  for (const char* bad : {"", "ftp://h/", "http:/h", "http://", "http:///p", "http://h/p#frag", "http://h:/p",
                          "http://h:abc/p", "http://h:65536/", "http://h:123456/", "http://h:80x", "http://[/p",
                          "http://[]/p", "https://http://x"})
    CHECK(split(bad) == "-");
  CHECK(split("http://" + std::string(255, 'h') + "/") != "-");
  CHECK(split("http://" + std::string(256, 'h') + "/") == "-");
  // Long paths are fine, in one pass.
  CHECK(split("http://h/" + std::string(100000, 'p')).size() == 100000 + 10);
}

TEST_CASE("integer and url setting values") {
  CHECK(accepts("integer", "0"));
  CHECK(accepts("integer", "-123456789012345678"));
  CHECK_FALSE(accepts("integer", "1234567890123456789"));
  CHECK_FALSE(accepts("integer", ""));
  CHECK_FALSE(accepts("integer", "-"));
  CHECK_FALSE(accepts("integer", "1.5"));
  CHECK_FALSE(accepts("integer", " 1"));
  CHECK_FALSE(accepts("integer", std::string(100000, '1')));
  CHECK(accepts("url", "https://w.test"));
  CHECK(accepts("url", "HTTP://w.test/ab"));
  for (const char* bad : {"no", "https://", "http:// x", "http:///x", "http://.x", "http://?x", "http://#x",
                          "http://$x", "http://x y", "ftp://x", "http://x\n"})
    CHECK_FALSE(accepts("url", bad));
  CHECK(accepts("url", "https://w.test/" + std::string(100000, 'u')));
  CHECK_FALSE(accepts("url", "https://w.test/" + std::string(100000, 'u') + " "));
  CHECK(accepts("url", "", ""));  // an optional URL is unset with ""
  CHECK_FALSE(accepts("url", "", "https://default.test"));
}
