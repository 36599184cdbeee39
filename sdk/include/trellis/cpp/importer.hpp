// Base class for a package importer (capability trellis.importer/1).
#ifndef TRELLIS_CPP_IMPORTER_HPP
#define TRELLIS_CPP_IMPORTER_HPP

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trellis/cpp/core.hpp"
#include "trellis/importer.h"

namespace trellis {
inline namespace sdk1 {

struct PackageEntry {
  std::string path;
  uint64_t size = 0;
};

// The host's view of an opened package; valid during detect/import only.
class Package {
 public:
  explicit Package(const trellis_package* p) : p_(p) {}
  std::string_view display_name() const { return to_view(p_->display_name); }
  std::vector<PackageEntry> entries() const {
    std::vector<PackageEntry> out;
    size_t n = p_->entry_count(p_->ctx);
    out.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      trellis_package_entry e{};
      e.struct_size = sizeof e;
      if (p_->entry_at(p_->ctx, i, &e) == TRELLIS_OK)
        out.push_back({std::string(to_view(e.path)), e.uncompressed_size});
    }
    return out;
  }
  bool exists(std::string_view path) const { return p_->exists(p_->ctx, to_str(path)) != 0; }
  // True for a single file opened as it is (a bare manifest), false for an
  // archive or a folder; nullopt from a host before ABI 1.3, which does not say.
  std::optional<bool> single_file() const {
    if (!TRELLIS_HAS_FIELD(p_, trellis_package, near_miss)) return std::nullopt;
    return p_->single_file != 0;
  }
  // From a detect that answers 0: one sentence on what was nearly recognised and
  // how to fix it, which the host adds to its refusal. Ignored by older hosts.
  void near_miss(std::string_view hint) const {
    if (TRELLIS_HAS_FIELD(p_, trellis_package, near_miss) && p_->near_miss != nullptr)
      p_->near_miss(p_->ctx, to_str(hint));
  }
  // Whole file content; throws trellis::Error (NOT_FOUND, LIMIT, IO) on failure.
  std::string read(std::string_view path) const {
    StringSink sink;
    trellis_status st = p_->read(p_->ctx, to_str(path), sink.get());
    if (st != TRELLIS_OK) throw Error(st, "cannot read '" + std::string(path) + "' from the package");
    return std::move(sink.str());
  }
  // The file handed to `on_piece(std::string_view)` in the pieces the host reads
  // it in, so a large file is never held whole. An exception from `on_piece`
  // stops the read (it never crosses into the host) and is rethrown here; read
  // failures throw trellis::Error as read() does.
  template <typename OnPiece>
  void read_in_pieces(std::string_view path, OnPiece&& on_piece) const {
    struct Relay {
      OnPiece* callback;
      std::exception_ptr failure;
      static trellis_status write(void* ctx, trellis_str bytes) {
        auto* self = static_cast<Relay*>(ctx);
        try {
          (*self->callback)(to_view(bytes));
          return TRELLIS_OK;
        } catch (...) {
          self->failure = std::current_exception();
          return TRELLIS_ERR_CANCELLED;
        }
      }
    } relay{&on_piece, nullptr};
    trellis_sink sink{&relay, &Relay::write};
    trellis_status st = p_->read(p_->ctx, to_str(path), &sink);
    if (relay.failure) std::rethrow_exception(relay.failure);
    if (st != TRELLIS_OK) throw Error(st, "cannot read '" + std::string(path) + "' from the package");
  }
  const trellis_package* raw() const { return p_; }

 private:
  const trellis_package* p_;
};

enum class Severity : int32_t {
  info = TRELLIS_SEVERITY_INFO,
  warning = TRELLIS_SEVERITY_WARNING,
  error = TRELLIS_SEVERITY_ERROR
};

class ImportReport {
 public:
  explicit ImportReport(const trellis_import_report* r) : r_(r) {}
  void diagnostic(Severity severity, std::string_view code, std::string_view message,
                  std::string_view file = {}, uint32_t line = 0) {
    trellis_diagnostic d{};
    d.struct_size = sizeof d;
    d.severity = static_cast<int32_t>(severity);
    d.code = to_str(code);
    d.message = to_str(message);
    d.file = to_str(file);
    d.line = line;
    r_->diagnostic(r_->ctx, &d);
    if (severity == Severity::error) ++errors_;
  }
  void error(std::string_view code, std::string_view message, std::string_view file = {}, uint32_t line = 0) {
    diagnostic(Severity::error, code, message, file, line);
  }
  void warning(std::string_view code, std::string_view message, std::string_view file = {}, uint32_t line = 0) {
    diagnostic(Severity::warning, code, message, file, line);
  }
  void info(std::string_view code, std::string_view message, std::string_view file = {}, uint32_t line = 0) {
    diagnostic(Severity::info, code, message, file, line);
  }
  void set_course(std::string_view course_json) {
    trellis_status st = r_->set_course(r_->ctx, to_str(course_json));
    if (st != TRELLIS_OK) throw Error(st, "the host refused the course model");
  }
  // Whether the host takes the streamed form (begin_course/add_node/add_resource).
  bool can_stream() const { return TRELLIS_HAS_FIELD(r_, trellis_import_report, add_resource); }
  void begin_course(std::string_view header_json) { call(r_->begin_course, header_json, "course header"); }
  void add_node(std::string_view node_json) { call(r_->add_node, node_json, "course node"); }
  void add_resource(std::string_view resource_json) { call(r_->add_resource, resource_json, "course resource"); }
  int error_count() const { return errors_; }

 private:
  void call(trellis_status (*fn)(void*, trellis_str), std::string_view json, const char* what) {
    if (!can_stream()) throw Error(TRELLIS_ERR_UNSUPPORTED, "the host does not take a streamed course model");
    trellis_status st = fn(r_->ctx, to_str(json));
    if (st != TRELLIS_OK) throw Error(st, std::string("the host refused the ") + what);
  }
  const trellis_import_report* r_;
  int errors_ = 0;
};

struct ImportOptions {
  std::string schema_dir;
  bool validate_only = false;
};

// The host never calls one importer concurrently (see importer.h): detect and
// import_package need no lock for the importer's own members.
class Importer {
 public:
  virtual ~Importer() = default;
  // The format id this importer produces, e.g. "scorm12". Must return a static string.
  virtual const char* format() const = 0;
  // 0..100; fill `what` with a human description when positive. Must not throw for
  // foreign packages: return 0.
  virtual int detect(const Package& package, std::string& what) = 0;
  virtual void import_package(const Package& package, const ImportOptions& options, ImportReport& report,
                              const Cancel& cancel) = 0;
};

}  // namespace sdk1
}  // namespace trellis

#endif
