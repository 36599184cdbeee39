/* Capability "trellis.connector/1": a knowledge-management source (community
 * forum, mailing-list archive, wiki, document folder, expert directory, event
 * calendar) that knows about course modules.
 *
 * The host uses a connector four ways:
 *   search  answer a query, optionally about one module (title, keywords,
 *           objectives), with ranked items: "what do you know about this?";
 *   fetch   re-read one item by the reference the connector gave it;
 *   sync    hand over everything new, changed or deleted since a cursor the
 *           connector gave last time, so the host can index it for knowledge
 *           search (`trellis connector sync`, and on a schedule while serving);
 *   post    optionally open a thread in the outside community, e.g. when a
 *           module is published, and say where it lives.
 *
 * Timeouts, cancellation and rate limits belong to the host: every call the
 * server makes gets a trellis_cancel that turns true when the host's deadline for the call passes or
 * the admin stops it, and the host's http_request service applies the per-plugin
 * rate limit. A connector that ignores `cancel` is abandoned by the host (its
 * late results are discarded) and reported by `trellis plugin check`.
 *
 * Threads: the server makes each call on a thread of its own, several at once,
 * so search, fetch and post run concurrently with each other and with sync
 * ([thread: any]); only syncs are one at a time. At a call's deadline the host
 * stops waiting, but every argument (query, sinks, cancel) stays valid until
 * the function returns: "borrowed for the call" holds for abandoned calls too,
 * and the item sink then answers TRELLIS_ERR_LIMIT.
 *
 * Revision history (the struct grows at the end only):
 *   ABI 1.0  struct_size, source_name, search
 *   ABI 1.1  fetch, sync, post; items gained author, updated, body, tags,
 *            deleted and the EVENT kind; queries gained text and objectives.
 * Read a field only when TRELLIS_HAS_FIELD says the other side has it.
 */
#ifndef TRELLIS_CONNECTOR_H
#define TRELLIS_CONNECTOR_H

#include "trellis/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What is being looked for. Owned by host, borrowed for the call, strings
 * included. Strings may be empty, never invalid pointers; the host passes them
 * through from packages and users, so a connector must not assume they are
 * valid UTF-8 (`trellis plugin check` sends invalid UTF-8 on purpose). */
typedef struct trellis_search_query {
  uint32_t struct_size;
  trellis_str course_id;   /* the module's course, when the search is about a module */
  trellis_str module_id;   /* the module's identifier in its package; empty for a free search */
  trellis_str title;       /* the module's title */
  trellis_str description;
  trellis_str keywords;    /* comma-separated */
  trellis_str language;    /* BCP 47 */
  uint32_t max_results;    /* the connector may return fewer, never more; 0 asks for none */
  /* ABI 1.1 */
  trellis_str text;        /* free text typed by a person; empty when asking about a module */
  trellis_str objectives;  /* the module's learning objectives, one per line */
  uint32_t kinds;          /* bit set of (1u << TRELLIS_ITEM_*) wanted; 0 means every kind */
} trellis_search_query;

#define TRELLIS_ITEM_DISCUSSION 0 /* a thread, question or conversation */
#define TRELLIS_ITEM_DOCUMENT 1   /* a page, file, guideline, lesson learnt, incident report */
#define TRELLIS_ITEM_EXPERT 2     /* a person who knows; `url` may be a mailto: or tel: URI */
#define TRELLIS_ITEM_EVENT 3      /* ABI 1.1: a meeting, webinar, community event */

/* One item a connector knows. Owned by plugin, borrowed for the call (of
 * trellis_item_sink.add), strings included; the host copies what it accepts. */
typedef struct trellis_knowledge_item {
  uint32_t struct_size;
  int32_t kind;            /* TRELLIS_ITEM_* */
  trellis_str url;         /* absolute URL a learner can open: http(s); file:/// for documents in a
                            * shared folder; mailto:/tel: for experts */
  trellis_str title;       /* non-empty */
  trellis_str snippet;     /* a short plain-text excerpt; may be empty */
  trellis_str ref;         /* the item's stable id in the source: de-duplication and fetch() */
  double score;            /* 0..1, the connector's own estimate of relevance (search only) */
  /* ABI 1.1 */
  trellis_str author;      /* display name; for an expert, the person; may be empty */
  trellis_str updated;     /* RFC 3339 time of the last change; may be empty */
  trellis_str body;        /* full plain text or Markdown for indexing (sync/fetch); may be empty */
  trellis_str tags;        /* comma-separated: topics, expertise; may be empty */
  int32_t deleted;         /* sync only: non-zero says the item with `ref` is gone (other fields may be empty) */
} trellis_knowledge_item;

/* Receives items. Owned by host, borrowed for the call it is passed to. */
typedef struct trellis_item_sink {
  uint32_t struct_size;
  void* ctx;
  /* Takes one item. Returns TRELLIS_ERR_LIMIT once the call has all it asked
   * for (max_results, connector.max_sync_items) or was abandoned: stop
   * producing. TRELLIS_ERR_INVALID_INPUT for an item it refuses (the host says
   * why in its own log; the connector may go on). The server's sink would
   * take items from a connector's worker threads, but `trellis plugin check`
   * and the test harness would not.
   *   item  borrowed for the call.
   * [thread: caller] */
  trellis_status (*add)(void* ctx, const trellis_knowledge_item* item);
} trellis_item_sink;

/* A thread the host asks the connector to open outside (post). Owned by host,
 * borrowed for the call, strings included. */
typedef struct trellis_thread_draft {
  uint32_t struct_size;
  trellis_str course_id;
  trellis_str module_id;
  trellis_str title;
  trellis_str body;       /* Markdown */
  trellis_str author;     /* display name of the person the host acts for */
  trellis_str tags;       /* comma-separated */
} trellis_thread_draft;

typedef struct trellis_connector_v1 {
  uint32_t struct_size;
  /* NUL-terminated display name of the source, e.g. "Safety forum"; owned by
   * plugin, valid until shutdown returns. */
  const char* source_name;

  /* Answers `query` with at most max_results items, best first. May block on
   * network I/O (use the host's http_request service); must poll `cancel`.
   * Required.
   *   query   owned by host, borrowed for the call.
   *   out     owned by host, borrowed for the call.
   *   cancel  owned by host, borrowed for the call; may be NULL (the server
   *           always passes one, `trellis plugin check` sometimes NULL).
   *   error   owned by host, borrowed for the call: one line on failure.
   * [thread: any] */
  trellis_status (*search)(void* plugin_state, const trellis_search_query* query, const trellis_item_sink* out,
                           const trellis_cancel* cancel, const trellis_sink* error);

  /* ABI 1.1 ------------------------------------------------------------ */

  /* Sends the one item whose `ref` is given, or returns TRELLIS_ERR_NOT_FOUND.
   * NULL: the connector cannot re-read items.
   *   ref, out, cancel, error  owned by host, borrowed for the call (cancel
   *                            may be NULL, as for search).
   * [thread: any] */
  trellis_status (*fetch)(void* plugin_state, trellis_str ref, const trellis_item_sink* out,
                          const trellis_cancel* cancel, const trellis_sink* error);

  /* Sends every item added, changed or deleted (deleted != 0) since `cursor`,
   * an opaque string this connector wrote to `next_cursor` at the end of its
   * previous successful sync (empty the first time: send everything). Writes
   * the new cursor to `next_cursor` only on success. The host applies the items
   * and stores the cursor in one transaction, so a failed or cancelled sync is
   * simply repeated from the old cursor: sending an item twice must be harmless.
   * NULL: nothing to sync.
   *   cursor, out, next_cursor, cancel, error  owned by host, borrowed for the
   *   call (cancel may be NULL, as for search).
   * [thread: serial] per plugin: never two syncs of one plugin at once, an
   * abandoned one still running included, across all its instances; search,
   * fetch and post may run beside it. */
  trellis_status (*sync)(void* plugin_state, trellis_str cursor, const trellis_item_sink* out,
                         const trellis_sink* next_cursor, const trellis_cancel* cancel, const trellis_sink* error);

  /* Opens `thread` in the outside community. Writes the new thread's item
   * (ref, url, title...) to `created`. NULL: the source is read-only.
   *   thread, created, cancel, error  owned by host, borrowed for the call
   *                                   (cancel may be NULL, as for search).
   * [thread: any] */
  trellis_status (*post)(void* plugin_state, const trellis_thread_draft* thread, const trellis_item_sink* created,
                         const trellis_cancel* cancel, const trellis_sink* error);
} trellis_connector_v1;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TRELLIS_CONNECTOR_H */
