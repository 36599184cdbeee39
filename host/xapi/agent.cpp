#include "xapi/agent.hpp"

namespace trellis::xapi {

std::string agent_key(const nlohmann::json& a) {
  if (a.contains("mbox")) return "mbox:" + a["mbox"].get<std::string>();
  if (a.contains("mbox_sha1sum")) return "mbox_sha1sum:" + a["mbox_sha1sum"].get<std::string>();
  if (a.contains("openid")) return "openid:" + a["openid"].get<std::string>();
  if (a.contains("account"))
    return "account:" + a["account"]["homePage"].get<std::string>() + " " + a["account"]["name"].get<std::string>();
  return {};
}

nlohmann::json person_of(const nlohmann::json& a) {
  nlohmann::json p = {{"objectType", "Person"}};
  if (a.contains("name")) p["name"] = nlohmann::json::array({a["name"]});
  for (const char* ifi : {"mbox", "mbox_sha1sum", "openid", "account"})
    if (a.contains(ifi)) p[ifi] = nlohmann::json::array({a[ifi]});
  return p;
}

nlohmann::json agent_ids_only(const nlohmann::json& a) {
  nlohmann::json out = nlohmann::json::object();
  if (a.contains("objectType")) out["objectType"] = a["objectType"];
  for (const char* ifi : {"mbox", "mbox_sha1sum", "openid", "account"})
    if (a.contains(ifi)) out[ifi] = a[ifi];
  if (a.contains("member") && agent_key(a).empty()) {
    out["member"] = nlohmann::json::array();
    for (const auto& m : a["member"]) out["member"].push_back(agent_ids_only(m));
  }
  return out;
}

}  // namespace trellis::xapi
