// Base class for a knowledge connector (capability trellis.connector/1).
#ifndef TRELLIS_CPP_CONNECTOR_HPP
#define TRELLIS_CPP_CONNECTOR_HPP

#include <string>
#include <string_view>

#include "trellis/connector.h"
#include "trellis/cpp/core.hpp"

namespace trellis {

struct ModuleQuery {
  std::string course_id, module_id, title, description, keywords, language;
  uint32_t max_results = 10;
};

enum class LinkKind : int32_t { thread = TRELLIS_LINK_THREAD, document = TRELLIS_LINK_DOCUMENT, expert = TRELLIS_LINK_EXPERT };

struct KnowledgeLink {
  LinkKind kind = LinkKind::document;
  std::string url, title, summary, external_id;
  double relevance = 0.0;
};

class LinkSink {
 public:
  explicit LinkSink(const trellis_link_sink* s) : s_(s) {}
  // False once the host has as many results as it asked for.
  bool add(const KnowledgeLink& link) {
    trellis_knowledge_link raw{};
    raw.struct_size = sizeof raw;
    raw.kind = static_cast<int32_t>(link.kind);
    raw.url = to_str(link.url);
    raw.title = to_str(link.title);
    raw.summary = to_str(link.summary);
    raw.external_id = to_str(link.external_id);
    raw.relevance = link.relevance;
    trellis_status st = s_->add(s_->ctx, &raw);
    if (st == TRELLIS_ERR_LIMIT) return false;
    if (st != TRELLIS_OK) throw Error(st, "the host refused a link");
    return true;
  }

 private:
  const trellis_link_sink* s_;
};

class Connector {
 public:
  virtual ~Connector() = default;
  virtual const char* source_name() const = 0;
  virtual void find_links(const ModuleQuery& query, LinkSink& out, const Cancel& cancel) = 0;
};

}  // namespace trellis

#endif
