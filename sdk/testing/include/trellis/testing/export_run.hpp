// Runs one exporter session (trellis.exporter/1) over records held in memory:
// open, write_batch per batch, close. Captures the bytes written to the output
// sink and every outcome reported, by record, for remote exporters.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "trellis/exporter.h"

namespace trellis::testing {

struct TestRecord {
  std::string id, json, stored;
};

struct RecordOutcome {
  int32_t status = -1;  // -1: not reported
  std::string reason;
};

// One outcome call as the exporter made it: `index` within its batch.
struct OutcomeReport {
  size_t batch_size = 0, index = 0;
  int32_t status = -1;
  std::string reason;
};

struct ExportRun {
  int32_t open_status = -1, write_status = -1, close_status = -1;
  std::string threw_in;  // "open", "write_batch" or "close": an exception crossed the ABI boundary there
                         // and the session was left as it was
  std::string output;
  std::string error;
  std::vector<RecordOutcome> outcomes;  // one per record, across batches (the last report wins)
  std::vector<OutcomeReport> reports;   // every outcome call in order, stray indexes too
};

struct ExportRequest {
  size_t batch_size = 100;
  std::string destination;
  bool with_output = true;      // false: a remote exporter's session, without an output sink
  bool empty_batch = false;     // no records: still call write_batch once, with none
  const trellis_cancel* cancel = nullptr;
  size_t output_cap = SIZE_MAX, error_cap = SIZE_MAX;
};

ExportRun export_with(const trellis_exporter_v1* exporter, void* state, const std::vector<TestRecord>& records,
                      const ExportRequest& request);

}  // namespace trellis::testing
