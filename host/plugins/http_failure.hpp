// Why an outgoing HTTP request got no response, in words an admin can act on
// ("connection refused", "TLS handshake failed", "timed out after 10 s"), for
// plugins to pass on instead of a bare status number.
#pragma once

#include <chrono>
#include <string>

#include <httplib.h>

namespace trellis::plugins {

// `origin`: scheme://host:port asked; `elapsed` and `timeout`: how long the
// request took and was allowed (a read error near the timeout is a timeout).
std::string http_failure_reason(httplib::Error error, const std::string& origin, std::chrono::milliseconds elapsed,
                                std::chrono::milliseconds timeout);

}  // namespace trellis::plugins
