#include "package/c_package.hpp"

#include <utility>

#include "core/utf8.hpp"
#include "trellis/cpp/strings.hpp"

namespace trellis::package {

CPackage::CPackage(const Package& package, uint64_t read_limit) : package_(package), read_limit_(read_limit) {
  table_.struct_size = sizeof table_;
  table_.ctx = this;
  table_.display_name = to_str(package_.display_name());
  table_.entry_count = &CPackage::entry_count;
  table_.entry_at = &CPackage::entry_at;
  table_.read = &CPackage::read;
  table_.exists = &CPackage::exists;
  table_.single_file = package_.single_file() ? 1 : 0;
  table_.near_miss = &CPackage::near_miss;
}

// A detect's hint is one sentence; a few are plenty and none may grow memory.
constexpr size_t kMaxHintBytes = 1024;
constexpr size_t kMaxHints = 4;

void CPackage::near_miss(void* ctx, trellis_str hint) {
  auto* self = static_cast<CPackage*>(ctx);
  if (!self->listening_ || self->hints_.size() >= kMaxHints || (hint.data == nullptr && hint.size != 0)) return;
  // Over the cap or not UTF-8, it is dropped whole rather than cut mid-character.
  std::string_view text(hint.data, hint.size);
  if (!text.empty() && text.size() <= kMaxHintBytes && is_valid_utf8(text)) self->hints_.emplace_back(text);
}

std::vector<std::string> CPackage::take_hints() {
  listening_ = false;
  return std::exchange(hints_, {});
}

size_t CPackage::entry_count(void* ctx) { return static_cast<CPackage*>(ctx)->package_.entries().size(); }

trellis_status CPackage::entry_at(void* ctx, size_t index, trellis_package_entry* out) {
  auto* self = static_cast<CPackage*>(ctx);
  if (out == nullptr || !TRELLIS_HAS_FIELD(out, trellis_package_entry, uncompressed_size))
    return TRELLIS_ERR_INVALID_ARGUMENT;
  const auto& entries = self->package_.entries();
  if (index >= entries.size()) return TRELLIS_ERR_NOT_FOUND;
  out->path = to_str(entries[index].path);
  out->uncompressed_size = entries[index].size;
  return TRELLIS_OK;
}

trellis_status CPackage::read(void* ctx, trellis_str path, const trellis_sink* out) {
  auto* self = static_cast<CPackage*>(ctx);
  if (out == nullptr || out->write == nullptr || (path.data == nullptr && path.size != 0))
    return TRELLIS_ERR_INVALID_ARGUMENT;
  const Entry* entry = self->package_.find(std::string_view(path.data, path.size));
  if (entry == nullptr) return TRELLIS_ERR_NOT_FOUND;
  if (entry->size > self->read_limit_) {
    if (self->last_read_error_.empty())
      self->last_read_error_ = "importer read of '" + entry->path + "' refused: " + std::to_string(entry->size) +
                               " bytes, over the limit of " + std::to_string(self->read_limit_) +
                               " (import.max_importer_read_bytes)";
    return TRELLIS_ERR_LIMIT;
  }
  trellis_status sink_status = TRELLIS_OK;
  auto st = self->package_.read(*entry, [&](std::string_view piece) -> Status {
    sink_status = out->write(out->ctx, to_str(piece));
    if (sink_status != TRELLIS_OK) return make_error(ErrorKind::internal, "the importer's sink refused data");
    return {};
  }, self->read_limit_);
  if (st) return TRELLIS_OK;
  if (sink_status != TRELLIS_OK) return sink_status;
  if (self->last_read_error_.empty()) self->last_read_error_ = st.error().message;
  return TRELLIS_ERR_INVALID_INPUT;
}

int32_t CPackage::exists(void* ctx, trellis_str path) {
  auto* self = static_cast<CPackage*>(ctx);
  if (path.data == nullptr && path.size != 0) return 0;
  return self->package_.find(std::string_view(path.data, path.size)) != nullptr ? 1 : 0;
}

}  // namespace trellis::package
