#include "core/log.hpp"
#include "core/log_hook.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <string>

namespace trellis::log {
namespace {
std::atomic<int> g_min_level{static_cast<int>(Level::info)};
std::mutex g_mutex;
std::function<void()> g_before_line;  // guarded by g_mutex

const char* name(Level level) {
  switch (level) {
    case Level::debug: return "debug";
    case Level::info: return "info";
    case Level::warning: return "warning";
    case Level::error: return "error";
  }
  return "?";
}
}  // namespace

void set_min_level(Level level) { g_min_level = static_cast<int>(level); }

void set_before_line(std::function<void()> hook) {
  std::lock_guard lock(g_mutex);
  g_before_line = std::move(hook);
}

bool enabled(Level level) { return static_cast<int>(level) >= g_min_level.load(); }

void write(Level level, std::string_view source, std::string_view message) {
  if (static_cast<int>(level) < g_min_level.load()) return;
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
  std::lock_guard lock(g_mutex);
  if (g_before_line) g_before_line();
  std::fprintf(stderr, "%s.%03dZ %s [%.*s] %.*s\n", stamp, static_cast<int>(ms), name(level),
               static_cast<int>(source.size()), source.data(), static_cast<int>(message.size()), message.data());
  std::fflush(stderr);
}

}  // namespace trellis::log
