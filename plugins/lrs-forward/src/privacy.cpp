#include "privacy.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace trellis::forward {
namespace {

std::string hex(const unsigned char* bytes, unsigned int size) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    out.push_back(digits[bytes[i] >> 4]);
    out.push_back(digits[bytes[i] & 15]);
  }
  return out;
}

void hide_agent(nlohmann::json& agent, const PrivacySettings& s) {
  if (!agent.is_object()) return;
  std::string ifi = ifi_text(agent);
  if (!ifi.empty()) {
    std::string hidden_sha1;
    if (s.mode == Privacy::mbox_sha1sum) {
      if (agent.contains("mbox_sha1sum")) hidden_sha1 = agent["mbox_sha1sum"].get<std::string>();
      else if (agent.contains("mbox")) hidden_sha1 = sha1_hex(agent["mbox"].get<std::string>());
      else hidden_sha1 = sha1_hex(ifi);
    }
    for (const char* key : {"mbox", "mbox_sha1sum", "openid", "account", "name"}) agent.erase(key);
    if (s.mode == Privacy::mbox_sha1sum) {
      agent["mbox_sha1sum"] = hidden_sha1;
    } else {
      agent["account"] = {{"homePage", s.home_page}, {"name", hmac_sha256_hex(s.secret, ifi)}};
    }
  } else {
    agent.erase("name");
  }
  if (agent.contains("member") && agent["member"].is_array())
    for (auto& member : agent["member"]) hide_agent(member, s);
}

}  // namespace

std::optional<Privacy> parse_privacy(std::string_view text) {
  if (text.empty() || text == "as-is") return Privacy::as_is;
  if (text == "mbox_sha1sum") return Privacy::mbox_sha1sum;
  if (text == "pseudonym") return Privacy::pseudonym;
  return std::nullopt;
}

std::string ifi_text(const nlohmann::json& agent) {
  auto text = [&agent](const char* key) {
    auto it = agent.find(key);
    return it != agent.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (auto v = text("mbox"); !v.empty()) return "mbox:" + v;
  if (auto v = text("mbox_sha1sum"); !v.empty()) return "mbox_sha1sum:" + v;
  if (auto v = text("openid"); !v.empty()) return "openid:" + v;
  auto account = agent.find("account");
  if (account != agent.end() && account->is_object())
    return "account:" + account->value("homePage", std::string()) + " " + account->value("name", std::string());
  return {};
}

void apply_privacy(nlohmann::json& statement, const PrivacySettings& settings) {
  if (settings.mode == Privacy::as_is || !statement.contains("actor")) return;
  hide_agent(statement["actor"], settings);
}

std::string sha1_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha1(), nullptr);
  return hex(digest, size);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), digest, &size);
  return hex(digest, size);
}

}  // namespace trellis::forward
