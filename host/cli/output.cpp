#include "cli/output.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace trellis::cli {

void print_json(const nlohmann::json& value) {
  std::cout << value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  std::cout.flush();
}

int report_done(bool json, const nlohmann::json& value, std::string_view text) {
  if (json)
    print_json(value);
  else
    std::cout << text << '\n';
  return 0;
}

int report_error(const Error& error) {
  std::cerr << "trellis: " << error.message << '\n';
  return error.exit_code();
}

int usage_error(std::string_view message) { return report_error(make_error(ErrorKind::usage, std::string(message))); }

}  // namespace trellis::cli
