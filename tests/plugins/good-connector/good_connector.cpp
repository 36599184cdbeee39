// A well-behaved connector: links derived from the query, a call counter kept in
// the host's per-plugin storage, the base URL read from its settings.
#include "trellis/cpp/plugin.hpp"

class GoodConnector : public trellis::Plugin, public trellis::Connector {
 public:
  explicit GoodConnector(trellis::Host host) : host_(host) {}
  const char* source_name() const override { return "Good Wiki"; }
  void search(const trellis::SearchQuery& q, trellis::ItemSink& out, const trellis::Cancel&) override {
    int calls = std::stoi(host_.kv_get("calls").value_or("0")) + 1;
    host_.kv_put("calls", std::to_string(calls));
    std::string base = host_.setting("base_url").value_or("");
    for (uint32_t i = 0; i < q.max_results; ++i) {
      trellis::KnowledgeItem link;
      link.kind = i == 0 ? trellis::ItemKind::discussion : trellis::ItemKind::document;
      link.url = base + "/" + q.module_id + "/" + std::to_string(i);
      link.title = q.title + " #" + std::to_string(i) + " (call " + std::to_string(calls) + ")";
      link.ref = q.module_id + "-" + std::to_string(i);
      link.score = 1.0 / (i + 1);
      if (!out.add(link)) break;
    }
  }

 private:
  trellis::Host host_;
};

TRELLIS_PLUGIN(GoodConnector, "good-connector", "1.0.0")
