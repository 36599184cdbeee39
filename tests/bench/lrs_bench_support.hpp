// Shared by the LRS benchmarks: statements to send, a key on a fresh home, and
// HTTP Basic for that key.
#pragma once

#include <openssl/evp.h>

#include <string>

#include <nlohmann/json.hpp>

#include "support.hpp"

namespace trellis::bench {

inline nlohmann::json bench_statement(int i, int agents = 1000, int verbs = 20) {
  return {{"actor", {{"mbox", "mailto:learner" + std::to_string(i % agents) + "@example.com"}, {"name", "Learner"}}},
          {"verb", {{"id", "http://example.com/verbs/v" + std::to_string(i % verbs)}, {"display", {{"en-US", "did"}}}}},
          {"object",
           {{"id", "http://example.com/activities/a" + std::to_string(i % 500)},
            {"definition", {{"name", {{"en-US", "Activity"}}}}}}},
          {"result", {{"score", {{"scaled", 0.5}}}, {"completion", true}, {"duration", "PT1M30S"}}}};
}

struct BenchKey {
  std::string key, secret;
  std::string basic() const {
    std::string token = key + ":" + secret;
    std::string out(4 * ((token.size() + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(token.data()), static_cast<int>(token.size()));
    out.resize(static_cast<size_t>(n));
    return "Basic " + out;
  }
};

inline BenchKey make_key(const std::filesystem::path& home) {
  auto made = testing::run_trellis(home, {"lrs", "key", "create", "--json"});
  if (made.exit_code != 0) {
    std::fprintf(stderr, "lrs key create failed: %s\n", made.err.c_str());
    std::exit(1);
  }
  auto j = nlohmann::json::parse(made.out);
  return {j["key"], j["secret"]};
}

}  // namespace trellis::bench
