#include "http/asset_versions.hpp"

#include "core/sha256.hpp"

namespace fs = std::filesystem;

namespace trellis {
namespace {

// Twelve hex digits (48 bits) tell builds apart; the URL stays short.
constexpr size_t kVersionLength = 12;

}  // namespace

AssetVersions::AssetVersions(fs::path folder, std::string prefix) : folder_(std::move(folder)), prefix_(std::move(prefix)) {}

std::string AssetVersions::digest(const std::string& name) const {
  std::error_code ec;
  fs::path file = folder_ / name;
  auto size = fs::file_size(file, ec);
  if (ec) return "";
  auto modified = fs::last_write_time(file, ec);
  if (ec) return "";
  std::lock_guard lock(mutex_);
  auto found = known_.find(name);
  if (found != known_.end() && found->second.size == size && found->second.modified == modified)
    return found->second.digest;
  auto hex = sha256_file(file);
  if (!hex) return "";
  std::string version = hex->substr(0, kVersionLength);
  known_[name] = Known{size, modified, version};
  return version;
}

std::string AssetVersions::url(const std::string& name) const {
  std::string version = digest(name);
  return version.empty() ? prefix_ + name : prefix_ + name + "?v=" + version;
}

bool AssetVersions::is_current(const std::string& name, std::string_view version) const {
  std::string now = digest(name);
  return !now.empty() && version == now;
}

const char* AssetVersions::cache_control(const std::string& name, const std::optional<std::string>& version) const {
  return version && is_current(name, *version) ? "public, max-age=31536000, immutable" : "no-cache";
}

}  // namespace trellis
