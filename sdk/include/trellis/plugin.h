/* The plugin's entry point and descriptor.
 *
 * A plugin is a shared library exporting exactly one symbol,
 * `trellis_plugin_entry_v1` (the ABI major is in the name, so a host never even
 * finds the entry of a plugin built for another major). The host calls it once,
 * right after loading, from one thread, under its loader lock.
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

typedef struct trellis_plugin_descriptor {
  uint32_t struct_size;
  uint32_t abi_major; /* must equal TRELLIS_ABI_MAJOR of the host */
  uint32_t abi_minor; /* the host accepts any minor <= its own */

  /* Static, NUL-terminated, owned by the plugin, valid while it is loaded.
   * The host checks them against plugin.json. */
  const char* id;      /* e.g. "acme-wiki": [a-z0-9][a-z0-9._-]* */
  const char* version; /* semantic version, e.g. "1.2.0" */

  /* Called once before anything else. `host` stays valid until shutdown returns.
   * On success stores the plugin's own state in *plugin_state (may be NULL).
   * On failure returns a status and writes one line of explanation to `error`.
   * Threading: host loader thread, never at the same time as another plugin's
   * init, so process-wide set-up of a shared library (e.g. xmlInitParser) is
   * safe here and nowhere else. */
  trellis_status (*init)(const trellis_host_services* host, void** plugin_state,
                         const trellis_sink* error);

  /* Called once, last. Frees what init made. Threading: any single thread, after
   * every other call has returned. */
  void (*shutdown)(void* plugin_state);

  /* Returns the function table for `capability_id` (NUL-terminated, e.g.
   * TRELLIS_CAPABILITY_IMPORTER), or NULL when the plugin does not offer it.
   * The table is owned by the plugin and valid until shutdown. Any thread. */
  const void* (*get_capability)(void* plugin_state, const char* capability_id);
} trellis_plugin_descriptor;

typedef const trellis_plugin_descriptor* (*trellis_plugin_entry_fn)(void);

#define TRELLIS_PLUGIN_ENTRY_SYMBOL "trellis_plugin_entry_v1"

/* Declaration of the entry point a plugin defines. Returns a pointer to a static
 * descriptor; never NULL. */
TRELLIS_EXPORT const trellis_plugin_descriptor* trellis_plugin_entry_v1(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TRELLIS_PLUGIN_H */
