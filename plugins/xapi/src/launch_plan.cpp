#include "launch_plan.hpp"

#include <nlohmann/json.hpp>

#include "trellis/cpp/core.hpp"

namespace trellis::xapi {

std::string launch_plan(std::string_view request_text) {
  using json = nlohmann::json;
  json request = json::parse(request_text, nullptr, false);
  if (!request.is_object() || request.value("schema", "") != "trellis.launch-request/1")
    throw InvalidInput("not a trellis.launch-request/1 document");
  const json module = request.value("module", json::object());
  if (!module.is_object() || module.value("kind", "") != "activity")
    throw InvalidInput("the module is not a TinCan activity (kind must be \"activity\")");
  // The activity keeps its own id (the content states about it, unlike a cmi5
  // AU, whose LMS names it): {module_identifier} is the publisher's id.
  json plan = {{"schema", "trellis.launch-plan/1"},
               {"api", "xapi-launch"},
               {"window", "any"},
               {"query",
                {{"endpoint", "{endpoint}"},
                 {"auth", "{auth}"},
                 {"actor", "{actor}"},
                 {"registration", "{registration}"},
                 {"activity_id", "{module_identifier}"}}},
               {"documents", json::array()},
               {"statements", json::array()},
               {"session", {{"rules", "none"}, {"activity_id", "{module_identifier}"}}}};
  return plan.dump();
}

}  // namespace trellis::xapi
