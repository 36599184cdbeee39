// Runs `trellis --home HOME ARGS...` in a test, requires exit 0 and returns its
// stdout parsed as JSON; on failure the test shows the command, exit code and
// stderr. For tests that drive the CLI's --json output step by step.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support.hpp"

namespace trellis::testing {

inline nlohmann::json run_json(const std::filesystem::path& home, const std::vector<std::string>& args,
                               const std::map<std::string, std::string>& env = {}) {
  auto r = run_trellis(home, args, env);
  INFO("trellis " << args[0] << " " << (args.size() > 1 ? args[1] : "") << "\nexit " << r.exit_code
                  << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

}  // namespace trellis::testing
