#include "plugins/item_validator.hpp"

#include "core/utf8.hpp"

#include <cstddef>

#include "plugins/abi_strings.hpp"

namespace trellis::plugins {

bool learner_can_open(std::string_view url, int32_t kind) {
  if (url.rfind("http://", 0) == 0) return url.size() > 7;
  if (url.rfind("https://", 0) == 0) return url.size() > 8;
  // A document in a shared folder (folder-kb without base_url): opens for
  // whoever can reach the same path, which is the admin's call to make.
  if (kind == TRELLIS_ITEM_DOCUMENT && url.rfind("file:///", 0) == 0) return url.size() > 8;
  return kind == TRELLIS_ITEM_EXPERT && (url.rfind("mailto:", 0) == 0 || url.rfind("tel:", 0) == 0) &&
         url.find(':') + 1 < url.size();
}

namespace {

bool has_1_1_fields(const trellis_knowledge_item* item) {
  return TRELLIS_HAS_FIELD(item, trellis_knowledge_item, deleted);
}

struct Field {
  const char* name;
  std::string_view value;
  size_t cap;
};

std::vector<Field> fields_of(const trellis_knowledge_item* item, const ItemCaps& caps) {
  std::vector<Field> out = {{"url", to_view(item->url), caps.url},
                            {"title", to_view(item->title), caps.title},
                            {"snippet", to_view(item->snippet), caps.snippet},
                            {"ref", to_view(item->ref), caps.ref}};
  if (has_1_1_fields(item)) {
    out.push_back({"author", to_view(item->author), caps.author});
    out.push_back({"updated", to_view(item->updated), caps.updated});
    out.push_back({"body", to_view(item->body), caps.body});
    out.push_back({"tags", to_view(item->tags), caps.tags});
  }
  return out;
}

}  // namespace

std::vector<std::string> item_problems(const trellis_knowledge_item* item, const ItemRules& rules) {
  if (item == nullptr || item->struct_size < offsetof(trellis_knowledge_item, author))
    return {"handed a null or undersized item"};
  std::vector<std::string> problems;
  for (const auto& f : fields_of(item, rules.caps)) {
    if (rules.check_utf8 && !is_valid_utf8(f.value))
      problems.push_back(std::string("an item's ") + f.name + " holds invalid UTF-8");
    if (rules.check_sizes && f.value.size() > f.cap)
      problems.push_back(std::string("an item's ") + f.name + " is " + std::to_string(f.value.size()) +
                         " bytes, over the host's cap of " + std::to_string(f.cap));
  }
  auto url = to_view(item->url);
  bool deleted = has_1_1_fields(item) && item->deleted != 0;
  if (deleted) {
    if (to_view(item->ref).empty()) problems.push_back("a deleted item has no ref");
    return problems;
  }
  if (!learner_can_open(url, item->kind))
    problems.push_back("an item's url is not an absolute URL a learner can open: '" + std::string(url.substr(0, 80)) +
                       "'");
  else if (to_view(item->title).empty())
    problems.push_back("an item has an empty title");
  if (item->kind < TRELLIS_ITEM_DISCUSSION || item->kind > TRELLIS_ITEM_EVENT)
    problems.push_back("an item has unknown kind " + std::to_string(item->kind));
  if (!(item->score >= 0.0 && item->score <= 1.0)) problems.push_back("an item's score is outside 0..1");
  return problems;
}

ItemCopy copy_item(const trellis_knowledge_item& item) {
  ItemCopy c;
  c.kind = item.kind;
  c.url = std::string(to_view(item.url));
  c.title = std::string(to_view(item.title));
  c.snippet = std::string(to_view(item.snippet));
  c.ref = std::string(to_view(item.ref));
  c.score = item.score;
  if (has_1_1_fields(&item)) {
    c.author = std::string(to_view(item.author));
    c.updated = std::string(to_view(item.updated));
    c.body = std::string(to_view(item.body));
    c.tags = std::string(to_view(item.tags));
    c.deleted = item.deleted != 0;
  }
  return c;
}

}  // namespace trellis::plugins
