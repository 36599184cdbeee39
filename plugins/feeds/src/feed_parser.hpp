// RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 documents to plain entries. Elements are
// matched by local name, so the usual prefixes (dc:, content:, atom:) and
// default namespaces all read the same. No DTD is read and no entity defined
// in one is expanded.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace trellis::feeds {

struct FeedEntry {
  std::string ref;      // guid / id / rdf:about, else the link; unique within the feed's URL
  std::string title, link, author;
  std::string updated;  // RFC 3339 UTC, empty when the feed gives no readable date
  std::string body;     // plain text: HTML stripped, entities decoded
  std::vector<std::string> tags;
};

struct Feed {
  std::string format;  // "rss2", "rss1" or "atom"
  std::string title, link;
  std::vector<FeedEntry> entries;  // in document order
};

// Parses `document` fetched from `feed_url` (relative links resolve against it).
// On failure returns false with `error` saying what is wrong and where.
bool parse_feed(std::string_view document, const std::string& feed_url, Feed& feed, std::string& error);

// `link` made absolute against `base` (an http(s) URL); empty when the result
// would not be an http(s) URL.
std::string absolute_http_url(std::string_view link, std::string_view base);

}  // namespace trellis::feeds
