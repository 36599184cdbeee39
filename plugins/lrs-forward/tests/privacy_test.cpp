#include <catch2/catch.hpp>

#include "privacy.hpp"

using namespace trellis::forward;

namespace {
nlohmann::json statement_with(nlohmann::json actor) {
  return {{"id", "x"}, {"actor", std::move(actor)}, {"verb", {{"id", "http://v"}}}, {"object", {{"id", "http://o"}}}};
}
}  // namespace

TEST_CASE("known digests: FIPS 180 SHA-1 and RFC 4231 HMAC-SHA256") {
  CHECK(sha1_hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(hmac_sha256_hex(std::string(20, '\x0b'), "Hi There") ==
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST_CASE("as-is leaves the actor alone") {
  auto s = statement_with({{"mbox", "mailto:ana@example.org"}, {"name", "Ana"}});
  auto before = s;
  apply_privacy(s, {Privacy::as_is, {}, {}});
  CHECK(s == before);
}

TEST_CASE("mbox_sha1sum replaces the mailbox by its SHA-1 and drops the name") {
  auto s = statement_with({{"objectType", "Agent"}, {"mbox", "mailto:ana@example.org"}, {"name", "Ana"}});
  apply_privacy(s, {Privacy::mbox_sha1sum, {}, {}});
  CHECK(s["actor"] == nlohmann::json({{"objectType", "Agent"}, {"mbox_sha1sum", sha1_hex("mailto:ana@example.org")}}));
  CHECK(s["id"] == "x");
  CHECK(s["verb"]["id"] == "http://v");
}

TEST_CASE("pseudonyms are keyed, stable, and cover group members") {
  PrivacySettings p{Privacy::pseudonym, "0123456789abcdef-secret", "https://lrs.example/pseudonyms"};
  auto a = statement_with({{"account", {{"homePage", "https://lms"}, {"name", "ana"}}}, {"name", "Ana"}});
  auto b = a;
  apply_privacy(a, p);
  apply_privacy(b, p);
  CHECK(a == b);
  CHECK_FALSE(a["actor"].contains("name"));
  CHECK(a["actor"]["account"]["homePage"] == "https://lrs.example/pseudonyms");
  CHECK(a["actor"]["account"]["name"] == hmac_sha256_hex(p.secret, "account:https://lms ana"));
  auto other_key = statement_with({{"account", {{"homePage", "https://lms"}, {"name", "ana"}}}});
  apply_privacy(other_key, {Privacy::pseudonym, "another-secret-of-16+", "https://lrs.example/pseudonyms"});
  CHECK(other_key["actor"]["account"]["name"] != a["actor"]["account"]["name"]);

  auto group = statement_with({{"objectType", "Group"}, {"name", "Team"},
                               {"member", {{{"mbox", "mailto:a@x"}, {"name", "A"}}, {{"openid", "http://id/b"}}}}});
  apply_privacy(group, p);
  CHECK_FALSE(group["actor"].contains("name"));
  CHECK(group["actor"]["member"][0]["account"]["name"] == hmac_sha256_hex(p.secret, "mbox:mailto:a@x"));
  CHECK_FALSE(group["actor"]["member"][0].contains("mbox"));
  CHECK(group["actor"]["member"][1]["account"]["name"] == hmac_sha256_hex(p.secret, "openid:http://id/b"));
}

TEST_CASE("privacy mode names") {
  CHECK(parse_privacy("as-is") == Privacy::as_is);
  CHECK(parse_privacy("") == Privacy::as_is);
  CHECK(parse_privacy("mbox_sha1sum") == Privacy::mbox_sha1sum);
  CHECK(parse_privacy("pseudonym") == Privacy::pseudonym);
  CHECK_FALSE(parse_privacy("hidden"));
}
