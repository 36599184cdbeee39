#include "plugins/signature.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/sha256.hpp"
#include "json/bounded_parse.hpp"

namespace trellis::plugins {
namespace fs = std::filesystem;
namespace {

using PKey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

Error bad(const std::string& m) { return make_error(ErrorKind::invalid_input, m); }

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string b64(const std::string& raw) {
  std::string out(4 * ((raw.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(raw.data()), static_cast<int>(raw.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::optional<std::string> unb64(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r')) text.pop_back();
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  size_t pad = text.size() >= 2 && text[text.size() - 2] == '=' ? 2 : (text.back() == '=' ? 1 : 0);
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

PublicKey key_from_raw(const std::string& raw) {
  return PublicKey{sha256_hex(raw).substr(0, 16), b64(raw)};
}

}  // namespace

Result<PublicKey> parse_public_key(const std::string& text_or_file) {
  std::string text = text_or_file;
  std::error_code ec;
  if (text.find("-----BEGIN") == std::string::npos && fs::is_regular_file(text, ec)) text = slurp(text);
  if (text.find("-----BEGIN") != std::string::npos) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())), BIO_free);
    PKey key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
    if (!key || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) return bad("not an Ed25519 public key in PEM form");
    std::string raw(32, '\0');
    size_t len = raw.size();
    if (EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char*>(raw.data()), &len) != 1 || len != 32)
      return bad("cannot read the Ed25519 public key");
    return key_from_raw(raw);
  }
  auto raw = unb64(text);
  if (!raw || raw->size() != 32)
    return bad("a publisher key is a PEM Ed25519 public key (file or text) or the base64 of its 32 raw bytes");
  return key_from_raw(*raw);
}

Result<std::string> sign_plugin_folder(const fs::path& folder, const fs::path& key_file) {
  std::string pem = slurp(key_file);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  PKey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  if (!key || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519)
    return bad(key_file.string() + ": not an Ed25519 private key in PEM form");
  std::string raw_pub(32, '\0');
  size_t len = raw_pub.size();
  EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char*>(raw_pub.data()), &len);
  if (!fs::exists(folder / "plugin.json")) return bad(folder.string() + ": no plugin.json");
  std::string manifest = slurp(folder / "plugin.json");
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::string sig(64, '\0');
  size_t sig_len = sig.size();
  if (EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &sig_len,
                     reinterpret_cast<const unsigned char*>(manifest.data()), manifest.size()) != 1)
    return make_error(ErrorKind::internal, "Ed25519 signing failed");
  auto pub = key_from_raw(raw_pub);
  nlohmann::json out = {{"key_id", pub.key_id}, {"algorithm", "ed25519"}, {"signature", b64(sig)}};
  std::ofstream o(folder / "plugin.sig", std::ios::binary | std::ios::trunc);
  o << out.dump(2) << '\n';
  if (!o) return make_error(ErrorKind::environment, "cannot write " + (folder / "plugin.sig").string());
  return pub.key_id;
}

Result<std::string> verify_plugin_folder(const fs::path& folder, const std::vector<PublicKey>& trusted) {
  auto sig_file = folder / "plugin.sig";
  if (!fs::exists(sig_file)) return make_error(ErrorKind::not_found, "the plugin is not signed (no plugin.sig)");
  auto j = parse_json_or_discarded(slurp(sig_file), kRequestJson);
  if (!j.is_object() || !j.contains("key_id") || !j["key_id"].is_string() || !j.contains("signature") ||
      !j["signature"].is_string())
    return bad("plugin.sig must be {\"key_id\": ..., \"signature\": ...}");
  std::string key_id = j["key_id"].get<std::string>();
  const PublicKey* key = nullptr;
  for (const auto& k : trusted)
    if (k.key_id == key_id) key = &k;
  if (key == nullptr) return bad("signed by key " + key_id + ", which is not trusted (see `trellis trust add`)");
  auto raw = unb64(key->base64_raw);
  auto sig = unb64(j["signature"].get<std::string>());
  if (!raw || !sig || sig->size() != 64) return bad("plugin.sig holds no valid Ed25519 signature");
  PKey pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw->data()),
                                        raw->size()),
            EVP_PKEY_free);
  std::string manifest = slurp(folder / "plugin.json");
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!pkey || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) != 1 ||
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig->data()), sig->size(),
                       reinterpret_cast<const unsigned char*>(manifest.data()), manifest.size()) != 1)
    return bad("the signature by key " + key_id + " does not match plugin.json (modified after signing?)");
  return key_id;
}

}  // namespace trellis::plugins
