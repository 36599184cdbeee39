// A native thread as a page a browser shows: what a search result's URL for a
// thread or a reply opens (/api/v1/threads/{id}, #post-id for a reply) when the
// browser asks for HTML. Scripts and API clients asking for JSON get JSON.
#pragma once

#include <string>

#include "community/community_service.hpp"
#include "http/server/request.hpp"

namespace trellis {

// True when the Accept header names text/html before any JSON type (a browser
// navigating); false for no Accept header, */* and application/json.
bool wants_html(const http::Request& req);

// The whole page: the thread's title, module and status, then every post with
// an id of its own (so /api/v1/threads/T#P opens at post P). Post bodies are the
// HTML the community rendered in its safe mode; every other text is escaped.
std::string thread_page(const community::ThreadView& view);

// Headers the page goes with: no scripts at all, no sniffing.
inline constexpr const char* kThreadPagePolicy = "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'";

}  // namespace trellis
