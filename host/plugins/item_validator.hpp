// What the host accepts from a connector, in one place: the probe (`trellis
// plugin check`) and the connector driver (search, fetch, sync) judge items by
// the same rules, so a plugin that passes its check is not refused later for a
// reason the check never mentioned.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trellis/connector.h"

namespace trellis::plugins {

// http(s) for every kind; mailto:/tel: too for experts.
bool learner_can_open(std::string_view url, int32_t kind);

// Byte caps on one item's fields. A longer snippet or body is a refusal, not a
// truncation: cutting could split a UTF-8 sequence or hide a connector bug.
struct ItemCaps {
  size_t url = 4096;
  size_t title = 1000;
  size_t snippet = 4000;
  size_t ref = 1024;
  size_t author = 1000;
  size_t updated = 64;
  size_t body = 1u << 20;
  size_t tags = 4096;
};

struct ItemRules {
  bool check_utf8 = true;   // the probe turns this off when it sent invalid UTF-8 itself
  bool check_sizes = true;  // the probe sends 1 MiB queries an echoing connector may return
  ItemCaps caps;
};

// Every rule `item` breaks, as short phrases ("an item has an empty title");
// empty when the host accepts it.
std::vector<std::string> item_problems(const trellis_knowledge_item* item, const ItemRules& rules = {});

// The host's own copy of an accepted item; fields a 1.0 connector lacks stay empty.
struct ItemCopy {
  int32_t kind = TRELLIS_ITEM_DOCUMENT;
  std::string url, title, snippet, ref;
  double score = 0;
  std::string author, updated, body, tags;
  bool deleted = false;
};
ItemCopy copy_item(const trellis_knowledge_item& item);

}  // namespace trellis::plugins
