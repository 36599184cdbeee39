#include "package/limits.hpp"

#include <charconv>

#include "store/store.hpp"

namespace trellis::package {

const std::vector<LimitSetting>& limit_settings() {
  static const std::vector<LimitSetting> settings = {
      {"import.max_entries", &Limits::max_entries, "entries (files and folders) in one archive"},
      {"import.max_total_bytes", &Limits::max_total_bytes, "uncompressed bytes of all files together"},
      {"import.max_entry_bytes", &Limits::max_entry_bytes, "uncompressed bytes of one file"},
      {"import.max_entry_ratio", &Limits::max_entry_ratio, "compression ratio of one file"},
      {"import.max_total_ratio", &Limits::max_total_ratio, "compression ratio of the whole archive"},
      {"import.ratio_floor_bytes", &Limits::ratio_floor_bytes, "files smaller than this skip the ratio check"},
      {"import.max_importer_read_bytes", &Limits::max_importer_read_bytes,
       "bytes an importer may read from one file (manifests)"},
  };
  return settings;
}

Result<Limits> load_limits(store::Database& db) {
  Limits limits;
  for (const auto& s : limit_settings()) {
    auto value = store::get_setting(db, s.key);
    if (!value) return value.error();
    if (!value->has_value()) continue;
    const std::string& text = **value;
    uint64_t parsed = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (ec != std::errc{} || end != text.data() + text.size() || parsed == 0)
      return make_error(ErrorKind::invalid_input,
                        "setting " + s.key + " must be a positive integer, found '" + text + "'");
    limits.*(s.field) = parsed;
  }
  return limits;
}

}  // namespace trellis::package
