#include "http/lrs/info_resources.hpp"

#include "core/version.hpp"
#include "json/bounded_parse.hpp"
#include "xapi/agent.hpp"
#include "xapi/identifiers.hpp"
#include "lrs/statement_validator.hpp"
#include "records/statement_store.hpp"

namespace trellis::lrs {

using json = nlohmann::json;

void about_resource(LrsContext&, const XapiRequest& req, http::Response& res) {
  if (req.method != "GET" && req.method != "HEAD") return xapi_error(res, 405, "About takes GET");
  json body = {{"version", {"1.0.0", "1.0.1", "1.0.2", "1.0.3", "2.0.0"}},
               {"extensions", {{"urn:trellis:host-version", kHostVersion}}}};
  res.set_body(body.dump(), "application/json");
}

void agents_resource(LrsContext&, const XapiRequest& req, http::Response& res) {
  if (req.method != "GET" && req.method != "HEAD") return xapi_error(res, 405, "Agents takes GET");
  for (const auto& [k, v] : req.params)
    if (k != "agent") return xapi_error(res, 400, "unknown parameter '" + k + "'");
  auto agent = req.param("agent");
  if (!agent) return xapi_error(res, 400, "agent is required");
  json a = parse_json_or_discarded(*agent, kRequestJson);
  if (a.is_discarded()) return xapi_error(res, 400, "agent is not JSON");
  if (auto st = validate_agent_parameter(a, req.version); !st) return xapi_error(res, st.error());
  res.set_body(xapi::person_of(a).dump(), "application/json");
}

void activities_resource(LrsContext& ctx, const XapiRequest& req, http::Response& res) {
  if (req.method != "GET" && req.method != "HEAD") return xapi_error(res, 405, "Activities takes GET");
  for (const auto& [k, v] : req.params)
    if (k != "activityId") return xapi_error(res, 400, "unknown parameter '" + k + "'");
  auto id = req.param("activityId");
  if (!id) return xapi_error(res, 400, "activityId is required");
  if (!xapi::is_iri(*id)) return xapi_error(res, 400, "activityId must be an IRI");
  auto lease = ctx.runtime.pool.acquire();
  if (!lease) return xapi_error(res, lease.error());
  auto definition = records::find_activity_definition(**lease, *id);
  if (!definition) return xapi_error(res, definition.error());
  json body = {{"objectType", "Activity"}, {"id", *id}};
  if (*definition) body["definition"] = **definition;
  res.set_body(body.dump(), "application/json");
}

}  // namespace trellis::lrs
