// Versioned URLs for the player's bundle files (/assets/...). A launch page
// names each file with its digest (?v=...), and a request carrying the
// current digest may be cached for a year without asking again: a new build
// changes the digest and so the URL. Without it (an old page, a hand-typed
// URL) the file is served for revalidation as before.
#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace trellis {

class AssetVersions {
 public:
  // `prefix`: the path the files are served under ("/assets/" on the content origin).
  explicit AssetVersions(std::filesystem::path folder, std::string prefix = "/assets/");

  // "<prefix><name>?v=<digest>", or "<prefix><name>" when the file cannot be read.
  std::string url(const std::string& name) const;
  // Whether `version` is the file's digest now.
  bool is_current(const std::string& name, std::string_view version) const;
  // The Cache-Control for a request of `name` with `version` (its ?v=): a year,
  // immutable, for the current digest; revalidation for any other or none.
  const char* cache_control(const std::string& name, const std::optional<std::string>& version) const;

 private:
  // The digest of the file as it is now: recomputed when its size or
  // modification time changed (a rebuild under a running host).
  std::string digest(const std::string& name) const;

  struct Known {
    std::uintmax_t size = 0;
    std::filesystem::file_time_type modified;
    std::string digest;
  };
  std::filesystem::path folder_;
  std::string prefix_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, Known, std::less<>> known_;
};

}  // namespace trellis
