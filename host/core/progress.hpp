// How long work (an import, an export, a sync) tells whoever waits for it what
// it is doing, without knowing who that is: a job on the server (polled or
// watched as events) or the CLI's line on a terminal. One type for every
// domain, so the same steps reach both adapters in the same words.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

namespace trellis {

// `step` is for a person ("extracting files"); `done` of `total` counts in the
// step's own unit (files, statements, items); total 0 means not known. May be
// called often: listeners that draw decide themselves how often to redraw.
using ProgressFn = std::function<void(std::string_view step, uint64_t done, uint64_t total)>;

// Reports when someone listens; work that nobody watches pays a null check.
inline void report_progress(const ProgressFn& progress, std::string_view step, uint64_t done = 0, uint64_t total = 0) {
  if (progress) progress(step, done, total);
}

}  // namespace trellis
