// Delivering a batch of statements to a remote LRS and deciding each one's fate.
// The remote stores a POSTed batch all-or-nothing, so when it refuses a batch
// (400, 409, 413) the batch is halved until the refusal is pinned on single
// statements; the rest go through. A statement id is always sent, so a re-send of
// something already stored is answered 200/204 (same content) or 409 (taken).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::forward {

struct PostReply {
  int status = 0;           // 0: no answer (connection refused, timeout)
  std::string body;         // or the transport error when status is 0
};

enum class Fate { delivered, refused, retry };

using Post = std::function<PostReply(const std::string& json_array)>;
using Report = std::function<void(size_t index, Fate fate, const std::string& reason)>;

// `statements` are JSON texts; reports every index in [0, size) exactly once.
void deliver(const std::vector<std::string>& statements, const Post& post, const Report& report);

// The remote's reason, short enough to show in a listing.
std::string reason_of(const PostReply& reply);

}  // namespace trellis::forward
