// The one credential checker, with its verifier and clock replaced: what it
// spends (how many PBKDF2 verifications, against which hash) and when it
// throttles are asserted directly, never through timings.
#include <catch2/catch.hpp>

#include <httplib.h>

#include "lrs/credential_check.hpp"
#include "records/key_store.hpp"
#include "records/records_schema.hpp"
#include "store/schema.hpp"
#include "support.hpp"

using namespace trellis;
using Clock = lrs::FailureThrottle::Clock;

namespace {

std::string basic(const std::string& key, const std::string& secret) {
  return httplib::make_basic_authentication_header(key, secret).second;
}

// "pbkdf2-sha256$100000$": what decides a verification's cost (scheme, rounds).
std::string cost_of(const std::string& stored_hash) {
  auto first = stored_hash.find('$');
  return stored_hash.substr(0, stored_hash.find('$', first + 1) + 1);
}

struct Fixture {
  testing::TempDir dir;
  store::Database db;
  lrs::NewCredentials made;
  std::string stored_hash;
  // Every verification the checker asks for, with the hash it was asked against.
  std::vector<std::string> verified_against;
  Clock::time_point now = Clock::now();
  lrs::CredentialChecker checker;

  Fixture()
      : db(open(dir)),
        made(create(db)),
        stored_hash(find(db, made.key).secret_hash),
        checker(options(verified_against, now)) {}

  static store::Database open(const testing::TempDir& dir) {
    auto db = store::Database::open(dir / "t.db");
    REQUIRE(db);
    REQUIRE(store::migrate(*db, {store::host_schema(), store::records_schema()}, "0.0.0-test").ok());
    return std::move(db).value();
  }
  static lrs::NewCredentials create(store::Database& db) {
    auto made = lrs::create_credentials(db, "tests");
    REQUIRE(made);
    return std::move(made).value();
  }
  static records::LrsKey find(store::Database& db, const std::string& key) {
    auto found = records::find_key(db, key);
    REQUIRE(found);
    REQUIRE(found->has_value());
    return **found;
  }
  static lrs::CredentialCheckOptions options(std::vector<std::string>& calls, Clock::time_point& now) {
    lrs::CredentialCheckOptions o;
    o.failure_burst = 3;
    o.failure_refill = std::chrono::seconds(20);
    o.verify = [&calls](const std::string& secret, const std::string& hash) {
      calls.push_back(hash);
      return lrs::verify_secret(secret, hash);
    };
    o.now = [&now] { return now; };
    return o;
  }

  lrs::CredentialOutcome check(const std::string& header, const std::string& address = "192.0.2.1") {
    auto out = checker.check(db, header, address);
    REQUIRE(out);
    return std::move(out).value();
  }
};

template <typename T>
bool is(const lrs::CredentialOutcome& outcome) {
  return std::holds_alternative<T>(outcome);
}

}  // namespace

TEST_CASE("an unknown key costs the same PBKDF2 verification as a wrong secret", "[lrs][credentials]") {
  Fixture f;
  CHECK(is<lrs::Unauthenticated>(f.check(basic(f.made.key, "wrong secret"))));
  REQUIRE(f.verified_against.size() == 1);
  CHECK(f.verified_against[0] == f.stored_hash);

  CHECK(is<lrs::Unauthenticated>(f.check(basic("no-such-key", "any secret"), "192.0.2.2")));
  REQUIRE(f.verified_against.size() == 2);
  // Not the real key's hash (it is no one's), but one of the same scheme and rounds.
  CHECK(f.verified_against[1] != f.stored_hash);
  CHECK(cost_of(f.verified_against[1]) == cost_of(f.stored_hash));
  CHECK(cost_of(f.stored_hash).find("pbkdf2-sha256$") == 0);

  // A revoked key is verified as well, then refused.
  REQUIRE(records::revoke_key(f.db, f.made.key).ok());
  CHECK(is<lrs::Unauthenticated>(f.check(basic(f.made.key, f.made.secret), "192.0.2.3")));
  CHECK(f.verified_against.size() == 3);

  // No credentials at all: nothing to verify, nothing spent.
  CHECK(is<lrs::Unauthenticated>(f.check("")));
  CHECK(is<lrs::Unauthenticated>(f.check("Bearer abc")));
  CHECK(f.verified_against.size() == 3);
}

TEST_CASE("verified credentials are remembered, and revoking the key still ends them", "[lrs][credentials]") {
  Fixture f;
  auto first = f.check(basic(f.made.key, f.made.secret));
  REQUIRE(is<lrs::Principal>(first));
  CHECK(std::get<lrs::Principal>(first).key == f.made.key);
  CHECK(std::get<lrs::Principal>(first).has_scope(lrs::kScopeXapi));
  for (int i = 0; i < 5; ++i) CHECK(is<lrs::Principal>(f.check(basic(f.made.key, f.made.secret))));
  CHECK(f.verified_against.size() == 1);

  REQUIRE(records::revoke_key(f.db, f.made.key).ok());
  CHECK(is<lrs::Unauthenticated>(f.check(basic(f.made.key, f.made.secret))));
}

TEST_CASE("failures from one address are throttled after the burst, without verifying, until time passes",
          "[lrs][credentials]") {
  Fixture f;
  for (int i = 0; i < 3; ++i) CHECK(is<lrs::Unauthenticated>(f.check(basic("guess-" + std::to_string(i), "x"))));
  CHECK(f.verified_against.size() == 3);

  auto fourth = f.check(basic("guess-3", "x"));
  REQUIRE(is<lrs::Throttled>(fourth));
  CHECK(std::get<lrs::Throttled>(fourth).retry_after_seconds == 20);
  CHECK(f.verified_against.size() == 3);  // refused before any PBKDF2
  // The right secret too: without verifying it the checker cannot know it is right.
  CHECK(is<lrs::Throttled>(f.check(basic(f.made.key, f.made.secret))));

  // Another address is not held back by this one's failures.
  CHECK(is<lrs::Principal>(f.check(basic(f.made.key, f.made.secret), "198.51.100.7")));

  f.now += std::chrono::seconds(15);
  auto later = f.check(basic("guess-4", "x"));
  REQUIRE(is<lrs::Throttled>(later));
  CHECK(std::get<lrs::Throttled>(later).retry_after_seconds == 5);
  f.now += std::chrono::seconds(5);
  CHECK(is<lrs::Unauthenticated>(f.check(basic("guess-4", "x"))));  // one failure came back
  CHECK(is<lrs::Throttled>(f.check(basic("guess-5", "x"))));        // and only one
}

TEST_CASE("failures on one key are throttled whatever address they come from, and its remembered holder still passes",
          "[lrs][credentials]") {
  Fixture f;
  REQUIRE(is<lrs::Principal>(f.check(basic(f.made.key, f.made.secret), "203.0.113.1")));
  for (int i = 0; i < 3; ++i)
    CHECK(is<lrs::Unauthenticated>(f.check(basic(f.made.key, "guess"), "192.0.2." + std::to_string(10 + i))));
  auto next = f.check(basic(f.made.key, "guess"), "192.0.2.99");
  CHECK(is<lrs::Throttled>(next));
  CHECK(f.verified_against.size() == 4);
  // The client that already proved its secret costs no verification and keeps working.
  CHECK(is<lrs::Principal>(f.check(basic(f.made.key, f.made.secret), "203.0.113.1")));
  // Other keys from fresh addresses are not affected.
  CHECK(is<lrs::Unauthenticated>(f.check(basic("other-key", "x"), "192.0.2.200")));
}

TEST_CASE("a success gives back what its check was charged", "[lrs][credentials]") {
  Fixture f;
  for (int i = 0; i < 2; ++i) CHECK(is<lrs::Unauthenticated>(f.check(basic("guess-" + std::to_string(i), "x"))));
  // The first check of the right secret is charged while it runs, then refunded.
  CHECK(is<lrs::Principal>(f.check(basic(f.made.key, f.made.secret))));
  CHECK(is<lrs::Unauthenticated>(f.check(basic("guess-2", "x"))));
  CHECK(is<lrs::Throttled>(f.check(basic("guess-3", "x"))));
}
