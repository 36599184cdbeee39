// How much of the actor a destination may see. The statement keeps its id, verb,
// object and result; only the actor's identity changes.
//  - as_is: unchanged.
//  - mbox_sha1sum: the agent's IFI becomes an mbox_sha1sum (the SHA-1 of the
//    mbox IRI as xAPI defines it; for openid/account agents the SHA-1 of the
//    IFI's canonical text), name dropped. Linkable to a known mailbox.
//  - pseudonym: an account {homePage, name = hex HMAC-SHA256(secret, IFI)}, name
//    dropped. Stable per destination, unlinkable without the secret.
// Groups: the group's own IFI and every member are treated the same way.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace trellis::forward {

enum class Privacy { as_is, mbox_sha1sum, pseudonym };

std::optional<Privacy> parse_privacy(std::string_view text);

struct PrivacySettings {
  Privacy mode = Privacy::as_is;
  std::string secret;     // pseudonym only
  std::string home_page;  // pseudonym accounts' homePage
};

// The canonical text of an agent's IFI ("mbox:mailto:a@b", "account:<home> <name>"...), "" when none.
std::string ifi_text(const nlohmann::json& agent);

void apply_privacy(nlohmann::json& statement, const PrivacySettings& settings);

std::string sha1_hex(std::string_view data);
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

}  // namespace trellis::forward
