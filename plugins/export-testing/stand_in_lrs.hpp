// A small LRS stand-in on 127.0.0.1 for forwarding tests: POST /xapi/statements
// stores batches all-or-nothing like an LRS, answers 400 (with a message) for a
// batch holding the refused verb, 409 when an id is already stored, and 503
// while set down.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace trellis::testing {

class StandInLrs {
 public:
  static constexpr const char* kRefusalMessage = "verb not accepted by this LRS";

  explicit StandInLrs(std::string refused_verb);
  ~StandInLrs();
  StandInLrs(const StandInLrs&) = delete;
  StandInLrs& operator=(const StandInLrs&) = delete;

  std::string url() const;  // the xAPI endpoint, .../xapi
  void set_down(bool down);
  std::vector<nlohmann::json> received();
  std::string last_header(const std::string& name);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace trellis::testing
