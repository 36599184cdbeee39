#include "accounts/password.hpp"

#include <sodium.h>

#include <cstdlib>

namespace trellis::accounts {
namespace {

// libsodium's "interactive" limits: 2 passes over 64 MiB, about 50-100 ms on
// one core, which bounds what a login costs the server.
constexpr unsigned long long kOps = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr size_t kMemory = crypto_pwhash_MEMLIMIT_INTERACTIVE;
constexpr size_t kMinLength = 12;
constexpr size_t kMaxLength = 1024;

void ready() {
  // sodium_init is idempotent and thread-safe; it fails only when no entropy
  // source exists, and then no token or salt can be made safely.
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();
}

}  // namespace

Status check_password_rules(const std::string& password) {
  if (password.size() < kMinLength)
    return make_error(ErrorKind::invalid_input, "a password is at least " + std::to_string(kMinLength) + " characters");
  if (password.size() > kMaxLength)
    return make_error(ErrorKind::invalid_input, "a password is at most " + std::to_string(kMaxLength) + " bytes");
  return {};
}

Result<std::string> hash_password(const std::string& password) {
  ready();
  TRELLIS_TRY(check_password_rules(password));
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), kOps, kMemory) != 0)
    return make_error(ErrorKind::environment, "hashing the password ran out of memory (Argon2id needs 64 MiB)");
  return std::string(out);
}

bool verify_password(const std::string& password, const std::string& stored) {
  ready();
  if (password.size() > kMaxLength) return false;
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

bool needs_rehash(const std::string& stored) {
  ready();
  return crypto_pwhash_str_needs_rehash(stored.c_str(), kOps, kMemory) != 0;
}

std::string random_token() {
  ready();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char text[sodium_base64_ENCODED_LEN(sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return text;
}

}  // namespace trellis::accounts
