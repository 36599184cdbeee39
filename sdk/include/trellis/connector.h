/* Capability "trellis.connector/1": a knowledge-management source (community
 * forum, wiki, document store, expert directory) that knows about course modules.
 *
 * The host asks a connector what it knows about one module and shows the answer
 * beside the module: discussion threads, documents and experts.
 */
#ifndef TRELLIS_CONNECTOR_H
#define TRELLIS_CONNECTOR_H

#include "trellis/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What the host knows about the module being looked up. Borrowed for the call. */
typedef struct trellis_module_query {
  uint32_t struct_size;
  trellis_str course_id;
  trellis_str module_id;   /* the module's identifier in its package */
  trellis_str title;
  trellis_str description; /* may be empty */
  trellis_str keywords;    /* comma-separated, may be empty */
  trellis_str language;    /* BCP 47, may be empty */
  uint32_t max_results;    /* the connector may return fewer, never more */
} trellis_module_query;

#define TRELLIS_LINK_THREAD 0   /* a discussion */
#define TRELLIS_LINK_DOCUMENT 1 /* a page, file, lesson learnt */
#define TRELLIS_LINK_EXPERT 2   /* a person who knows */

/* One result. Borrowed for the call; the host copies it. */
typedef struct trellis_knowledge_link {
  uint32_t struct_size;
  int32_t kind;      /* TRELLIS_LINK_* */
  trellis_str url;   /* absolute URL a learner can open */
  trellis_str title;
  trellis_str summary;     /* may be empty */
  trellis_str external_id; /* stable id in the source, for de-duplication */
  double relevance;        /* 0..1, the connector's own estimate */
} trellis_knowledge_link;

/* Receives results. Owned by the host; calling thread only, during the call.
 * Returns TRELLIS_ERR_LIMIT once max_results were accepted. */
typedef struct trellis_link_sink {
  uint32_t struct_size;
  void* ctx;
  trellis_status (*add)(void* ctx, const trellis_knowledge_link* link);
} trellis_link_sink;

typedef struct trellis_connector_v1 {
  uint32_t struct_size;
  /* Static, NUL-terminated display name of the source, e.g. "Acme Wiki". */
  const char* source_name;

  /* Finds what the source knows about `query`. May block on network I/O (use the
   * host's http_request service); must poll `cancel`. Any thread, concurrently. */
  trellis_status (*find_links)(void* plugin_state, const trellis_module_query* query,
                               const trellis_link_sink* out, const trellis_cancel* cancel,
                               const trellis_sink* error);
} trellis_connector_v1;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TRELLIS_CONNECTOR_H */
