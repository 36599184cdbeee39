// tutorial: begin whole
// Links course modules to the organisation's wiki: `search` answers with wiki
// searches for a module's title and keywords (no network needed), and `sync`
// hands the pages the admin lists over to Trellis's own index, so
// `trellis search` finds them too.
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "trellis/cpp/plugin.hpp"

namespace {

// The first line of every cursor this connector writes.
constexpr const char* kCursorHeader = "wiki-connector pages v1";

// A term or page title as it may stand in a URL.
std::string percent_encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                 c == '_' || c == '.' || c == '~';
    if (plain) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 0xF]);
    }
  }
  return out;
}

// "a, b,c" -> {"a", "b", "c"}: the comma lists of the keywords and the pages setting.
std::vector<std::string> split_list(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string part; std::getline(in, part, separator);) {
    size_t first = part.find_first_not_of(' ');
    size_t last = part.find_last_not_of(' ');
    if (first != std::string::npos) out.push_back(part.substr(first, last - first + 1));
  }
  return out;
}

}  // namespace

class WikiConnector : public trellis::Plugin, public trellis::Connector {
 public:
  explicit WikiConnector(trellis::Host host) : host_(host) {}

  const char* source_name() const override { return "Organisation wiki"; }

  // Suggestions for one module (or a person's search): links to wiki searches.
  void search(const trellis::SearchQuery& q, trellis::ItemSink& out, const trellis::Cancel&) override {
    if (!q.wants(TRELLIS_ITEM_DOCUMENT)) return;  // wiki pages are documents only
    std::vector<std::string> terms;
    if (!q.text.empty()) terms.push_back(q.text);  // a person's free search
    if (!q.title.empty()) terms.push_back(q.title);
    for (const auto& word : split_list(q.keywords, ',')) terms.push_back(word);
    uint32_t added = 0;
    for (const auto& term : terms) {
      if (added == q.max_results) break;
      trellis::KnowledgeItem link;
      link.kind = trellis::ItemKind::document;
      link.url = base_url() + "/index.php?search=" + percent_encode(term);
      link.title = "Wiki pages about " + term;
      link.ref = "search:" + term;
      link.score = added == 0 ? 0.8 : 0.5;
      if (!out.add(link)) break;  // false once the host has max_results
      ++added;
    }
  }

  // The pages the admin listed (setting `pages`), for Trellis's index. The
  // cursor is what the last sync handed over, one title a line, so a page taken
  // off the list is deleted from the index. (A real wiki would be asked for the
  // pages changed since the cursor instead.)
  std::string sync(std::string_view cursor, trellis::ItemSink& out, const trellis::Cancel& cancel) override {
    std::vector<std::string> pages = split_list(host_.setting("pages").value_or(""), ',');
    for (const auto& title : pages) {
      cancel.check();
      trellis::KnowledgeItem page;
      page.kind = trellis::ItemKind::document;
      page.ref = "page:" + title;
      page.url = base_url() + "/index.php/" + percent_encode(title);
      page.title = title;
      page.body = "The wiki page " + title + ".";
      out.add(page);
    }
    // The cursor comes back from the host as this sync wrote it, but check:
    // anything without our first line (a first sync, a cursor of an older
    // version) means nothing was handed over before.
    std::vector<std::string> previous = split_list(std::string(cursor), '\n');
    if (previous.empty() || previous.front() != kCursorHeader) previous.clear();
    for (const auto& before : previous) {
      if (before == kCursorHeader) continue;
      if (std::find(pages.begin(), pages.end(), before) != pages.end()) continue;
      trellis::KnowledgeItem gone;
      gone.kind = trellis::ItemKind::document;
      gone.ref = "page:" + before;
      gone.deleted = true;
      out.add(gone);
    }
    std::string next = std::string(kCursorHeader) + "\n";
    for (const auto& title : pages) next += title + "\n";
    return next;
  }

 private:
  std::string base_url() const { return host_.setting("base_url").value_or("https://wiki.example.org"); }

  trellis::Host host_;
};

// The id and version come from trellis_add_plugin in CMakeLists.txt, the one
// place they are written; the host refuses a library that disagrees with its
// plugin.json.
TRELLIS_PLUGIN(WikiConnector, TRELLIS_PLUGIN_ID, TRELLIS_PLUGIN_VERSION)
// tutorial: end whole
