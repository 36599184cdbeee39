// The example connector's own test, with the SDK test host only (Trellis::testing):
// the real library is loaded through its entry point, its settings come from its
// plugin.json defaults unless the test overrides them, and every call is checked
// the way the host would see it. No test framework: exit status 0 passes.
#include <cstdio>
#include <string>

#include "trellis/testing/connector.hpp"

namespace {

int failures = 0;

void expect(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "FAIL: %s\n", what);
    ++failures;
  }
}

trellis::testing::TestQuery module_query(uint32_t max_results) {
  trellis::testing::TestQuery q;
  q.title = "Fire safety";
  q.keywords = "extinguisher,evacuation";
  q.language = "en";
  q.max_results = max_results;
  return q;
}

}  // namespace

int main() {
  trellis::testing::LoadedConnector wiki(WIKI_CONNECTOR_LIBRARY);
  if (!wiki.loaded()) {
    std::fprintf(stderr, "FAIL: %s\n", wiki.load_error().c_str());
    return 1;
  }
  expect(wiki.plugin_id() == "wiki-connector", "the descriptor names the plugin");
  expect(wiki.source_name() == "Organisation wiki", "the source has its display name");

  auto run = wiki.search(module_query(10));
  expect(run.status == TRELLIS_OK, "a module search succeeds");
  expect(run.items.size() == 3, "one link for the title and one per keyword");
  expect(!run.items.empty() && run.items[0].url == "https://wiki.example.org/index.php?search=Fire%20safety",
         "links use the declared default base_url and percent-encode the term");

  wiki.set_setting("base_url", "https://wiki.acme.test");
  run = wiki.search(module_query(1));
  expect(run.status == TRELLIS_OK && run.items.size() == 1 && run.offered == 1, "max_results 1 gets one item");
  expect(!run.items.empty() && run.items[0].url.rfind("https://wiki.acme.test/", 0) == 0, "the admin's base_url wins");

  trellis::testing::TestQuery experts = module_query(10);
  experts.kinds = 1u << TRELLIS_ITEM_EXPERT;
  expect(wiki.search(experts).items.empty(), "a wiki has no experts to offer");

  wiki.cancel_now();
  run = wiki.search(module_query(10));
  expect(run.status == TRELLIS_ERR_CANCELLED && run.items.empty(), "a call cancelled before it starts does nothing");
  wiki.reset_cancel();

  expect(wiki.fetch("search:x").status == TRELLIS_ERR_UNSUPPORTED, "the example does not fetch");

  expect(wiki.offers_sync(), "the example syncs");
  wiki.set_setting("pages", "Ladder safety, Fire wardens");
  run = wiki.sync("");
  expect(run.status == TRELLIS_OK && run.count_live() == 2, "a first sync hands over every listed page");
  const auto* ladder = run.find("page:Ladder safety");
  expect(ladder != nullptr && ladder->url == "https://wiki.acme.test/index.php/Ladder%20safety",
         "a page's URL is the wiki's page address");
  wiki.set_setting("pages", "Fire wardens");
  auto next = wiki.sync(run.next_cursor);
  expect(next.status == TRELLIS_OK && next.count_deleted() == 1 && next.find("page:Ladder safety") != nullptr &&
             next.find("page:Ladder safety")->deleted,
         "a page taken off the list is deleted at the next sync");
  if (failures == 0) std::puts("wiki connector test: ok");
  return failures == 0 ? 0 : 1;
}
