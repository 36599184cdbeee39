#include "records/export_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace trellis::records {

ExportFile::ExportFile(std::filesystem::path target) : target_(std::move(target)), partial_(target_) {
  partial_ += kPartialSuffix;
}

Result<std::unique_ptr<ExportFile>> ExportFile::open(const std::filesystem::path& target) {
  auto out = std::unique_ptr<ExportFile>(new ExportFile(target));
  out->file_ = std::fopen(out->partial_.c_str(), "wb");
  if (!out->file_)
    return make_error(ErrorKind::environment, "cannot write " + out->partial_.string() + ": " + std::strerror(errno));
  return out;
}

ExportFile::~ExportFile() {
  if (file_) std::fclose(file_);
  std::error_code ec;
  if (!committed_) std::filesystem::remove(partial_, ec);
}

bool ExportFile::write(std::string_view bytes) {
  return std::fwrite(bytes.data(), 1, bytes.size(), file_) == bytes.size();
}

Status ExportFile::commit() {
  bool ok = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
  ok = std::fclose(file_) == 0 && ok;
  file_ = nullptr;
  if (!ok) return make_error(ErrorKind::environment, "cannot write " + partial_.string());
  std::error_code ec;
  std::filesystem::rename(partial_, target_, ec);
  if (ec) return make_error(ErrorKind::environment, "cannot rename to " + target_.string() + ": " + ec.message());
  committed_ = true;
  return {};
}

}  // namespace trellis::records
