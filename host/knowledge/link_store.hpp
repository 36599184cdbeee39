// Knowledge attached to course modules (table module_links): the data-access
// layer behind `trellis discuss attach/detach` and the automatic attachment
// after an import.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::knowledge {

// An index entry's identity, written `kind:source:ref` (the ref may hold colons).
struct ItemId {
  std::string kind, source, ref;
  std::string str() const { return kind + ":" + source + ":" + ref; }
};
Result<ItemId> parse_item_id(std::string_view text);

struct ModuleLink {
  std::string module_id;
  ItemId item;
  std::string title, url;
  double score = 0;
  bool automatic = false;
  std::string attached_by;
  std::string attached_at;  // set by the database
};

// Attaching again updates the link (title, url, score) and keeps who attached it first.
Status attach_link(store::Database& db, const ModuleLink& link);
// Returns false when there was no such link.
Result<bool> detach_link(store::Database& db, std::string_view module_id, const ItemId& item);
Result<std::vector<ModuleLink>> module_links(store::Database& db, std::string_view module_id);
// The course is being deleted: detaches everything from its modules, and its
// modules and their discussions from every other module; returns how many links.
// Call before remove_course_entries.
Result<int64_t> remove_course_links(store::Database& db, std::string_view course_id);

}  // namespace trellis::knowledge
