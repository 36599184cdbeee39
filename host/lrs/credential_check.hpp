// The check of HTTP Basic credentials, one for the whole process: every gate of
// the server (the xAPI resources, the administration API, records export,
// discussions) asks the same checker, so a client's failures count wherever they
// happen. It is built so that neither answer time nor CPU is the attacker's:
// - a key and secret that passed are remembered by a digest (never the secret),
//   so a client pays the ~100k PBKDF2 rounds once; whether the key is revoked is
//   still read from the database at every check;
// - an unknown or revoked key is verified against a hash of the same cost, so it
//   answers as slowly as a wrong secret and the time tells no key apart;
// - failures are counted per client address and per key; once either has used
//   its burst, checks are answered "throttled" (HTTP 429 with Retry-After)
//   without any PBKDF2 until a failure is allowed again. Remembered credentials
//   pass even then, so an attacker hammering a key does not lock out its owner.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <variant>

#include "core/result.hpp"
#include "lrs/credentials.hpp"
#include "lrs/failure_throttle.hpp"
#include "store/database.hpp"

namespace trellis::lrs {

// No credentials, malformed ones, or ones that failed: the 401.
struct Unauthenticated {};

// Too many failures from this address or for this key: the 429.
struct Throttled {
  int retry_after_seconds = 1;
};

using CredentialOutcome = std::variant<Principal, Unauthenticated, Throttled>;

struct CredentialCheckOptions {
  using Clock = FailureThrottle::Clock;
  // Failures allowed in a burst, per address and per key, and how often one more
  // comes back: 10 at once, then one every 6 s (10 a minute, ~0.5 s of CPU).
  int failure_burst = 10;
  Clock::duration failure_refill = std::chrono::seconds(6);
  // Replaceable so tests can count verifications and move time.
  std::function<bool(const std::string& secret, const std::string& stored_hash)> verify = verify_secret;
  std::function<Clock::time_point()> now = [] { return Clock::now(); };
};

class CredentialChecker {
 public:
  explicit CredentialChecker(CredentialCheckOptions options = {});

  // `client_address`: the peer the request came from (the throttle's first name).
  Result<CredentialOutcome> check(store::Database& db, const std::string& authorization_header,
                                  std::string_view client_address);

 private:
  const std::string& unknown_key_hash();
  Throttled throttled_for(FailureThrottle::Clock::duration wait) const;

  CredentialCheckOptions options_;
  std::once_flag unknown_key_hash_once_;
  std::string unknown_key_hash_;  // a hash no secret matches, of the cost real ones have
  std::mutex mutex_;              // guards what follows
  std::set<std::string> verified_;  // sha256(key ":" secret ":" stored hash) of checks that passed
  FailureThrottle by_address_;
  FailureThrottle by_key_;
};

// The process's checker, made on first use.
CredentialChecker& credential_checker();

}  // namespace trellis::lrs
