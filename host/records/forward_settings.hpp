// How often `trellis serve` forwards (host setting records.forward_interval_seconds),
// read and checked in one place so `settings set` refuses what the worker could not use.
#pragma once

#include <chrono>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::records {

inline constexpr int kDefaultForwardIntervalSeconds = 15;

// The interval, from 1 s to a day; a malformed value is refused naming the setting.
Result<std::chrono::seconds> load_forward_interval(store::Database& db);

}  // namespace trellis::records
