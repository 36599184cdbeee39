#include "trellis/connector_kit/snapshots.hpp"

#include <charconv>

namespace trellis::connector_kit {
namespace {

std::optional<uint64_t> parse_number(std::string_view text) {
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<uint64_t> SnapshotStore::generation_of(std::string_view cursor) const {
  std::string prefix = name_ + "/1:";
  if (cursor.substr(0, prefix.size()) != prefix) return std::nullopt;
  return parse_number(cursor.substr(prefix.size()));
}

std::optional<uint64_t> SnapshotStore::number_at(const std::string& key) const {
  auto text = host_.kv_get(key);
  return text ? parse_number(*text) : std::nullopt;
}

std::optional<nlohmann::json> SnapshotStore::read(uint64_t generation) const {
  auto text = host_.kv_get(key_of(generation));
  if (!text) return std::nullopt;
  auto state = nlohmann::json::parse(*text, nullptr, false);
  if (state.is_discarded()) return std::nullopt;
  return state;
}

std::optional<nlohmann::json> SnapshotStore::load(std::string_view cursor) const {
  auto generation = generation_of(cursor);
  return generation ? read(*generation) : std::nullopt;
}

std::optional<nlohmann::json> SnapshotStore::latest() const {
  auto generation = number_at("snapshot.latest");
  return generation ? read(*generation) : std::nullopt;
}

std::string SnapshotStore::save(std::string_view cursor, const nlohmann::json& state) const {
  auto kept = generation_of(cursor);
  uint64_t oldest = number_at("snapshot.oldest").value_or(0);
  uint64_t newest = number_at("snapshot.latest").value_or(0);
  if (kept && *kept > newest) newest = *kept;
  uint64_t next = newest + 1;
  host_.kv_put(key_of(next), state.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  host_.kv_put("snapshot.latest", std::to_string(next));
  for (uint64_t g = oldest; g <= newest; ++g)
    if (!kept || g != *kept) host_.kv_delete(key_of(g));
  host_.kv_put("snapshot.oldest", std::to_string(kept && *kept < next ? *kept : next));
  return name_ + "/1:" + std::to_string(next);
}

}  // namespace trellis::connector_kit
