// The feed formats read directly (no plugin, no network): what each element becomes.
#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <sstream>

#include "damage.hpp"
#include "feed_parser.hpp"
#include "trellis/connector_kit/text.hpp"

using namespace trellis::feeds;

namespace {
std::string data(const std::string& name) {
  std::ifstream in(std::string(FEEDS_DATA) + "/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Feed parsed(const std::string& name, const std::string& url) {
  Feed feed;
  std::string error;
  REQUIRE(parse_feed(data(name), url, feed, error));
  return feed;
}
}  // namespace

TEST_CASE("RSS 2.0: guid, relative link, author forms, both date forms, HTML body, categories") {
  Feed feed = parsed("forum.rss", "https://forum.example.org/latest.rss");
  CHECK(feed.format == "rss2");
  CHECK(feed.title == "Plant safety forum \xe2\x80\x94 latest threads");
  REQUIRE(feed.entries.size() == 3);

  const FeedEntry& lockout = feed.entries[0];
  CHECK(lockout.ref == "https://forum.example.org/latest.rss#thread-101");  // a bare guid, made unique
  CHECK(lockout.title == "Lockout & tagout on the press line?");
  CHECK(lockout.link == "https://forum.example.org/t/lockout-press/101");
  CHECK(lockout.author == "Ada Lovelace");
  CHECK(lockout.updated == "2003-06-10T02:00:00Z");
  CHECK(lockout.body == "Who has the lockout keys for press\xc2\xa0" "3?");
  CHECK(lockout.tags == std::vector<std::string>{"safety", "lockout"});

  const FeedEntry& forklift = feed.entries[1];
  CHECK(forklift.ref == "https://forum.example.org/t/forklift-checklist/102");  // no guid: the link
  CHECK(forklift.link == "https://forum.example.org/t/forklift-checklist/102");
  CHECK(forklift.author == "Grace Hopper");
  CHECK(forklift.updated == "2003-06-11T09:30:00Z");
  CHECK(forklift.body == "Daily checks: forks, horn, brakes & lights.");  // content:encoded wins

  const FeedEntry& ears = feed.entries[2];
  CHECK(ears.ref == "https://forum.example.org/t/ear-protection/103");
  CHECK(ears.link == "https://forum.example.org/t/ear-protection/103");  // a permalink guid
  CHECK(ears.updated.empty());
}

TEST_CASE("Atom 1.0: text constructs, alternate links, categories, feed author") {
  Feed feed = parsed("lists.atom", "https://lists.example.org/safety/feed.atom");
  CHECK(feed.format == "atom");
  CHECK(feed.link == "https://lists.example.org/safety/");
  REQUIRE(feed.entries.size() == 2);
  const FeedEntry& spill = feed.entries[0];
  CHECK(spill.ref == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a");
  CHECK(spill.title == "Re: [safety] chemical spill drill");
  CHECK(spill.author == "Marie Curie");
  CHECK(spill.updated == "2024-03-01T10:59:58Z");
  CHECK(spill.body == "The spill kit is in hall 3.\nDrill on Friday.");
  CHECK(spill.tags == std::vector<std::string>{"Chemistry", "drills"});
  const FeedEntry& ladder = feed.entries[1];
  CHECK(ladder.link == "https://lists.example.org/safety/msg00043.html");
  CHECK(ladder.author == "List robot");
  CHECK(ladder.updated == "2024-02-28T08:00:00Z");
  CHECK(ladder.body == "Inspect ladders before use.");
}

TEST_CASE("RSS 1.0 (RDF): items beside the channel, rdf:about, Dublin Core") {
  Feed feed = parsed("digest.rdf", "https://qa.example.org/rss");
  CHECK(feed.format == "rss1");
  REQUIRE(feed.entries.size() == 1);
  CHECK(feed.entries[0].ref == "https://qa.example.org/q/7");
  CHECK(feed.entries[0].author == "Nikola Tesla");
  CHECK(feed.entries[0].updated == "2023-11-05T15:00:00Z");
  CHECK(feed.entries[0].tags == std::vector<std::string>{"fire"});
}

TEST_CASE("malformed XML, other documents and DTD entities") {
  Feed feed;
  std::string error;
  CHECK_FALSE(parse_feed(data("malformed.rss"), "https://x.example/", feed, error));
  CHECK(error.find("not well-formed XML at byte") == 0);
  CHECK_FALSE(parse_feed(data("page.html"), "https://x.example/", feed, error));
  CHECK(error == "not an RSS or Atom feed (the root element is <html>)");
  CHECK_FALSE(parse_feed("", "https://x.example/", feed, error));

  Feed entities = parsed("entities.rss", "https://e.example.org/rss");
  REQUIRE(entities.entries.size() == 1);
  CHECK(entities.entries[0].title.find("lollol") == std::string::npos);
  CHECK(entities.entries[0].body.find("root:") == std::string::npos);
}

TEST_CASE("links resolve against the feed URL, other schemes are dropped") {
  CHECK(absolute_http_url("/a/b", "https://h.example:8443/x/feed.rss?x=1") == "https://h.example:8443/a/b");
  CHECK(absolute_http_url("c.html", "https://h.example/x/feed.rss?y=/z") == "https://h.example/x/c.html");
  CHECK(absolute_http_url("//cdn.example/p", "https://h.example/") == "https://cdn.example/p");
  CHECK(absolute_http_url("javascript:alert(1)", "https://h.example/").empty());
  CHECK(absolute_http_url("mailto:a@b", "https://h.example/").empty());
  CHECK(absolute_http_url("HTTP://UPPER.example/", "https://h.example/") == "HTTP://UPPER.example/");
}

TEST_CASE("Atom: xml:base on the feed is the base for relative links") {
  Feed feed;
  std::string error;
  REQUIRE(parse_feed("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://archive.example/list/\">"
                     "<entry><id>e1</id><title>T</title><link href=\"m1.html\"/></entry></feed>",
                     "http://127.0.0.1:9/feed.atom", feed, error));
  REQUIRE(feed.entries.size() == 1);
  CHECK(feed.entries[0].link == "https://archive.example/list/m1.html");
  CHECK(feed.entries[0].ref == "http://127.0.0.1:9/feed.atom#e1");
}

TEST_CASE("damaged feeds either fail with a reason or give clean entries") {
  std::mt19937 rng(7);
  for (const char* name : {"forum.rss", "lists.atom", "digest.rdf", "bad-utf8.rss"}) {
    std::string original = data(name);
    for (int i = 0; i < 400; ++i) {
      std::string damaged = trellis::testing::damaged(original, rng, 1 + i % 5, "&#xD800;<x>\xf0\x28");
      Feed feed;
      std::string error;
      INFO(name << " #" << i);
      if (!parse_feed(damaged, "https://feeds.example/f", feed, error)) {
        CHECK_FALSE(error.empty());
        continue;
      }
      for (const auto& e : feed.entries) {
        for (const std::string* f : {&e.ref, &e.title, &e.link, &e.author, &e.updated, &e.body})
          CHECK(trellis::connector_kit::valid_utf8(*f));
        CHECK((e.link.empty() || e.link.rfind("http", 0) == 0));
        for (const auto& t : e.tags) CHECK(trellis::connector_kit::valid_utf8(t));
      }
    }
  }
}
