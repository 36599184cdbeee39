// The host's diagnostic log: one line per event on stderr, safe from any thread.
#pragma once

#include <string_view>

namespace trellis::log {

enum class Level { debug = 0, info = 1, warning = 2, error = 3 };

void set_min_level(Level level);
// Whether a line at `level` would be written (skip building one that would not).
bool enabled(Level level);
void write(Level level, std::string_view source, std::string_view message);

inline void info(std::string_view source, std::string_view m) { write(Level::info, source, m); }
inline void warn(std::string_view source, std::string_view m) { write(Level::warning, source, m); }
inline void error(std::string_view source, std::string_view m) { write(Level::error, source, m); }

}  // namespace trellis::log
