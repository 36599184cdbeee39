#include "catalog/extract.hpp"
#include "core/hex.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "catalog/test_hooks.hpp"

namespace fs = std::filesystem;

namespace trellis::catalog {
namespace {

struct DigestDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

Status write_all(int fd, std::string_view bytes, const fs::path& file) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return make_error(ErrorKind::environment, "cannot write " + file.string() + ": " + std::strerror(errno));
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return {};
}

}  // namespace

Result<std::string> extract_package(const package::Package& package, const fs::path& dest,
                                    const package::Limits& limits, const ProgressFn& progress) {
  std::unique_ptr<EVP_MD_CTX, DigestDeleter> digest(EVP_MD_CTX_new());
  if (!digest || EVP_DigestInit_ex(digest.get(), EVP_sha256(), nullptr) != 1)
    return make_error(ErrorKind::internal, "SHA-256 is unavailable");
  uint64_t written = 0;
  bool first = true;
  const uint64_t total = package.entries().size();
  uint64_t done = 0;
  for (const auto& entry : package.entries()) {
    report_progress(progress, "extracting files", done++, total);
    fs::path target = dest / fs::path(entry.path);
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec) return make_error(ErrorKind::environment, "cannot create " + target.parent_path().string() + ": " + ec.message());
    // O_EXCL|O_NOFOLLOW: never write through something already there.
    int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) return make_error(ErrorKind::environment, "cannot create " + target.string() + ": " + std::strerror(errno));
    std::string header = entry.path + '\0' + std::to_string(entry.size) + '\0';
    EVP_DigestUpdate(digest.get(), header.data(), header.size());
    auto st = package.read(entry, [&](std::string_view piece) -> Status {
      written += piece.size();
      if (written > limits.max_total_bytes)
        return make_error(ErrorKind::invalid_input, "package refused: more than " +
                                                        std::to_string(limits.max_total_bytes) +
                                                        " bytes came out of it (import.max_total_bytes)");
      EVP_DigestUpdate(digest.get(), piece.data(), piece.size());
      return write_all(fd, piece, target);
    }, limits.max_entry_bytes);
    ::close(fd);
    if (!st) return st.error();
    if (first) {
      first = false;
      test_hook("extracting");
    }
  }
  report_progress(progress, "extracting files", done, total);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(digest.get(), md, &len);
  return hex_encode(md, len);
}

}  // namespace trellis::catalog
