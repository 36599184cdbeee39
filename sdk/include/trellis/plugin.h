/* The plugin's entry point and descriptor.
 *
 * A plugin is a shared library exporting exactly one symbol,
 * `trellis_plugin_entry_v1` (the ABI major is in the name, so a host never even
 * finds the entry of a plugin built for another major).
 *
 * Lifecycle of one instance: entry point, init, any number of get_capability
 * and capability calls, shutdown. One library may serve several instances at
 * once: when an admin changes plugins over HTTP the host reloads them, calling
 * the entry point and init again on the library already in memory, while the
 * previous instance stays initialised (callers that still hold its tables may
 * finish) until the host process ends. Libraries are never unloaded. So keep
 * state in plugin_state, not in globals, and make global set-up idempotent.
 */
#ifndef TRELLIS_PLUGIN_H
#define TRELLIS_PLUGIN_H

#include "trellis/abi.h"
#include "trellis/host.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Capability ids are "<name>/<revision>". A revision only ever adds at the end of
 * its table; an incompatible change gets a new revision and a plugin may offer
 * several. */
#define TRELLIS_CAPABILITY_IMPORTER "trellis.importer/1"
#define TRELLIS_CAPABILITY_CONNECTOR "trellis.connector/1"
#define TRELLIS_CAPABILITY_EXPORTER "trellis.exporter/1"
#define TRELLIS_CAPABILITY_RUNTIME "trellis.runtime/1" /* ABI 1.4, runtime.h */

typedef struct trellis_plugin_descriptor {
  uint32_t struct_size;
  uint32_t abi_major; /* must equal TRELLIS_ABI_MAJOR of the host */
  uint32_t abi_minor; /* the host accepts any minor <= its own */

  /* NUL-terminated; owned by plugin, valid until the process ends (libraries
   * are never unloaded). The host checks them against plugin.json. */
  const char* id;      /* e.g. "acme-wiki": [a-z0-9][a-z0-9._-]* */
  const char* version; /* semantic version, e.g. "1.2.0" */

  /* Called once per instance, before anything else on it. On success stores
   * the instance's state in *plugin_state (may be NULL); on failure returns a
   * status, writes one line of explanation to `error`, and the host calls
   * nothing else on this instance (not even shutdown): free what was made.
   * No other plugin's init runs meanwhile, so process-wide set-up of a library
   * several plugins share (e.g. xmlInitParser) is safe here and nowhere else.
   *   host          owned by host, valid until shutdown returns.
   *   plugin_state  where init stores its state: owned by plugin, freed by
   *                 shutdown.
   *   error         borrowed for the call.
   * [thread: loader] */
  trellis_status (*init)(const trellis_host_services* host, void** plugin_state,
                         const trellis_sink* error);

  /* Called at most once per initialised instance, last: frees what init made
   * (`trellis plugin check` skips it when it had to leave a call running, as
   * the check process ends anyway). No other call on this plugin_state is
   * running, except connector calls the host abandoned at their deadline (see
   * connector.h) that have still not returned: `trellis serve` waits up to 2 s
   * for them when it stops, a one-shot command does not wait. Their `cancel`
   * says stop already; a connector that ignores it must not free what such a
   * call still uses.
   * [thread: serial] per instance: after every call the host waited for. */
  void (*shutdown)(void* plugin_state);

  /* Returns the function table for `capability_id`, or NULL when the plugin
   * does not offer it. The host calls it right after init and again whenever
   * it looks capabilities up (every import, search, export), so it must be
   * cheap.
   *   capability_id  borrowed for the call; NUL-terminated, e.g.
   *                  TRELLIS_CAPABILITY_IMPORTER.
   *   returns        owned by plugin, valid until shutdown returns.
   * [thread: any] */
  const void* (*get_capability)(void* plugin_state, const char* capability_id);
} trellis_plugin_descriptor;

/* The entry point's type, as the host looks it up (below). [thread: loader] */
typedef const trellis_plugin_descriptor* (*trellis_plugin_entry_fn)(void);

#define TRELLIS_PLUGIN_ENTRY_SYMBOL "trellis_plugin_entry_v1"

/* Declaration of the entry point a plugin defines. The host calls it right after
 * each load of the library (again on a reload, see above).
 *   returns  the descriptor, never NULL: owned by plugin, valid until the
 *            process ends (a static), the same one every time.
 * [thread: loader] */
TRELLIS_EXPORT const trellis_plugin_descriptor* trellis_plugin_entry_v1(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TRELLIS_PLUGIN_H */
