// Mailboxes become one mbox however they are written, and the index key follows.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "xapi/agent.hpp"

using trellis::xapi::agent_key;
using trellis::xapi::mbox_iri;

TEST_CASE("a mailbox written bare or as a mailto: IRI in any case is one mbox", "[xapi][agent]") {
  CHECK(mbox_iri("ana@example.org") == "mailto:ana@example.org");
  CHECK(mbox_iri("mailto:ana@example.org") == "mailto:ana@example.org");
  CHECK(mbox_iri("MAILTO:ana@example.org") == "mailto:ana@example.org");
  CHECK(mbox_iri("MailTo:Ana@Example.org") == "mailto:Ana@Example.org");  // the address as written
  CHECK(mbox_iri("jos\xc3\xa9@example.org") == "mailto:jos\xc3\xa9@example.org");
}

TEST_CASE("what is no plain mailbox gets no mbox", "[xapi][agent]") {
  for (const char* text : {"", "mailto:", "ana", "@example.org", "ana@", "mailto:@example.org", "a@b@c",
                           "mailto:mailto:ana@example.org", "ana @example.org", "ana@example.org\n",
                           "<ana@example.org>", "ana@example.org?subject=hi", "ana@example.org#x", "50%@example.org"})
    CHECK_FALSE(mbox_iri(text).has_value());
}

TEST_CASE("agents whose mbox differs only in the scheme's case share one index key", "[xapi][agent]") {
  auto key = agent_key({{"mbox", "mailto:ana@example.org"}});
  CHECK(key == "mbox:mailto:ana@example.org");
  CHECK(agent_key({{"mbox", "MAILTO:ana@example.org"}}) == key);
  CHECK(agent_key({{"objectType", "Agent"}, {"name", "Ana"}, {"mbox", "mailto:ana@example.org"}}) == key);
  // An mbox that is no plain mailbox keys as written, so it still matches itself.
  CHECK(agent_key({{"mbox", "mailto:a@b?x"}}) == "mbox:mailto:a@b?x");
  CHECK(agent_key({{"mbox_sha1sum", "abc"}}) == "mbox_sha1sum:abc");
}
