/* Capability "trellis.exporter/1": writes learning records (xAPI statements) out
 * of Trellis: to a file format, another LRS, an HR system.
 *
 * The host drives an export as a session: open, any number of write_batch calls
 * in order, then close. Statements cross as JSON text (one xAPI statement each).
 * One session's calls never overlap; several sessions of one exporter (two
 * downloads, a download beside the forwarder) may run at once on different
 * threads, so state shared between sessions needs a lock.
 */
#ifndef TRELLIS_EXPORTER_H
#define TRELLIS_EXPORTER_H

#include "trellis/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One statement in a batch; owned by host, borrowed for the call (of
 * write_batch), strings included: the host reuses the memory for the next
 * batch. */
typedef struct trellis_record {
  uint32_t struct_size;
  trellis_str statement_id;   /* UUID */
  trellis_str statement_json; /* the full statement as stored */
  trellis_str stored;         /* ISO 8601 timestamp the LRS stored it */
} trellis_record;

/* Per-record outcome, written by the exporter for remote destinations.
 * Owned by host, borrowed for the call (of write_batch). */
typedef struct trellis_record_outcome_sink {
  uint32_t struct_size;
  void* ctx;
  /* `index` into the batch (the host ignores one past its end). `status`
   * TRELLIS_OK: delivered (or already present); TRELLIS_ERR_INVALID_INPUT: the
   * destination refused this record for good (the host parks it with
   * `reason`); anything else: retry later. A record reported twice keeps the
   * last outcome; one never reported is retried.
   *   reason  borrowed for the call.
   * [thread: caller] */
  void (*outcome)(void* ctx, size_t index, trellis_status status, trellis_str reason);
} trellis_record_outcome_sink;

/* Options for a session. Owned by host, borrowed for the call (of open), except
 * what `output` points to. */
typedef struct trellis_export_options {
  uint32_t struct_size;
  trellis_str destination; /* the destination's name in the host's settings; empty for a file export */
  /* File-like exporters write here; NULL for remote ones. The pointer and the
   * sink it points to: owned by host, valid until close returns, so a session
   * may keep it and write from open, write_batch and close. Its write is
   * [thread: caller] for those three calls of this session: never between
   * them, never from a thread of the exporter's own. It answers TRELLIS_ERR_IO
   * once the output broke (a closed download, a full disk). */
  const trellis_sink* output;
} trellis_export_options;

typedef struct trellis_exporter_v1 {
  uint32_t struct_size;
  /* NUL-terminated: the format or destination kind, e.g. "csv"; owned by
   * plugin, valid until shutdown returns. */
  const char* format;
  /* NUL-terminated MIME type of what it writes to `output`, or "" for remote;
   * owned by plugin, valid until shutdown returns. */
  const char* media_type;

  /* Starts a session; stores its state in *session. On failure the host
   * ignores *session and never calls close: free what open made.
   *   options  owned by host, borrowed for the call (options->output lives
   *            longer, see above).
   *   session  where open stores the session: owned by plugin, freed by close.
   *   error    owned by host, borrowed for the call: one line on failure.
   * [thread: any] */
  trellis_status (*open)(void* plugin_state, const trellis_export_options* options, void** session,
                         const trellis_sink* error);
  /* Writes `count` records in stored order (at most a page). For remote
   * destinations reports each record through `outcomes`. A failure ends the
   * session: the host calls close next.
   *   records   owned by host, borrowed for the call.
   *   outcomes  owned by host, borrowed for the call; NULL for file exports.
   *   cancel    owned by host, borrowed for the call (an HTTP download's
   *             says stop once the reader went away; others never do).
   *   error     owned by host, borrowed for the call.
   * [thread: serial] per session */
  trellis_status (*write_batch)(void* session, const trellis_record* records, size_t count,
                                const trellis_record_outcome_sink* outcomes,
                                const trellis_cancel* cancel, const trellis_sink* error);
  /* Ends the session (flushes footers) and frees it, whatever happened before.
   * The host calls it exactly once for every successful open.
   *   error  owned by host, borrowed for the call.
   * [thread: serial] per session: last */
  trellis_status (*close)(void* session, const trellis_sink* error);
} trellis_exporter_v1;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TRELLIS_EXPORTER_H */
