// RFC 4180 fields and records: a field is quoted when it holds a comma, a double
// quote, CR or LF (quotes doubled inside); records end with CRLF.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace trellis::csv {

void append_field(std::string& out, std::string_view field);
void append_record(std::string& out, const std::vector<std::string>& fields);

}  // namespace trellis::csv
