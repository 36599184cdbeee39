// feeds loaded from its real shared library by the connector test host, reading
// real feed files from a real HTTP server on 127.0.0.1 through the host's
// http_request service.
#include <catch2/catch.hpp>

#include <chrono>

#include "feed_server.hpp"
#include "trellis/testing/connector.hpp"
#include "trellis/testing/real_http.hpp"
#include "trellis/abi.h"
#include "trellis/host.h"

using trellis::testing::ConnectorRun;
using trellis::testing::FeedServer;
using trellis::testing::LoadedConnector;
using trellis::testing::TestQuery;

namespace {

bool all_valid_utf8(const ConnectorRun& run) {
  auto valid = [](const std::string& s) {
    for (size_t i = 0; i < s.size();) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
      if (n == 0 || i + n > s.size()) return false;
      for (size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
      i += n;
    }
    return true;
  };
  for (const auto& item : run.items)
    for (const std::string* f : {&item.title, &item.url, &item.ref, &item.body, &item.snippet, &item.tags, &item.author})
      if (!valid(*f)) return false;
  return valid(run.next_cursor);
}

LoadedConnector load(const std::string& urls, std::map<std::string, std::string> extra = {}) {
  extra["urls"] = urls;
  return LoadedConnector(TRELLIS_FEEDS_PLUGIN, extra, trellis::testing::real_http);
}

}  // namespace

TEST_CASE("feeds: a first sync pulls every item of RSS 2.0, Atom and RSS 1.0 feeds") {
  FeedServer server(FEEDS_DATA);
  LoadedConnector feeds = load(server.url("forum.rss") + " " + server.url("lists.atom") + ",\n" + server.url("digest.rdf"));
  CHECK(feeds.plugin_id() == "feeds");
  CHECK(feeds.offers_sync());
  ConnectorRun run = feeds.sync("");
  INFO(run.error);
  REQUIRE(run.status == TRELLIS_OK);
  CHECK(run.cursor_written);
  CHECK(run.items.size() == 6);
  for (const auto& item : run.items) {
    CHECK(item.kind == 0);  // TRELLIS_ITEM_DISCUSSION
    CHECK_FALSE(item.title.empty());
    CHECK(item.url.rfind("http", 0) == 0);
  }
  // A relative Atom link resolves against the feed's own URL (no xml:base here).
  const auto* ladder = run.find("tag:lists.example.org,2024:msg00043");
  REQUIRE(ladder);
  CHECK(ladder->url == server.url("msg00043.html"));
  const auto* lockout = run.find(server.url("forum.rss") + "#thread-101");
  REQUIRE(lockout);
  CHECK(lockout->title == "Lockout & tagout on the press line?");
  CHECK(lockout->author == "Ada Lovelace");
  CHECK(lockout->updated == "2003-06-10T02:00:00Z");
  CHECK(lockout->tags == "safety,lockout");
  CHECK(lockout->body.find("evil") == std::string::npos);
  const auto* spill = run.find("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a");
  REQUIRE(spill);
  CHECK(spill->url == "https://lists.example.org/safety/2024-03/msg00042.html");
  CHECK(run.find("https://qa.example.org/q/7"));
  CHECK(all_valid_utf8(run));
}

TEST_CASE("feeds: conditional GET from the cursor, then only new or changed items") {
  FeedServer server(FEEDS_DATA);
  LoadedConnector feeds = load(server.url("forum.rss") + " " + server.url("lists.atom"));
  ConnectorRun first = feeds.sync("");
  REQUIRE(first.status == TRELLIS_OK);

  ConnectorRun quiet = feeds.sync(first.next_cursor);
  REQUIRE(quiet.status == TRELLIS_OK);
  CHECK(quiet.items.empty());
  CHECK(server.requests("forum.rss") == 2);
  CHECK(server.not_modified("forum.rss") == 1);
  CHECK(server.not_modified("lists.atom") == 1);

  server.replace("forum.rss",
                 "<rss version=\"2.0\"><channel><title>F</title><link>https://forum.example.org/</link>"
                 "<item><title>Lockout &amp; tagout on the press line? [solved]</title><guid>thread-101</guid>"
                 "<link>https://forum.example.org/t/lockout-press/101</link><description>Keys are at the gate.</description></item>"
                 "<item><title>Forklift inspection checklist</title><link>/t/forklift-checklist/102</link>"
                 "<dc:creator xmlns:dc=\"http://purl.org/dc/elements/1.1/\">Grace Hopper</dc:creator>"
                 "<dc:date xmlns:dc=\"http://purl.org/dc/elements/1.1/\">2003-06-11T09:30:00Z</dc:date>"
                 "<content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><![CDATA[<p>Daily checks: <em>forks</em>, horn, brakes &amp; lights.</p>]]></content:encoded></item>"
                 "<item><title>New: crane signals</title><guid>thread-104</guid><link>https://forum.example.org/t/104</link></item>"
                 "</channel></rss>");
  ConnectorRun changed = feeds.sync(quiet.next_cursor);
  REQUIRE(changed.status == TRELLIS_OK);
  CHECK(changed.items.size() == 2);  // the edited thread and the new one; the forklift thread is unchanged
  REQUIRE(changed.find(server.url("forum.rss") + "#thread-101"));
  CHECK(changed.find(server.url("forum.rss") + "#thread-101")->title.find("[solved]") != std::string::npos);
  CHECK(changed.find(server.url("forum.rss") + "#thread-104"));

  ConnectorRun repeated = feeds.sync(quiet.next_cursor);  // the host's commit failed: harmless repeat
  CHECK(repeated.items.size() == 2);
}

TEST_CASE("feeds: broken feeds are reported by URL and the others still arrive") {
  FeedServer server(FEEDS_DATA);
  LoadedConnector feeds = load(server.url("forum.rss") + " " + server.url("malformed.rss") + " " + server.url("gone.rss") +
                               " " + server.url("page.html") + " " + server.url("bad-utf8.rss") + " " + server.url("entities.rss"));
  ConnectorRun run = feeds.sync("");
  INFO(run.error);
  REQUIRE(run.status == TRELLIS_OK);
  CHECK(run.items.size() == 3 + 2 + 1);
  CHECK(feeds.logged(TRELLIS_LOG_WARNING, server.url("malformed.rss") + ": not well-formed XML at byte"));
  CHECK(feeds.logged(TRELLIS_LOG_WARNING, server.url("gone.rss") + ": answered HTTP 404"));
  CHECK(feeds.logged(TRELLIS_LOG_WARNING, server.url("page.html") + ": not an RSS or Atom feed"));

  const auto* legacy = run.find(server.url("bad-utf8.rss") + "#m1");
  REQUIRE(legacy);
  CHECK(legacy->title == "Caf\xef\xbf\xbd cr\xef\xbf\xbdme \xef\xbf\xbd\xef\xbf\xbd");
  CHECK(legacy->tags == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  CHECK(all_valid_utf8(run));
  for (const auto& item : run.items) CHECK(item.body.find("root:") == std::string::npos);

  SECTION("a broken feed is asked again next time, a good one conditionally") {
    ConnectorRun again = feeds.sync(run.next_cursor);
    REQUIRE(again.status == TRELLIS_OK);
    CHECK(again.items.empty());
    CHECK(server.not_modified("forum.rss") == 1);
    CHECK(server.not_modified("malformed.rss") == 0);
  }
}

TEST_CASE("feeds: when no feed can be read the sync fails, naming each") {
  FeedServer server(FEEDS_DATA);
  LoadedConnector feeds = load(server.url("gone.rss") + " http://127.0.0.1:1/closed.rss");
  ConnectorRun run = feeds.sync("");
  CHECK(run.status == TRELLIS_ERR_REMOTE);
  CHECK_FALSE(run.cursor_written);
  CHECK(run.error.find("gone.rss: answered HTTP 404") != std::string::npos);
  CHECK(run.error.find("http://127.0.0.1:1/closed.rss: no answer") != std::string::npos);
}

TEST_CASE("feeds: a slow feed does not keep a cancelled sync going") {
  FeedServer server(FEEDS_DATA, 1500);
  LoadedConnector feeds = load(server.slow_url("forum.rss") + " " + server.url("lists.atom"));
  feeds.cancel_after(std::chrono::milliseconds(200));
  auto t0 = std::chrono::steady_clock::now();
  ConnectorRun run = feeds.sync("");
  auto took = std::chrono::steady_clock::now() - t0;
  CHECK(run.status == TRELLIS_ERR_CANCELLED);
  CHECK_FALSE(run.cursor_written);
  CHECK(server.requests("lists.atom") == 0);  // stopped right after the slow answer
  CHECK(took < std::chrono::seconds(5));
}

TEST_CASE("feeds: max_items, kind, and feeds the admin removed") {
  FeedServer server(FEEDS_DATA);
  LoadedConnector feeds = load(server.url("forum.rss") + " " + server.url("lists.atom"), {{"max_items", "1"}, {"kind", "document"}});
  ConnectorRun run = feeds.sync("");
  REQUIRE(run.status == TRELLIS_OK);
  CHECK(run.items.size() == 2);
  for (const auto& item : run.items) CHECK(item.kind == 1);

  feeds.set_setting("urls", server.url("lists.atom"));
  feeds.set_setting("kind", "gossip");
  ConnectorRun removed = feeds.sync(run.next_cursor);
  REQUIRE(removed.status == TRELLIS_OK);
  REQUIRE(removed.items.size() == 1);
  CHECK(removed.items[0].deleted);
  CHECK(removed.items[0].ref == server.url("forum.rss") + "#thread-101");
  CHECK(feeds.logged(TRELLIS_LOG_WARNING, "kind 'gossip'"));
}

TEST_CASE("feeds: search ranks the items seen so far, fetch re-reads one") {
  FeedServer server(FEEDS_DATA);
  LoadedConnector feeds = load(server.url("forum.rss") + " " + server.url("lists.atom") + " " + server.url("digest.rdf"));
  TestQuery q;
  q.title = "Forklift safety";
  q.keywords = "inspection";
  CHECK(feeds.search(q).items.empty());
  REQUIRE(feeds.sync("").status == TRELLIS_OK);
  ConnectorRun hits = feeds.search(q);
  REQUIRE(hits.status == TRELLIS_OK);
  REQUIRE_FALSE(hits.items.empty());
  CHECK(hits.items[0].ref == "https://forum.example.org/t/forklift-checklist/102");
  CHECK(hits.items[0].score > 0);

  TestQuery fire;
  fire.text = "fire extinguishers";
  fire.max_results = 1;
  hits = feeds.search(fire);
  REQUIRE(hits.items.size() == 1);
  CHECK(hits.items[0].ref == "https://qa.example.org/q/7");
  TestQuery experts_only = q;
  experts_only.kinds = 1u << 2;
  CHECK(feeds.search(experts_only).items.empty());

  ConnectorRun one = feeds.fetch("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a");
  REQUIRE(one.status == TRELLIS_OK);
  REQUIRE(one.items.size() == 1);
  CHECK(one.items[0].body.find("spill kit") != std::string::npos);
  CHECK(feeds.fetch("urn:nothing").status == TRELLIS_ERR_NOT_FOUND);
}

TEST_CASE("feeds: settings without a usable URL, and a junk cursor") {
  LoadedConnector none(TRELLIS_FEEDS_PLUGIN);
  ConnectorRun run = none.sync("");
  CHECK(run.status == TRELLIS_ERR_INVALID_INPUT);
  CHECK(run.error.find("'urls'") != std::string::npos);
  LoadedConnector ftp = load("ftp://files.example.org/feed.rss");
  CHECK(ftp.sync("").status == TRELLIS_ERR_INVALID_INPUT);
  CHECK(ftp.logged(TRELLIS_LOG_WARNING, "is not an http(s) URL"));

  FeedServer server(FEEDS_DATA);
  LoadedConnector feeds = load(server.url("digest.rdf"));
  run = feeds.sync("\xff{not json");
  REQUIRE(run.status == TRELLIS_OK);
  CHECK(run.items.size() == 1);
}

TEST_CASE("feeds: moved feeds are followed, redirect loops are not") {
  FeedServer server(FEEDS_DATA);
  LoadedConnector feeds = load(server.moved_url("digest.rdf") + " " + server.base_url() + "/loop");
  ConnectorRun run = feeds.sync("");
  INFO(run.error);
  REQUIRE(run.status == TRELLIS_OK);
  CHECK(run.items.size() == 1);
  CHECK(server.requests("digest.rdf") == 1);
  CHECK(feeds.logged(TRELLIS_LOG_WARNING, server.base_url() + "/loop: answered HTTP 302 with too many redirects"));
}

TEST_CASE("feeds: a feed declared ISO-8859-1 is read as such") {
  FeedServer server(FEEDS_DATA);
  LoadedConnector feeds = load(server.url("latin1.rss"));
  ConnectorRun run = feeds.sync("");
  INFO(run.error);
  REQUIRE(run.status == TRELLIS_OK);
  REQUIRE(run.items.size() == 1);
  CHECK(run.items[0].title == "Caf\xc3\xa9 cr\xc3\xa8me");
}
