// What the community accepts from a poster, checked before anything is written:
// each refusal names the field and the rule, and the limit when there is one.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::community {

struct PostLimits {
  size_t max_post_bytes = 64 * 1024;  // host setting community.max_post_bytes
};

// Reads the community settings of the home; a malformed value is refused naming it.
Result<PostLimits> load_post_limits(store::Database& db);

// A post body: not blank, valid UTF-8, no control characters but tab and line
// breaks, at most `limits.max_post_bytes` bytes.
Status check_body(std::string_view body, const PostLimits& limits);
// One line of text (title, author, who accepted): not blank, valid UTF-8, no
// control characters, at most `max_bytes`.
Status check_line(std::string_view field, std::string_view value, size_t max_bytes);
// Trimmed, duplicates dropped; each tag one line without commas, at most 64
// bytes; at most 20 tags.
Result<std::vector<std::string>> normalise_tags(const std::vector<std::string>& tags);

inline constexpr size_t kMaxTitleBytes = 300;
inline constexpr size_t kMaxAuthorBytes = 200;

}  // namespace trellis::community
