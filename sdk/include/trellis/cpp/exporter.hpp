// Base classes for a record exporter (capability trellis.exporter/1).
#ifndef TRELLIS_CPP_EXPORTER_HPP
#define TRELLIS_CPP_EXPORTER_HPP

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "trellis/cpp/core.hpp"
#include "trellis/exporter.h"

namespace trellis {
inline namespace sdk1 {

struct Record {
  std::string_view statement_id, statement_json, stored;
};

class Outcomes {
 public:
  explicit Outcomes(const trellis_record_outcome_sink* s) : s_(s) {}
  bool wanted() const { return s_ != nullptr; }
  void delivered(size_t index) { report(index, TRELLIS_OK, {}); }
  void refused(size_t index, std::string_view reason) { report(index, TRELLIS_ERR_INVALID_INPUT, reason); }
  void retry_later(size_t index, std::string_view reason) { report(index, TRELLIS_ERR_REMOTE, reason); }

 private:
  void report(size_t i, trellis_status st, std::string_view reason) {
    if (s_) s_->outcome(s_->ctx, i, st, to_str(reason));
  }
  const trellis_record_outcome_sink* s_;
};

// Where file-like exporters write; remote exporters get one that reports absent.
// Valid until the session's close returns, so a session keeps it by value and
// writes from write_batch and close, never from a thread of its own.
class Output {
 public:
  explicit Output(const trellis_sink* s) : s_(s) {}
  bool present() const { return s_ != nullptr; }
  void write(std::string_view bytes) {
    if (!s_) throw Error(TRELLIS_ERR_INVALID_ARGUMENT, "this export has no output stream");
    trellis_status st = s_->write(s_->ctx, to_str(bytes));
    if (st != TRELLIS_OK) throw Error(st, "writing the export failed");
  }

 private:
  const trellis_sink* s_;
};

// One session's calls never overlap; several sessions may run at once.
class ExportSession {
 public:
  virtual ~ExportSession() = default;
  virtual void write_batch(const std::vector<Record>& records, Outcomes& outcomes, const Cancel& cancel) = 0;
  virtual void close() {}
};

struct ExportOptions {
  std::string destination;
};

class Exporter {
 public:
  virtual ~Exporter() = default;
  virtual const char* format() const = 0;
  virtual const char* media_type() const = 0;
  virtual std::unique_ptr<ExportSession> open(const ExportOptions& options, Output output) = 0;
};

}  // namespace sdk1
}  // namespace trellis

#endif
