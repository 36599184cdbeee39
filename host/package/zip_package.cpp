// Zip packages through libzip. Entries are read by index, never by name, so a
// duplicate name cannot make us read a different entry than the one we checked.
#include <sys/stat.h>
#include <zip.h>

#include <memory>

#include "package/entry_name.hpp"
#include "package/package.hpp"

namespace trellis::package {
namespace {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

class ZipPackage final : public Package {
 public:
  ZipPackage(zip_t* zip, std::string name) : zip_(zip) { display_name_ = std::move(name); }

  Status scan(const Limits& limits) {
    zip_int64_t count = zip_get_num_entries(zip_.get(), 0);
    if (count < 0) return make_error(ErrorKind::invalid_input, "the zip's central directory cannot be read");
    if (static_cast<uint64_t>(count) > limits.max_entries)
      return make_error(ErrorKind::invalid_input, "package refused: it holds " + std::to_string(count) +
                                                      " entries, more than the limit of " +
                                                      std::to_string(limits.max_entries) + " (import.max_entries)");
    std::vector<RawEntry> raw;
    raw.reserve(static_cast<size_t>(count));
    uint64_t total = 0, total_compressed = 0;
    for (zip_int64_t i = 0; i < count; ++i) {
      auto idx = static_cast<zip_uint64_t>(i);
      const char* name = zip_get_name(zip_.get(), idx, ZIP_FL_ENC_RAW);
      if (name == nullptr) return make_error(ErrorKind::invalid_input, "entry #" + std::to_string(i) + " has no name");
      auto normal = normalise_entry_name(name);
      if (!normal) return normal.error();
      const std::string& path = normal.value();
      zip_stat_t st;
      zip_stat_init(&st);
      if (zip_stat_index(zip_.get(), idx, ZIP_FL_ENC_RAW, &st) != 0)
        return refuse_entry(path, std::string("unreadable header: ") + zip_strerror(zip_.get()));
      if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && st.encryption_method != ZIP_EM_NONE)
        return refuse_entry(path, "encrypted entries are not accepted");
      zip_uint8_t opsys = 0;
      zip_uint32_t attributes = 0;
      if (zip_file_get_external_attributes(zip_.get(), idx, 0, &opsys, &attributes) == 0 &&
          opsys == ZIP_OPSYS_UNIX) {
        auto mode = static_cast<mode_t>(attributes >> 16);
        if (S_ISLNK(mode)) return refuse_entry(path, "symbolic link");
        // Permission bits without a file type (Python's zipfile.writestr writes
        // 0600 so) are an ordinary file; only a type that is neither file nor folder is refused.
        if ((mode & S_IFMT) != 0 && !S_ISREG(mode) && !S_ISDIR(mode)) return refuse_entry(path, "not a regular file");
      }
      bool folder = path.back() == '/';
      if (!folder) {
        if (st.size > limits.max_entry_bytes)
          return refuse_entry(path, std::to_string(st.size) + " bytes uncompressed, more than the limit of " +
                                  std::to_string(limits.max_entry_bytes) + " (import.max_entry_bytes)");
        if (st.size > limits.ratio_floor_bytes &&
            (st.comp_size == 0 || st.size / st.comp_size > limits.max_entry_ratio))
          return refuse_entry(path, "compression ratio " + std::to_string(st.comp_size ? st.size / st.comp_size : 0) +
                                  ":1 is over the limit of " + std::to_string(limits.max_entry_ratio) +
                                  ":1 (import.max_entry_ratio; a zip bomb?)");
        total += st.size;
        total_compressed += st.comp_size;
        if (total > limits.max_total_bytes)
          return make_error(ErrorKind::invalid_input,
                            "package refused: its files exceed " + std::to_string(limits.max_total_bytes) +
                                " bytes uncompressed (import.max_total_bytes), reached at entry '" + path + "'");
      }
      raw.push_back(RawEntry{path, folder ? 0 : st.size, st.comp_size, idx});
    }
    if (total > limits.ratio_floor_bytes && (total_compressed == 0 || total / total_compressed > limits.max_total_ratio))
      return make_error(ErrorKind::invalid_input,
                        "package refused: overall compression ratio " +
                            std::to_string(total_compressed ? total / total_compressed : 0) + ":1 is over the limit of " +
                            std::to_string(limits.max_total_ratio) + ":1 (import.max_total_ratio; a zip bomb?)");
    return finalise(std::move(raw));
  }

  Status read(const Entry& entry, const ByteSink& sink, uint64_t limit) const override {
    std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(zip_.get(), entry.index, 0));
    if (!file) return refuse_entry(entry.path, std::string("cannot be opened: ") + zip_strerror(zip_.get()));
    char buffer[64 * 1024];
    uint64_t seen = 0;
    for (;;) {
      zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
      if (n < 0) return refuse_entry(entry.path, std::string("corrupt data: ") + zip_file_strerror(file.get()));
      if (n == 0) break;
      seen += static_cast<uint64_t>(n);
      if (seen > entry.size)
        return refuse_entry(entry.path, "more bytes than its header declares (" + std::to_string(entry.size) + ")");
      if (seen > limit) return refuse_entry(entry.path, "larger than the read limit of " + std::to_string(limit) + " bytes");
      TRELLIS_TRY(sink(std::string_view(buffer, static_cast<size_t>(n))));
    }
    if (seen != entry.size)
      return refuse_entry(entry.path, "fewer bytes than its header declares (" + std::to_string(entry.size) + ")");
    return {};
  }

 private:
  std::unique_ptr<zip_t, ZipCloser> zip_;
};

}  // namespace

Result<std::unique_ptr<Package>> open_zip(const std::filesystem::path& file, const Limits& limits) {
  int error = 0;
  zip_t* zip = zip_open(file.c_str(), ZIP_RDONLY, &error);
  if (zip == nullptr) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, error);
    std::string why = zip_error_strerror(&ze);
    zip_error_fini(&ze);
    return make_error(ErrorKind::invalid_input, "'" + file.filename().string() + "' is not a readable zip file: " + why);
  }
  auto package = std::make_unique<ZipPackage>(zip, file.filename().string());
  TRELLIS_TRY(package->scan(limits));
  return std::unique_ptr<Package>(std::move(package));
}

}  // namespace trellis::package
