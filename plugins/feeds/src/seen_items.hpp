// The items each feed had when last read (the newest ones), kept in the
// plugin's key-value storage for search and fetch. A cache, not sync state:
// the cursor decides what is sent, so losing this only empties search.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "feed_parser.hpp"
#include "trellis/cpp/connector.hpp"
#include "trellis/cpp/host.hpp"

namespace trellis::feeds {

class SeenItems {
 public:
  explicit SeenItems(const Host& host) : host_(host) {}
  // ref -> stored item (with a term profile), for one feed; empty when none.
  nlohmann::json load(const std::string& feed_url) const;
  // Keeps the newest items (by date; undated ones count as oldest).
  void store(const std::string& feed_url, nlohmann::json& items) const;
  void forget(const std::string& feed_url) const;

  static nlohmann::json entry_of(const KnowledgeItem& item);
  static KnowledgeItem item_of(const std::string& ref, const nlohmann::json& entry, ItemKind kind);

 private:
  Host host_;
};

}  // namespace trellis::feeds
