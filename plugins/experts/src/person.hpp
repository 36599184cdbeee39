// One person of the expert directory, however the file described them.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace trellis::experts {

struct Person {
  std::string uid, name, email, phone, title, department, location, note;
  std::vector<std::string> expertise;
  size_t line = 0;  // where the person starts in the file, for warnings
};

// Receives "file:line: what is wrong" for every row or card that is skipped.
using WarnFn = std::function<void(size_t line, const std::string& why)>;

// Splits an expertise list on ';', ',' or '|', trimmed, empty parts dropped.
std::vector<std::string> split_expertise(std::string_view text);

}  // namespace trellis::experts
