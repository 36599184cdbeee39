// Ed25519 publisher signatures over plugin.json. A signed plugin folder holds
// plugin.sig beside plugin.json: {"key_id": "<16 hex>", "signature": "<base64>"},
// the signature being over the exact bytes of plugin.json (which carries the
// library's SHA-256, so the signature covers the code too).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace trellis::plugins {

struct PublicKey {
  std::string key_id;      // first 16 hex digits of SHA-256 of the raw key
  std::string base64_raw;  // the 32 raw key bytes, base64
};

// Accepts a PEM public key file path, PEM text, or the base64 of the 32 raw bytes.
Result<PublicKey> parse_public_key(const std::string& text_or_file);
// Signs `folder`/plugin.json with the PEM Ed25519 private key in `key_file`,
// writing plugin.sig; returns the signing key's id.
Result<std::string> sign_plugin_folder(const std::filesystem::path& folder, const std::filesystem::path& key_file);
// The key id that validly signed plugin.json, or an error: no plugin.sig (kind
// not_found), a key not trusted, or a signature that does not verify.
Result<std::string> verify_plugin_folder(const std::filesystem::path& folder, const std::vector<PublicKey>& trusted);

}  // namespace trellis::plugins
