#include "lrs/credentials.hpp"
#include "core/hex.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstdio>
#include <vector>

#include "records/key_store.hpp"

namespace trellis::lrs {
namespace {

constexpr int kIterations = 100000;

std::string random_token(size_t bytes) {
  std::vector<unsigned char> b(bytes);
  RAND_bytes(b.data(), static_cast<int>(bytes));
  return hex_encode(b.data(), bytes);
}

std::string pbkdf2(const std::string& secret, const std::string& salt, int iterations) {
  unsigned char out[32];
  PKCS5_PBKDF2_HMAC(secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(salt.data()),
                    static_cast<int>(salt.size()), iterations, EVP_sha256(), sizeof out, out);
  return hex_encode(out, sizeof out);
}

std::string base64_decode(const std::string& in) {
  std::string out((in.size() / 4 + 1) * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(in.data()),
                          static_cast<int>(in.size()));
  if (n < 0) return {};
  size_t pad = 0;
  if (!in.empty() && in.back() == '=') ++pad;
  if (in.size() > 1 && in[in.size() - 2] == '=') ++pad;
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

}  // namespace

std::string hash_secret(const std::string& secret) {
  std::string salt = random_token(16);
  return "pbkdf2-sha256$" + std::to_string(kIterations) + "$" + salt + "$" + pbkdf2(secret, salt, kIterations);
}

bool verify_secret(const std::string& secret, const std::string& stored_hash) {
  char salt[65] = {0}, digest[65] = {0};
  int iterations = 0;
  if (std::sscanf(stored_hash.c_str(), "pbkdf2-sha256$%d$%64[0-9a-f]$%64[0-9a-f]", &iterations, salt, digest) != 3)
    return false;
  std::string computed = pbkdf2(secret, salt, iterations);
  return CRYPTO_memcmp(computed.data(), digest, computed.size()) == 0 && computed.size() == std::string(digest).size();
}

nlohmann::json authority_for(const std::string& key, const std::string& name) {
  return {{"objectType", "Agent"},
          {"name", name.empty() ? key : name},
          {"account", {{"homePage", "urn:trellis:lrs-key"}, {"name", key}}}};
}

Status validate_scopes(const std::vector<std::string>& scopes) {
  if (scopes.empty()) return make_error(ErrorKind::usage, "a key needs at least one scope: all, admin");
  for (size_t i = 0; i < scopes.size(); ++i) {
    if (scopes[i] != kScopeXapi && scopes[i] != kScopeAdmin)
      return make_error(ErrorKind::usage, "unknown scope '" + scopes[i] +
                                              "': use 'all' (the xAPI LRS and records export) or 'admin' "
                                              "(plugins and package upload over HTTP)");
    for (size_t j = 0; j < i; ++j)
      if (scopes[j] == scopes[i]) return make_error(ErrorKind::usage, "scope '" + scopes[i] + "' given twice");
  }
  return {};
}

bool Principal::has_scope(std::string_view scope) const {
  size_t start = 0;
  while (start <= scopes.size()) {
    size_t end = scopes.find(' ', start);
    if (end == std::string::npos) end = scopes.size();
    if (std::string_view(scopes).substr(start, end - start) == scope) return true;
    start = end + 1;
  }
  return false;
}

Result<NewCredentials> create_credentials(store::Database& db, const std::string& name,
                                          const std::vector<std::string>& scopes) {
  TRELLIS_TRY(validate_scopes(scopes));
  std::string joined;
  for (const auto& scope : scopes) joined += (joined.empty() ? "" : " ") + scope;
  NewCredentials c{random_token(10), random_token(24), name, joined};
  if (c.name.empty()) c.name = "key-" + c.key.substr(0, 6);
  TRELLIS_TRY(records::insert_key(db, records::LrsKey{c.key, c.name, hash_secret(c.secret), c.scopes, {}, {}}));
  return c;
}

std::optional<BasicCredentials> basic_credentials(const std::string& header) {
  if (header.rfind("Basic ", 0) != 0) return std::nullopt;
  std::string decoded = base64_decode(header.substr(6));
  auto colon = decoded.find(':');
  if (colon == std::string::npos) return std::nullopt;
  return BasicCredentials{decoded.substr(0, colon), decoded.substr(colon + 1)};
}

std::optional<std::string> basic_user(const std::string& header) {
  auto given = basic_credentials(header);
  if (!given) return std::nullopt;
  return std::move(given->key);
}

}  // namespace trellis::lrs
