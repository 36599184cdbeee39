#include "core/sha256.hpp"
#include "core/hex.hpp"

#include <openssl/evp.h>

#include <fstream>
#include <memory>
#include <vector>

namespace trellis {
namespace sha256_detail {

struct Digest {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx{EVP_MD_CTX_new(), &EVP_MD_CTX_free};
  Digest() { EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr); }
  void update(const void* p, size_t n) { EVP_DigestUpdate(ctx.get(), p, n); }
  std::string hex() {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx.get(), out, &len);
    return hex_encode(out, len);
  }
};

}  // namespace sha256_detail

using sha256_detail::Digest;

struct Sha256::State {
  Digest digest;
};
Sha256::Sha256() : state_(std::make_unique<State>()) {}
Sha256::~Sha256() = default;
void Sha256::update(std::string_view bytes) { state_->digest.update(bytes.data(), bytes.size()); }
std::string Sha256::hex() { return state_->digest.hex(); }

std::string sha256_hex(std::string_view bytes) {
  Digest d;
  d.update(bytes.data(), bytes.size());
  return d.hex();
}

Result<std::string> sha256_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return make_error(ErrorKind::environment, "cannot read '" + file.string() + "'");
  Digest d;
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    if (in.gcount() > 0) d.update(buf.data(), static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) return make_error(ErrorKind::environment, "error while reading '" + file.string() + "'");
  return d.hex();
}

}  // namespace trellis
