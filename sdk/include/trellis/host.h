/* Services the host hands every plugin at init: the only way a plugin reaches the
 * host. Plugins never link against the host.
 *
 * Ownership: the table and everything it points to belong to the host and stay
 * valid from init until shutdown returns. Threading: every function may be called
 * from any thread, concurrently, unless its comment says otherwise.
 */
#ifndef TRELLIS_HOST_H
#define TRELLIS_HOST_H

#include "trellis/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TRELLIS_LOG_DEBUG 0
#define TRELLIS_LOG_INFO 1
#define TRELLIS_LOG_WARNING 2
#define TRELLIS_LOG_ERROR 3

/* One header of an HTTP request or response; borrowed. */
typedef struct trellis_http_header {
  trellis_str name;
  trellis_str value;
} trellis_http_header;

/* An outgoing HTTP request, filled by the plugin and borrowed by the host for the call. */
typedef struct trellis_http_request {
  uint32_t struct_size;
  trellis_str method;              /* "GET", "POST", ... */
  trellis_str url;                 /* absolute http:// or https:// URL */
  const trellis_http_header* headers;
  size_t header_count;
  trellis_str body;
  uint32_t timeout_ms;             /* 0: host default */
} trellis_http_request;

/* Receives an HTTP response. Owned by the plugin; the host calls it during
 * http_request on the calling thread, headers first, then body pieces. */
typedef struct trellis_http_response_sink {
  uint32_t struct_size;
  void* ctx;
  void (*status)(void* ctx, int32_t http_status);
  void (*header)(void* ctx, trellis_str name, trellis_str value);
  trellis_sink body;
} trellis_http_response_sink;

typedef struct trellis_host_services {
  uint32_t struct_size;
  uint32_t abi_major; /* of the host */
  uint32_t abi_minor;
  trellis_str host_version; /* e.g. "0.1.0" */

  /* Opaque host state for this plugin; pass it back as the first argument. */
  void* host_ctx;

  /* Writes one line to the host's log, attributed to the plugin. */
  void (*log)(void* host_ctx, int32_t level, trellis_str message);

  /* Per-plugin settings set by the admin (`trellis plugin configure`). The value,
   * or the declared default, is written to `out` as UTF-8 text.
   * Returns TRELLIS_ERR_NOT_FOUND for a setting the plugin never declared. */
  trellis_status (*setting_get)(void* host_ctx, trellis_str key, trellis_sink* out);

  /* Per-plugin key-value storage, persisted in the host's database and private to
   * this plugin. Each put/delete is durable when it returns. */
  trellis_status (*kv_get)(void* host_ctx, trellis_str key, trellis_sink* out);
  trellis_status (*kv_put)(void* host_ctx, trellis_str key, trellis_str value);
  trellis_status (*kv_delete)(void* host_ctx, trellis_str key);

  /* Blocking HTTP client with the host's TLS, proxy and timeout policy.
   * Returns TRELLIS_ERR_IO when no response arrived; any HTTP status is TRELLIS_OK. */
  trellis_status (*http_request)(void* host_ctx, const trellis_http_request* request,
                                 const trellis_http_response_sink* response);

  /* Non-zero once the host is shutting down. Long-running calls also receive a
   * per-call trellis_cancel; this one is for a plugin's own background threads. */
  int32_t (*is_shutting_down)(void* host_ctx);
} trellis_host_services;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TRELLIS_HOST_H */
