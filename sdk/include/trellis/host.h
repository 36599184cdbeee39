/* Services the host hands every plugin at init: the only way a plugin reaches the
 * host. Plugins never link against the host.
 *
 * The table and everything it points to: owned by host, valid until shutdown
 * returns. Each instance of a plugin gets its own table and host_ctx. Every
 * function may be called from init on, from any thread including the plugin's
 * own, concurrently ([thread: any]); each blocks until it has an answer.
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

/* One header of an HTTP request; borrowed for the call (of http_request). */
typedef struct trellis_http_header {
  trellis_str name;
  trellis_str value;
} trellis_http_header;

/* An outgoing HTTP request, filled by the plugin; owned by plugin, borrowed for
 * the call (the host copies what it sends). */
typedef struct trellis_http_request {
  uint32_t struct_size;
  trellis_str method;              /* "GET", "POST", ... */
  trellis_str url;                 /* absolute http:// or https:// URL */
  const trellis_http_header* headers; /* `header_count` of them; borrowed for the call */
  size_t header_count;
  trellis_str body;
  uint32_t timeout_ms;             /* 0: host default */
} trellis_http_request;

/* Receives an HTTP response. Owned by plugin, borrowed for the call (of
 * http_request). The host calls status once, then header once per response
 * header, then body.write with the body in one or more pieces; it skips a
 * callback left NULL. Nothing is called when no response arrived. */
typedef struct trellis_http_response_sink {
  uint32_t struct_size;
  void* ctx;
  /* [thread: caller] */
  void (*status)(void* ctx, int32_t http_status);
  /* `name`, `value`: borrowed for the call. [thread: caller] */
  void (*header)(void* ctx, trellis_str name, trellis_str value);
  trellis_sink body; /* its status is what http_request returns */
  /* ABI 1.3: when no response arrived (http_request returns TRELLIS_ERR_IO or
   * TRELLIS_ERR_LIMIT), why, for a person: "connection refused", "TLS handshake
   * failed", "timed out after 10 s". `reason`: borrowed for the call. A host
   * calls it only when `struct_size` covers it. [thread: caller] */
  void (*failure)(void* ctx, trellis_str reason);
} trellis_http_response_sink;

typedef struct trellis_host_services {
  uint32_t struct_size;
  uint32_t abi_major; /* of the host */
  uint32_t abi_minor;
  trellis_str host_version; /* e.g. "0.1.0"; owned by host, valid until shutdown returns */

  /* Opaque host state for this instance; pass it back as the first argument. */
  void* host_ctx;

  /* Writes one line to the host's log, attributed to the plugin.
   * `message`: borrowed for the call. [thread: any] */
  void (*log)(void* host_ctx, int32_t level, trellis_str message);

  /* Per-plugin settings set by the admin (`trellis plugin configure`). The value,
   * or the declared default, is written to `out` as UTF-8 text.
   * Returns TRELLIS_ERR_NOT_FOUND for a setting the plugin never declared, or
   * declared without a default and never configured.
   *   key  borrowed for the call.
   *   out  owned by plugin, borrowed for the call; the host writes to it on
   *        the calling thread before returning.
   * [thread: any] */
  trellis_status (*setting_get)(void* host_ctx, trellis_str key, trellis_sink* out);

  /* Per-plugin key-value storage, persisted in the host's database and private to
   * this plugin (shared by its instances). Each put/delete is durable when it
   * returns. kv_get returns TRELLIS_ERR_NOT_FOUND for a missing key and writes
   * the value to `out` otherwise; kv_delete returns it when there was nothing
   * to delete.
   *   key, value  borrowed for the call.
   *   out         owned by plugin, borrowed for the call, as for setting_get.
   * [thread: any] */
  trellis_status (*kv_get)(void* host_ctx, trellis_str key, trellis_sink* out);
  trellis_status (*kv_put)(void* host_ctx, trellis_str key, trellis_str value);
  trellis_status (*kv_delete)(void* host_ctx, trellis_str key);

  /* Blocking HTTP client with the host's TLS, proxy and timeout policy, rate
   * limited per plugin (plugins.http_rate_per_second): over the limit it waits,
   * or returns TRELLIS_ERR_LIMIT when the wait would outlast the timeout.
   * Returns TRELLIS_ERR_IO when no response arrived, TRELLIS_ERR_INVALID_ARGUMENT
   * for a URL that is not absolute http(s); with a response, the status of
   * `response->body.write` (TRELLIS_OK for any HTTP status).
   *   request   borrowed for the call.
   *   response  owned by plugin, borrowed for the call; its callbacks run on
   *             the calling thread before http_request returns.
   * [thread: any] */
  trellis_status (*http_request)(void* host_ctx, const trellis_http_request* request,
                                 const trellis_http_response_sink* response);

  /* Non-zero once the host has begun shutting its plugins down (shutdown is
   * next). Long-running calls also receive a per-call trellis_cancel; this one
   * is for a plugin's own background threads.
   * [thread: any] */
  int32_t (*is_shutting_down)(void* host_ctx);
} trellis_host_services;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TRELLIS_HOST_H */
