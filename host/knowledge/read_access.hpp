// Who may read what of the knowledge index: the one rule knowledge search (HTTP
// and CLI), the document route and the discussion routes share, so what a
// search shows never goes past what the route behind a result would show.
//
// Threads, posts and experts name people (authors, reply bodies, e-mail
// addresses and phone numbers): they are read with a key holding the LRS scope
// "all", the key an LMS already holds for /xapi/. Modules, documents and events
// are public, as the catalog's reads are; for a reader without that scope even
// their author fields are neither searched nor shown.
#pragma once

#include <string_view>
#include <vector>

#include "lrs/credentials.hpp"

namespace trellis::knowledge {

// The scope that opens the kinds which name people.
inline constexpr std::string_view kPeopleScope = lrs::kScopeXapi;

class ReadAccess {
 public:
  // A caller over HTTP: nullptr when it sent no key.
  static ReadAccess for_caller(const lrs::Principal* caller);
  // No key at all: what anyone who can reach the server reads.
  static ReadAccess anonymous() { return ReadAccess(false); }
  // The CLI: whoever can open the home's database reads all of it anyway.
  static ReadAccess home_owner() { return ReadAccess(true); }
  // A person signed in to the console: a member of the organisation, who reads
  // colleagues' threads and names (what the console's search is for).
  static ReadAccess colleague() { return ReadAccess(true); }

  bool may_read(std::string_view kind) const;
  // Whether people's names may be searched and shown (the author field).
  bool reads_people() const { return people_; }
  // The kinds of the index this reader may read, in the index's order.
  std::vector<std::string_view> readable_kinds() const;

 private:
  explicit ReadAccess(bool people) : people_(people) {}
  bool people_;
};

// thread, post and expert.
bool names_people(std::string_view kind);

}  // namespace trellis::knowledge
