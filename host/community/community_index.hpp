// How native threads and posts appear in the knowledge index (kind "thread" or
// "post", source "native", ref = their id), so knowledge search finds them with
// everything else attached to a module. Call inside the change's transaction.
#pragma once

#include "community/community_store.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::community {

inline constexpr const char* kNativeSource = "native";

// The thread's entry carries its opening post as body: the opening post has no
// entry of its own, so a search finds a thread once.
Status index_thread(store::Database& db, const Thread& thread, const Post& opening);
// A reply (position > 0), kind "post", naming its thread.
Status index_post(store::Database& db, const Thread& thread, const Post& reply);

}  // namespace trellis::community
