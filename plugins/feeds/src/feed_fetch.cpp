#include "feed_fetch.hpp"

#include <utility>
#include <vector>

#include "feed_parser.hpp"
#include "trellis/connector_kit/text.hpp"

namespace trellis::feeds {
namespace kit = trellis::connector_kit;

namespace {
constexpr int kMaxRedirects = 4;

bool is_redirect(int status) { return status == 301 || status == 302 || status == 303 || status == 307 || status == 308; }
}  // namespace

bool fetch_feed(const Host& host, const std::string& url, const FeedValidators& last, uint32_t timeout_ms,
                const Cancel& cancel, FetchedFeed& out, std::string& why) {
  std::vector<std::pair<std::string, std::string>> headers;
  if (!last.etag.empty()) headers.emplace_back("If-None-Match", last.etag);
  if (!last.modified.empty()) headers.emplace_back("If-Modified-Since", last.modified);
  headers.emplace_back("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8");
  HttpResponse response;
  std::string at = url;
  for (int hop = 0;; ++hop) {
    try {
      response = host.http("GET", at, headers, {}, timeout_ms);
    } catch (const Error& e) {
      why = std::string("no answer (") + e.what() + ")";
      return false;
    }
    cancel.check();  // a slow answer may have outlived the call's deadline
    auto location = response.header("Location");
    if (!is_redirect(response.status) || !location) break;
    std::string next = absolute_http_url(kit::trim(*location), at);
    if (next.empty() || hop == kMaxRedirects) {
      why = "answered HTTP " + std::to_string(response.status) + " with " +
            (next.empty() ? "no usable Location" : "too many redirects");
      return false;
    }
    at = next;
  }
  if (response.status == 304) {
    out.unchanged = true;
    out.validators = last;
    return true;
  }
  if (response.status != 200) {
    why = "answered HTTP " + std::to_string(response.status);
    return false;
  }
  out.body = std::move(response.body);
  if (auto etag = response.header("ETag")) out.validators.etag = kit::repair_utf8(*etag);
  if (auto modified = response.header("Last-Modified")) out.validators.modified = kit::repair_utf8(*modified);
  return true;
}

}  // namespace trellis::feeds
