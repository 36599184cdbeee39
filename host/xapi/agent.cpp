#include "xapi/agent.hpp"

#include <cctype>

namespace trellis::xapi {
namespace {

constexpr std::string_view kScheme = "mailto:";

bool starts_with_scheme(std::string_view text) {
  if (text.size() < kScheme.size()) return false;
  for (size_t i = 0; i < kScheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != kScheme[i]) return false;
  return true;
}

bool plain_address_char(unsigned char c) {
  if (c <= ' ' || c == 0x7F) return false;
  switch (c) {
    case '<': case '>': case '"': case '?': case '#': case '/': case '%': case ':':
      return false;
    default:
      return true;  // UTF-8 bytes of an internationalised address (RFC 6531) included
  }
}

}  // namespace

std::optional<std::string> mbox_iri(std::string_view mailbox) {
  std::string_view address = starts_with_scheme(mailbox) ? mailbox.substr(kScheme.size()) : mailbox;
  auto at = address.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) return std::nullopt;
  if (address.find('@', at + 1) != std::string_view::npos) return std::nullopt;
  for (unsigned char c : address)
    if (!plain_address_char(c)) return std::nullopt;
  return std::string(kScheme) + std::string(address);
}

std::string agent_key(const nlohmann::json& a) {
  if (a.contains("mbox")) {
    const auto& mbox = a["mbox"].get_ref<const std::string&>();
    // A validated mbox that is no plain mailbox (a quoted local part, say) keeps
    // its written form: it then matches only itself, as before.
    return "mbox:" + mbox_iri(mbox).value_or(mbox);
  }
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
