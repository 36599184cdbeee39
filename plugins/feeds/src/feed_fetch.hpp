// One feed fetched through the host's http_request service: conditional GET
// with the validators of the last fetch, redirects followed (the host's client
// does not), the call's cancel checked after every answer.
#pragma once

#include <cstdint>
#include <string>

#include "trellis/cpp/core.hpp"
#include "trellis/cpp/host.hpp"

namespace trellis::feeds {

struct FeedValidators {
  std::string etag, modified;  // ETag and Last-Modified as the server sent them; empty when none
};

struct FetchedFeed {
  bool unchanged = false;  // 304: the validators still hold
  std::string body;        // the document, when it changed
  FeedValidators validators;
};

// False with `why` set when no usable answer came (no answer, an HTTP error,
// a redirect loop). Throws the cancel error when the call was cancelled.
bool fetch_feed(const Host& host, const std::string& url, const FeedValidators& last, uint32_t timeout_ms,
                const Cancel& cancel, FetchedFeed& out, std::string& why);

}  // namespace trellis::feeds
