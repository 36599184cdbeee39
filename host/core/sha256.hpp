// SHA-256 of files and bytes, as lower-case hex; files are read in pieces.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace trellis {

std::string sha256_hex(std::string_view bytes);

// The digest of bytes that arrive in pieces (a streamed course model).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  std::string hex();  // once; the object is spent afterwards

 private:
  struct State;
  std::unique_ptr<State> state_;
};
Result<std::string> sha256_file(const std::filesystem::path& file);

}  // namespace trellis
