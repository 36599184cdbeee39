// Agents as the LRS indexes and answers them: one key per inverse functional
// identifier, so two mentions of the same person match whatever else they carry.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace trellis::xapi {

// "mbox:mailto:a@b", "mbox_sha1sum:<hex>", "openid:<iri>", "account:<homePage> <name>";
// "" for an anonymous group. The agent must have been validated.
std::string agent_key(const nlohmann::json& agent);

// The Person object of the Agents resource for a validated agent.
nlohmann::json person_of(const nlohmann::json& agent);

// Only the identifying properties (the `ids` statement format).
nlohmann::json agent_ids_only(const nlohmann::json& agent);

}  // namespace trellis::xapi
