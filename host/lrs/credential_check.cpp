#include "lrs/credential_check.hpp"

#include <openssl/rand.h>

#include <algorithm>

#include "core/hex.hpp"
#include "core/sha256.hpp"
#include "records/key_store.hpp"

namespace trellis::lrs {
namespace {

// The secret of the stand-in hash: random, never shown, so nothing matches it.
std::string unguessable_secret() {
  unsigned char bytes[32];
  RAND_bytes(bytes, sizeof bytes);
  return hex_encode(bytes, sizeof bytes);
}

}  // namespace

CredentialChecker::CredentialChecker(CredentialCheckOptions options)
    : options_(std::move(options)),
      by_address_(options_.failure_burst, options_.failure_refill),
      by_key_(options_.failure_burst, options_.failure_refill) {}

const std::string& CredentialChecker::unknown_key_hash() {
  // Made by the same function as real hashes, so it has their salt size and
  // iteration count, and verifying against it costs what a wrong secret costs.
  std::call_once(unknown_key_hash_once_, [this] { unknown_key_hash_ = hash_secret(unguessable_secret()); });
  return unknown_key_hash_;
}

Throttled CredentialChecker::throttled_for(FailureThrottle::Clock::duration wait) const {
  auto seconds = std::chrono::ceil<std::chrono::seconds>(wait).count();
  return Throttled{static_cast<int>(std::max<decltype(seconds)>(1, seconds))};
}

Result<CredentialOutcome> CredentialChecker::check(store::Database& db, const std::string& header,
                                                   std::string_view client_address) {
  // Without credentials to verify there is nothing to spend or to count.
  auto given = basic_credentials(header);
  if (!given) return CredentialOutcome(Unauthenticated{});
  auto stored = records::find_key(db, given->key);
  if (!stored) return stored.error();
  bool usable = stored->has_value() && !(*stored)->revoked;
  const std::string& hash = stored->has_value() ? (*stored)->secret_hash : unknown_key_hash();
  auto passed = [&] {
    const records::LrsKey& k = **stored;
    return CredentialOutcome(Principal{given->key, k.name, authority_for(given->key, k.name), k.scopes, std::nullopt, false});
  };
  std::string digest = sha256_hex(given->key + ":" + given->secret + ":" + hash);
  std::string address(client_address);
  // Keys are hashed so an attacker's long made-up keys cost the table little.
  std::string key_name = sha256_hex(given->key);
  {
    std::lock_guard lock(mutex_);
    if (usable && verified_.count(digest) > 0) return passed();
    auto now = options_.now();
    auto wait = std::max(by_address_.wait_before_next(address, now), by_key_.wait_before_next(key_name, now));
    if (wait > FailureThrottle::Clock::duration::zero()) return CredentialOutcome(throttled_for(wait));
    // Charged before verifying, so checks that run at the same time cannot all
    // pass the test above and spend more verifications than the burst allows.
    by_address_.charge(address, now);
    by_key_.charge(key_name, now);
  }
  // Outside the lock: the verification is the slow part, and other checks go on.
  // A revoked key is verified too, so it answers in the time any other failure takes.
  bool matches = options_.verify(given->secret, hash);
  if (!matches || !usable) return CredentialOutcome(Unauthenticated{});
  std::lock_guard lock(mutex_);
  auto now = options_.now();
  by_address_.refund(address, now);
  by_key_.refund(key_name, now);
  verified_.insert(digest);
  return passed();
}

CredentialChecker& credential_checker() {
  static CredentialChecker checker;
  return checker;
}

}  // namespace trellis::lrs
