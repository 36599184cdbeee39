/* Capability "trellis.importer/1": recognise a learning package and turn it into
 * the host's course model.
 *
 * The host opens the package itself (zip or folder) through its safe reader:
 * path traversal, symlinks, duplicate names and zip bombs are refused before an
 * importer sees anything. The importer reads files through trellis_package and
 * answers through trellis_import_report. It never writes files.
 *
 * The course model crosses the boundary as JSON, schema "trellis.course/1",
 * described in docs/sdk.md: one document (set_course), or streamed a node at a
 * time (begin_course, add_node, add_resource) so neither side holds a large
 * course whole. JSON keeps the boundary free of C++ types while the model
 * (sequencing, metadata, extensions) keeps growing.
 *
 * Concurrency (normative): the host never calls into one importer
 * concurrently. detect and import_package of one plugin_state are made one at
 * a time, from any thread, each after the previous one returned; an importer
 * needs no lock of its own for state it keeps between calls. (The host gets
 * there by importing one package at a time, uploads queueing behind each
 * other; calls of the plugin's other capabilities may still run beside an
 * import, and so may another instance's init after a reload.)
 */
#ifndef TRELLIS_IMPORTER_H
#define TRELLIS_IMPORTER_H

#include "trellis/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One file of the package, filled by entry_at into the importer's struct.
 * Paths are relative, '/'-separated, normalised UTF-8. */
typedef struct trellis_package_entry {
  uint32_t struct_size;       /* set by the importer before entry_at */
  trellis_str path;           /* owned by host, valid until the detect or import_package call returns */
  uint64_t uncompressed_size; /* bytes */
} trellis_package_entry;

/* A package opened by the host. Owned by host, borrowed for the call (the
 * detect or import_package it is passed to). Not thread-safe. */
typedef struct trellis_package {
  uint32_t struct_size;
  void* ctx;
  /* Human-readable name of what was opened (file or folder name), for
   * messages; owned by host, valid until the detect or import_package call
   * returns. */
  trellis_str display_name;
  /* Number of regular files. [thread: caller] */
  size_t (*entry_count)(void* ctx);
  /* Fills *out for file `index` in [0, entry_count); TRELLIS_ERR_NOT_FOUND past
   * the end, TRELLIS_ERR_INVALID_ARGUMENT when out->struct_size is too small.
   *   out  owned by plugin, borrowed for the call.
   * [thread: caller] */
  trellis_status (*entry_at)(void* ctx, size_t index, trellis_package_entry* out);
  /* Streams the content of the file at `path` into `out`, in pieces.
   * TRELLIS_ERR_NOT_FOUND when absent; TRELLIS_ERR_LIMIT when over the host's
   * per-file read limit for importers; TRELLIS_ERR_INVALID_INPUT when the
   * stored file cannot be read (a corrupt archive); the sink's own status
   * when `out` refused a piece.
   *   path  borrowed for the call.
   *   out   owned by plugin, borrowed for the call; written on the calling
   *         thread before read returns.
   * [thread: caller] */
  trellis_status (*read)(void* ctx, trellis_str path, const trellis_sink* out);
  /* 1 when a regular file exists at `path`, else 0.
   *   path  borrowed for the call.
   * [thread: caller] */
  int32_t (*exists)(void* ctx, trellis_str path);

  /* Grown in ABI 1.3: read these only when
   * TRELLIS_HAS_FIELD(package, trellis_package, near_miss); older hosts have
   * neither. */
  /* 1 when the package is a single file opened as it is (a bare course structure
   * or manifest, uploaded or named on the command line), 0 for an archive or a
   * folder, even one that holds a single file. */
  int32_t single_file;
  /* For detect answering 0: one sentence telling the designer what the importer
   * nearly recognised and what to do about it, e.g. "found extended-cmi5.xml
   * with a cmi5 courseStructure root: import that file, or rename it
   * cmi5.xml". When no importer claims the package, the host adds every hint to
   * its refusal; it ignores hints from a detect that answered more than 0 and
   * from import_package. Call it at most a few times.
   *   hint  borrowed for the call (the host copies it; one over 1 KiB or not
   *         UTF-8 is dropped).
   * [thread: caller] */
  void (*near_miss)(void* ctx, trellis_str hint);
} trellis_package;

#define TRELLIS_SEVERITY_INFO 0
#define TRELLIS_SEVERITY_WARNING 1
#define TRELLIS_SEVERITY_ERROR 2 /* rejects the package */

/* One finding about the package; owned by plugin, borrowed for the call (of
 * diagnostic), strings included. The host ignores one whose struct_size does
 * not cover `line`. */
typedef struct trellis_diagnostic {
  uint32_t struct_size;
  int32_t severity;
  trellis_str code;    /* stable, dotted, e.g. "scorm.identifierref.unresolved" */
  trellis_str message; /* one sentence for a course designer */
  trellis_str file;    /* package-relative path, may be empty */
  uint32_t line;       /* 1-based, 0 when unknown */
} trellis_diagnostic;

/* Where an importer reports. Owned by host, borrowed for the call (of
 * import_package). Not thread-safe. */
typedef struct trellis_import_report {
  uint32_t struct_size;
  void* ctx;
  /* Records one finding; an error one rejects the package.
   *   diagnostic  borrowed for the call (the host copies it).
   * [thread: caller] */
  void (*diagnostic)(void* ctx, const trellis_diagnostic* diagnostic);
  /* Hands over the course model (JSON, schema "trellis.course/1"). Call at most
   * once; an importer that found errors may still call it so designers see the
   * partial structure in validation reports.
   *   course_json  borrowed for the call (the host copies it).
   * [thread: caller] */
  trellis_status (*set_course)(void* ctx, trellis_str course_json);

  /* Streamed form of the same model, for courses too large to hold as one
   * document (a 5,000-item SCORM manifest is megabytes of JSON). Present when
   * TRELLIS_HAS_FIELD(report, trellis_import_report, add_resource); older hosts
   * only take set_course. A course is either set or streamed, never both.
   *
   * begin_course: once, first: the course document without "nodes" and
   *   "resources" (schema, format, edition, identifier, title, metadata, ...).
   * add_node: every node of the tree, one object each, without "children" and
   *   with two more members: "parent" (the parent node's identifier, "" at the
   *   top) and "position" (the node's index in depth-first pre-order, from 0).
   *   Any order: a reader that only knows a node at its end tag may send children
   *   before their parent. The host checks the tree when the import ends.
   * add_resource: every resource object, in manifest order.
   * A part the host refuses (malformed, out of order such as before
   * begin_course, or a course both set and streamed) returns
   * TRELLIS_ERR_INVALID_INPUT and rejects the import with import.model-invalid;
   * TRELLIS_ERR_IO or TRELLIS_ERR_INTERNAL when the host could not stage it.
   * After any failure every later part (set_course too) returns
   * TRELLIS_ERR_INVALID_INPUT, so stop sending.
   *   course_json, node_json, resource_json  borrowed for the call (the host
   *                                          copies it).
   * [thread: caller] */
  trellis_status (*begin_course)(void* ctx, trellis_str course_json);
  trellis_status (*add_node)(void* ctx, trellis_str node_json);
  trellis_status (*add_resource)(void* ctx, trellis_str resource_json);
} trellis_import_report;

/* Options the host passes to an import. Owned by host, borrowed for the call. */
typedef struct trellis_import_options {
  uint32_t struct_size;
  /* Folder holding trusted copies of the standards' schema files, or empty:
   * then only the schemas the package carries are used. */
  trellis_str schema_dir;
  /* Non-zero: validate only; the host will not store the result. */
  int32_t validate_only;
} trellis_import_options;

typedef struct trellis_importer_v1 {
  uint32_t struct_size;
  /* NUL-terminated: the format this importer produces, e.g. "scorm12"; owned by
   * plugin, valid until shutdown returns. */
  const char* format;

  /* How sure the importer is that it should handle `package`: 0 (not mine) to
   * 100 (certain). Must be cheap: read at most the manifest. The host asks
   * every importer and gives the package to the most certain one. On a
   * positive answer writes a short human description (e.g. "SCORM 2004 4th
   * Edition") to `what`; the host keeps at most 4 KiB of it.
   *   package  owned by host, borrowed for the call.
   *   what     owned by host, borrowed for the call.
   * [thread: serial] per importer (see the concurrency rule above). */
  int32_t (*detect)(void* plugin_state, const trellis_package* package, const trellis_sink* what);

  /* Validates the package and builds its course model. Returns TRELLIS_OK when it
   * ran to the end (even if it reported error diagnostics),
   * TRELLIS_ERR_CANCELLED when `cancel` said so, another status on failure.
   *   package  owned by host, borrowed for the call.
   *   options  owned by host, borrowed for the call.
   *   report   owned by host, borrowed for the call.
   *   cancel   owned by host, borrowed for the call; may be NULL, and is NULL
   *            in this host (an import runs to its end).
   * [thread: serial] per importer (see the concurrency rule above). */
  trellis_status (*import_package)(void* plugin_state, const trellis_package* package,
                                   const trellis_import_options* options,
                                   const trellis_import_report* report,
                                   const trellis_cancel* cancel);
} trellis_importer_v1;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TRELLIS_IMPORTER_H */
