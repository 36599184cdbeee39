/* Capability "trellis.exporter/1": writes learning records (xAPI statements) out
 * of Trellis: to a file format, another LRS, an HR system.
 *
 * The host drives an export as a session: open, any number of write_batch calls
 * in order, then close. Statements cross as JSON text (one xAPI statement each).
 */
#ifndef TRELLIS_EXPORTER_H
#define TRELLIS_EXPORTER_H

#include "trellis/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One statement in a batch; borrowed for the call. */
typedef struct trellis_record {
  uint32_t struct_size;
  trellis_str statement_id;   /* UUID */
  trellis_str statement_json; /* the full statement as stored */
  trellis_str stored;         /* ISO 8601 timestamp the LRS stored it */
} trellis_record;

/* Per-record outcome, written by the exporter for remote destinations.
 * Owned by the host; calling thread only. */
typedef struct trellis_record_outcome_sink {
  uint32_t struct_size;
  void* ctx;
  /* `status` TRELLIS_OK: delivered (or already present); TRELLIS_ERR_INVALID_INPUT:
   * the destination refused this record for good (the host parks it with
   * `reason`); anything else: retry later. */
  void (*outcome)(void* ctx, size_t index, trellis_status status, trellis_str reason);
} trellis_record_outcome_sink;

/* Options for a session. Borrowed for the open call. */
typedef struct trellis_export_options {
  uint32_t struct_size;
  trellis_str destination; /* the destination's name in the host's settings, may be empty */
  const trellis_sink* output; /* file-like exporters write here; NULL for remote ones */
} trellis_export_options;

typedef struct trellis_exporter_v1 {
  uint32_t struct_size;
  /* Static, NUL-terminated: the format or destination kind, e.g. "csv". */
  const char* format;
  /* Static, NUL-terminated MIME type of what it writes to `output`, or "" for remote. */
  const char* media_type;

  /* Starts a session; stores exporter state in *session. */
  trellis_status (*open)(void* plugin_state, const trellis_export_options* options, void** session,
                         const trellis_sink* error);
  /* Writes `count` records in order. For remote destinations reports each record
   * through `outcomes` (may be NULL for file exporters). */
  trellis_status (*write_batch)(void* session, const trellis_record* records, size_t count,
                                const trellis_record_outcome_sink* outcomes,
                                const trellis_cancel* cancel, const trellis_sink* error);
  /* Ends the session (flushes footers) and frees it, whatever happened before. */
  trellis_status (*close)(void* session, const trellis_sink* error);
} trellis_exporter_v1;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TRELLIS_EXPORTER_H */
