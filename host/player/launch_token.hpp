// Launch tokens: 256 random bits, base64url (43 characters), carried in the
// content origin's URL path. Only their SHA-256 is stored, so a copy of the
// database lets nobody launch.
#pragma once

#include <string>
#include <string_view>

namespace trellis::player {

struct NewToken {
  std::string token;  // given to the learner's browser, never stored
  std::string hash;   // SHA-256 hex, the stored key
};

NewToken new_launch_token();
std::string token_hash(std::string_view token);
// 43 characters of the base64url alphabet: anything else is no token of ours.
bool looks_like_token(std::string_view text);

}  // namespace trellis::player
