// The identifiers of a manifest, each stored once with what the rules need later:
// the kind that claimed it first (a clash is reported against that one) and, for
// resources, what an item needs to launch one. Kept in an arena of fixed blocks
// with an open-addressing index: a 5,000-item manifest costs a few hundred KB here,
// not megabytes of map nodes, and no block is ever copied to grow.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace trellis::scorm {

enum class IdKind : uint8_t { resource, organization, item };
const char* id_kind_name(IdKind kind);

struct ResourceLaunch {
  std::string_view href;  // base applied; package-relative unless external
  bool has_href = false;
  bool external = false;
  bool sco = false;
};

class IdTable {
 public:
  // The kind that claimed `id` first, and whether that is this claim.
  struct Claim {
    IdKind first;
    bool fresh;
  };
  Claim claim(std::string_view id, IdKind kind);
  // Records what resource `id` launches (the last resource of an id wins, as items
  // resolve to it). `id` must have been claimed as a resource.
  void set_launch(std::string_view id, const ResourceLaunch& launch);
  // What resource `id` launches, if a resource with that id was recorded.
  std::optional<ResourceLaunch> launch(std::string_view id) const;

 private:
  // Arena reference: block index << kOffsetBits | offset in the block.
  static constexpr uint32_t kOffsetBits = 14;
  static constexpr size_t kBlockSize = size_t{1} << kOffsetBits;

  uint32_t store(size_t size, char*& at);
  char* at(uint32_t ref) const;
  // Slot holding `id` (its entry reference + 1, or 0 when the slot is free).
  size_t slot_of(std::string_view id) const;
  std::string_view id_of(uint32_t entry) const;
  void grow();

  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t used_ = kBlockSize;  // in the last block; full before the first
  std::vector<uint32_t> slots_;
  size_t count_ = 0;
};

}  // namespace trellis::scorm
