// An expert directory as CSV (RFC 4180): a header row naming the columns, then
// one person per row. Column names are matched without regard to case or
// spacing; unknown columns are ignored; only `name` is required.
#pragma once

#include <string_view>
#include <vector>

#include "person.hpp"

namespace trellis::experts {

// Throws trellis::InvalidInput naming the file when the header has no name
// column; every row that cannot be used is skipped through `warn`.
std::vector<Person> read_csv_directory(std::string_view content, const WarnFn& warn);

}  // namespace trellis::experts
