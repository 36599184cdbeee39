// SHA-256 of files and bytes, as lower-case hex; files are read in pieces.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace trellis {

std::string sha256_hex(std::string_view bytes);
Result<std::string> sha256_file(const std::filesystem::path& file);

}  // namespace trellis
