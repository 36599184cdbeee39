// Reading what names people over HTTP: the knowledge read rule
// (knowledge/read_access.hpp) applied to a request. The discussion routes, the
// search and the document route all go through here, so a search never shows
// what the route behind a result would refuse.
#pragma once

#include <optional>
#include <string_view>

#include "app/runtime.hpp"
#include "http/admin_gate.hpp"
#include "http/server/router.hpp"
#include "knowledge/read_access.hpp"

namespace trellis {

// The key that opens threads, posts and experts (and writes discussions, whose
// statements it then vouches for as their authority).
inline constexpr ScopeGate kPeopleGate{knowledge::kPeopleScope, "'all'", "trellis",
                                       "discussions and experts name people: they need HTTP Basic credentials of an "
                                       "LRS key with the 'all' scope (`trellis lrs key create`)"};

// What the request's caller may read: anonymous without a key. nullopt once the
// request is answered (401 wrong credentials, 429 throttled).
std::optional<knowledge::ReadAccess> read_access(Runtime& runtime, http::Request& req, http::Response& res);

// True when `access` may read `kind`; otherwise answers 401 (no key) or 403 (a
// key without the scope) and returns false.
bool allow_kind(const knowledge::ReadAccess& access, std::string_view kind, const http::Request& req,
                http::Response& res);

// A route's guard: the caller identified, then allow_kind(kind).
http::Guard read_guard(Runtime& runtime, std::string_view kind);

}  // namespace trellis
