// Findings a parser collects before they cross the ABI as diagnostics. Parsers use
// this instead of trellis::ImportReport so they run (and fuzz) without a host.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace trellis::kit {

enum class Level { info = 0, warning = 1, error = 2 };

struct Finding {
  Level level = Level::error;
  std::string code;     // stable, dotted: "cmi5.au.url.reserved-parameter"
  std::string message;  // one sentence naming the rule
  std::string file;     // package-relative
  uint32_t line = 0;    // 1-based, 0 when unknown
};

class Findings {
 public:
  explicit Findings(std::string file) : file_(std::move(file)) {}
  void error(std::string code, std::string message, uint32_t line = 0) {
    add(Level::error, std::move(code), std::move(message), line);
  }
  void warning(std::string code, std::string message, uint32_t line = 0) {
    add(Level::warning, std::move(code), std::move(message), line);
  }
  void info(std::string code, std::string message, uint32_t line = 0) {
    add(Level::info, std::move(code), std::move(message), line);
  }
  void add(Level level, std::string code, std::string message, uint32_t line) {
    if (level == Level::error) ++errors_;
    list_.push_back({level, std::move(code), std::move(message), file_, line});
  }
  const std::vector<Finding>& list() const { return list_; }
  int error_count() const { return errors_; }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<Finding> list_;
  int errors_ = 0;
};

}  // namespace trellis::kit
