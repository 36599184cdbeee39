#include "id_table.hpp"

#include <cstring>
#include <functional>

namespace trellis::scorm {
namespace {

// Entry: kind, flags, [href reference (4 bytes), resources only], id, NUL.
enum Flag : uint8_t { kLaunch = 1, kHasHref = 2, kExternal = 4, kSco = 8 };
constexpr size_t kHeader = 2;

size_t hash_of(std::string_view id) { return std::hash<std::string_view>{}(id); }

}  // namespace

const char* id_kind_name(IdKind kind) {
  switch (kind) {
    case IdKind::resource: return "resource";
    case IdKind::organization: return "organization";
    case IdKind::item: return "item";
  }
  return "";
}

uint32_t IdTable::store(size_t size, char*& out) {
  if (size > kBlockSize) {
    // Longer than a block (a hostile identifier): a block of its own.
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
    used_ = kBlockSize;  // the next small entry starts a new block
    out = blocks_.back().get();
    return static_cast<uint32_t>((blocks_.size() - 1) << kOffsetBits);
  }
  if (used_ + size > kBlockSize) {
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(kBlockSize));
    used_ = 0;
  }
  out = blocks_.back().get() + used_;
  uint32_t ref = static_cast<uint32_t>(((blocks_.size() - 1) << kOffsetBits) | used_);
  used_ += size;
  return ref;
}

char* IdTable::at(uint32_t ref) const {
  return blocks_[ref >> kOffsetBits].get() + (ref & (kBlockSize - 1));
}

std::string_view IdTable::id_of(uint32_t entry) const {
  const char* e = at(entry);
  return e + kHeader + (static_cast<IdKind>(e[0]) == IdKind::resource ? 4 : 0);
}

size_t IdTable::slot_of(std::string_view id) const {
  size_t mask = slots_.size() - 1;
  for (size_t i = hash_of(id) & mask;; i = (i + 1) & mask)
    if (slots_[i] == 0 || id_of(slots_[i] - 1) == id) return i;
}

void IdTable::grow() {
  std::vector<uint32_t> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
  for (uint32_t s : old)
    if (s != 0) slots_[slot_of(id_of(s - 1))] = s;
}

IdTable::Claim IdTable::claim(std::string_view id, IdKind kind) {
  if ((count_ + 1) * 4 > slots_.size() * 3) grow();
  size_t slot = slot_of(id);
  if (slots_[slot] != 0) return {static_cast<IdKind>(at(slots_[slot] - 1)[0]), false};
  size_t extra = kind == IdKind::resource ? 4 : 0;
  char* e = nullptr;
  uint32_t ref = store(kHeader + extra + id.size() + 1, e);
  e[0] = static_cast<char>(kind);
  e[1] = 0;
  std::memcpy(e + kHeader + extra, id.data(), id.size());
  e[kHeader + extra + id.size()] = '\0';
  slots_[slot] = ref + 1;
  ++count_;
  return {kind, true};
}

void IdTable::set_launch(std::string_view id, const ResourceLaunch& launch) {
  if (slots_.empty()) return;
  uint32_t s = slots_[slot_of(id)];
  if (s == 0 || static_cast<IdKind>(at(s - 1)[0]) != IdKind::resource) return;
  char* href = nullptr;
  uint32_t href_ref = store(launch.href.size() + 1, href);
  std::memcpy(href, launch.href.data(), launch.href.size());
  href[launch.href.size()] = '\0';
  char* e = at(s - 1);  // after store(): blocks never move, but read the entry again anyway
  e[1] = static_cast<char>(kLaunch | (launch.has_href ? kHasHref : 0) | (launch.external ? kExternal : 0) |
                           (launch.sco ? kSco : 0));
  std::memcpy(e + kHeader, &href_ref, sizeof href_ref);
}

std::optional<ResourceLaunch> IdTable::launch(std::string_view id) const {
  if (slots_.empty()) return std::nullopt;
  uint32_t s = slots_[slot_of(id)];
  if (s == 0) return std::nullopt;
  const char* e = at(s - 1);
  uint8_t flags = static_cast<uint8_t>(e[1]);
  if (!(flags & kLaunch)) return std::nullopt;
  uint32_t href_ref = 0;
  std::memcpy(&href_ref, e + kHeader, sizeof href_ref);
  ResourceLaunch out;
  out.href = at(href_ref);
  out.has_href = flags & kHasHref;
  out.external = flags & kExternal;
  out.sco = flags & kSco;
  return out;
}

}  // namespace trellis::scorm
