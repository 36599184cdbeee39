// Passwords hashed with Argon2id through libsodium (crypto_pwhash_str): a
// memory-hard function, so guessing a stolen hash costs memory as well as
// time. The stored string carries its salt and cost, so raising the cost
// later still verifies old hashes (and needs_rehash says to upgrade them).
#pragma once

#include <string>

#include "core/result.hpp"

namespace trellis::accounts {

// Passwords are 12 to 1,024 bytes: shorter ones fall to guessing, longer ones
// only cost the server hashing time.
Status check_password_rules(const std::string& password);
Result<std::string> hash_password(const std::string& password);
bool verify_password(const std::string& password, const std::string& stored);
bool needs_rehash(const std::string& stored);

// 32 random bytes as unpadded base64url (43 characters): session, CSRF and invitation tokens.
std::string random_token();

}  // namespace trellis::accounts
