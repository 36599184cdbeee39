// What a connector knew at the end of each sync, kept in its key-value storage
// under a generation number that the cursor names ("<name>/1:<generation>").
//
// Why generations: the host stores the cursor in the same transaction as the
// items, so after a failed or cancelled sync it asks again from the older
// cursor. That cursor's state must still be there, and the state of the sync
// that failed must not be mistaken for it.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "trellis/cpp/host.hpp"

namespace trellis::connector_kit {

class SnapshotStore {
 public:
  SnapshotStore(const Host& host, std::string name) : host_(host), name_(std::move(name)) {}

  // The state saved with `cursor`; nullopt for an empty, foreign or junk cursor,
  // or one whose state is no longer kept.
  std::optional<nlohmann::json> load(std::string_view cursor) const;
  // Saves `state` as a new generation and returns the cursor naming it. Every
  // other generation except `cursor`'s is removed: the host never asks from a
  // cursor older than the one it holds.
  std::string save(std::string_view cursor, const nlohmann::json& state) const;
  // The newest state saved, whether or not the host has committed its cursor yet
  // (what search and fetch answer from).
  std::optional<nlohmann::json> latest() const;

 private:
  std::optional<uint64_t> generation_of(std::string_view cursor) const;
  std::optional<uint64_t> number_at(const std::string& key) const;
  std::string key_of(uint64_t generation) const { return "snapshot." + std::to_string(generation); }
  std::optional<nlohmann::json> read(uint64_t generation) const;

  Host host_;
  std::string name_;
};

}  // namespace trellis::connector_kit
