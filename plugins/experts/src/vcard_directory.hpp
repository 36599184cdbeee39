// An expert directory as vCard 3.0 or 4.0 (RFC 2426, RFC 6350): FN, N, EMAIL,
// TEL, CATEGORIES, ORG, TITLE, NOTE, UID; folded lines and escapes undone.
#pragma once

#include <string_view>
#include <vector>

#include "person.hpp"

namespace trellis::experts {

std::vector<Person> read_vcard_directory(std::string_view content, const WarnFn& warn);

}  // namespace trellis::experts
