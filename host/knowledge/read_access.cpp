#include "knowledge/read_access.hpp"

#include "knowledge/index_store.hpp"

namespace trellis::knowledge {

ReadAccess ReadAccess::for_caller(const lrs::Principal* caller) {
  return ReadAccess(caller != nullptr && caller->has_scope(kPeopleScope));
}

bool names_people(std::string_view kind) { return kind == "thread" || kind == "post" || kind == "expert"; }

bool ReadAccess::may_read(std::string_view kind) const { return is_known_kind(kind) && (people_ || !names_people(kind)); }

std::vector<std::string_view> ReadAccess::readable_kinds() const {
  std::vector<std::string_view> out;
  for (int code = 0; !kind_of_code(code).empty(); ++code)
    if (may_read(kind_of_code(code))) out.push_back(kind_of_code(code));
  return out;
}

}  // namespace trellis::knowledge
