// Agents as the LRS indexes and answers them: one key per inverse functional
// identifier, so two mentions of the same person match whatever else they carry.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace trellis::xapi {

// The one place a mailbox becomes an Agent's `mbox`: "mailto:" + the address,
// for an address written bare ("ana@example.org") or as a mailto: IRI whose
// scheme may be in any case ("MAILTO:ana@example.org"; schemes are
// case-insensitive, RFC 3986 3.1). The address itself is kept as written: its
// local part may be case-sensitive (RFC 5321 2.4). nullopt when what is left is
// no plain mailbox: not one '@' with text on both sides, or a character a
// mailto: IRI would need to quote or that no address carries (white space,
// control characters, <>"?#/%: and a second scheme, as in "mailto:mailto:a@b").
std::optional<std::string> mbox_iri(std::string_view mailbox);

// "mbox:mailto:a@b", "mbox_sha1sum:<hex>", "openid:<iri>", "account:<homePage> <name>";
// "" for an anonymous group. The agent must have been validated. The mbox goes
// through mbox_iri, so every spelling of a mailbox indexes, matches and is
// erased as one person.
std::string agent_key(const nlohmann::json& agent);

// The Person object of the Agents resource for a validated agent.
nlohmann::json person_of(const nlohmann::json& agent);

// Only the identifying properties (the `ids` statement format).
nlohmann::json agent_ids_only(const nlohmann::json& agent);

}  // namespace trellis::xapi
