#include "trellis/testing/package.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "trellis/cpp/core.hpp"

namespace trellis::testing {

MemoryPackage MemoryPackage::from_map(std::map<std::string, std::string> files, std::string name) {
  MemoryPackage p;
  p.files_ = std::move(files);
  p.name_ = std::move(name);
  return p;
}

MemoryPackage MemoryPackage::from_folder(const std::filesystem::path& folder) {
  std::map<std::string, std::string> files;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(folder, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    files[std::filesystem::relative(it->path(), folder).generic_string()] = bytes.str();
  }
  return from_map(std::move(files), folder.filename().string());
}

MemoryPackage& MemoryPackage::add(const std::string& path, std::string content) {
  files_[path] = std::move(content);
  return *this;
}

PackageView::PackageView(const MemoryPackage& package) : package_(&package) {
  for (auto it = package.files().begin(); it != package.files().end(); ++it) entries_.push_back(it);
  table_.struct_size = sizeof table_;
  table_.ctx = this;
  table_.display_name = to_str(package.name());
  table_.entry_count = &PackageView::entry_count;
  table_.entry_at = &PackageView::entry_at;
  table_.read = &PackageView::read;
  table_.exists = &PackageView::exists;
  table_.single_file = package.single_file() ? 1 : 0;
  table_.near_miss = &PackageView::near_miss;
}

void PackageView::near_miss(void* ctx, trellis_str hint) {
  try {
    static_cast<PackageView*>(ctx)->near_misses_.emplace_back(to_view(hint));
  } catch (...) {
    // Out of memory in a test host: the hint is lost, the detect goes on.
  }
}

size_t PackageView::entry_count(void* ctx) { return static_cast<PackageView*>(ctx)->entries_.size(); }

trellis_status PackageView::entry_at(void* ctx, size_t index, trellis_package_entry* out) {
  auto* self = static_cast<PackageView*>(ctx);
  if (out == nullptr || index >= self->entries_.size()) return TRELLIS_ERR_INVALID_ARGUMENT;
  out->struct_size = sizeof *out;
  out->path = to_str(self->entries_[index]->first);
  out->uncompressed_size = self->entries_[index]->second.size();
  return TRELLIS_OK;
}

trellis_status PackageView::read(void* ctx, trellis_str path, const trellis_sink* out) {
  auto* self = static_cast<PackageView*>(ctx);
  if (out == nullptr || out->write == nullptr) return TRELLIS_ERR_INVALID_ARGUMENT;
  try {
    auto it = self->package_->files().find(std::string(to_view(path)));
    if (it == self->package_->files().end()) return TRELLIS_ERR_NOT_FOUND;
    const std::string& content = it->second;
    for (size_t at = 0; at < content.size(); at += 4096) {
      trellis_str piece{content.data() + at, std::min<size_t>(4096, content.size() - at)};
      if (trellis_status st = out->write(out->ctx, piece); st != TRELLIS_OK) return st;
    }
    return TRELLIS_OK;
  } catch (...) {
    return TRELLIS_ERR_INTERNAL;
  }
}

int32_t PackageView::exists(void* ctx, trellis_str path) {
  try {
    return static_cast<PackageView*>(ctx)->package_->files().count(std::string(to_view(path))) ? 1 : 0;
  } catch (...) {
    return 0;
  }
}

}  // namespace trellis::testing
