// Links a course module to searches of the organisation's wiki: one for the
// module's title, one per keyword. No network access is needed to build links,
// so the connector stays fast and works offline.
#include <string>

#include "trellis/cpp/plugin.hpp"

namespace {

std::string percent_encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 0xF]);
    }
  }
  return out;
}

}  // namespace

class WikiConnector : public trellis::Plugin, public trellis::Connector {
 public:
  explicit WikiConnector(trellis::Host host) : host_(host) {}

  const char* source_name() const override { return "Organisation wiki"; }

  void search(const trellis::SearchQuery& q, trellis::ItemSink& out, const trellis::Cancel&) override {
    std::string base = host_.setting("base_url").value_or("https://wiki.example.org");
    if (!q.wants(TRELLIS_ITEM_DOCUMENT)) return;  // wiki pages are documents only
    std::vector<std::string> terms;
    if (!q.text.empty()) terms.push_back(q.text);  // a person's free search
    if (!q.title.empty()) terms.push_back(q.title);
    size_t start = 0;
    while (start < q.keywords.size()) {
      size_t comma = q.keywords.find(',', start);
      std::string word = q.keywords.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!word.empty()) terms.push_back(word);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    uint32_t added = 0;
    for (const auto& term : terms) {
      if (added == q.max_results) break;
      trellis::KnowledgeItem link;
      link.kind = trellis::ItemKind::document;
      link.url = base + "/index.php?search=" + percent_encode(term);
      link.title = "Wiki pages about " + term;
      link.ref = "search:" + term;
      link.score = added == 0 ? 0.8 : 0.5;
      if (!out.add(link)) break;
      ++added;
    }
  }

 private:
  trellis::Host host_;
};

TRELLIS_PLUGIN(WikiConnector, "wiki-connector", "0.1.0")
