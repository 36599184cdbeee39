/* Trellis plugin ABI: base types shared by every other header.
 *
 * Rules that hold across the whole ABI (docs/sdk.md explains each):
 *  - Plain C. Compiles as C11 and C++17/20; no C++ type, exception or allocation
 *    crosses the boundary.
 *  - Every struct that may grow starts with `struct_size` (bytes, set by whoever
 *    fills it) and only ever grows at its end. A reader must check
 *    TRELLIS_HAS_FIELD before touching a field added after revision 1.0.
 *  - Strings are UTF-8 pointer + length (trellis_str). They are not
 *    NUL-terminated, and are "borrowed for the call" (below) unless their note
 *    says otherwise.
 *  - Whoever allocates frees. Data flows out of a call through a trellis_sink that
 *    the caller owns and that copies what it is given.
 *  - Status codes are never reused for another meaning.
 *
 * How to read the headers
 * -----------------------
 * The notes below are the contract, in the same few words everywhere. Each says
 * what the host's code guarantees; a later host may call less concurrently or
 * keep things valid longer, never the reverse.
 *
 * Every function pointer's comment ends with one thread tag (for serial, the
 * tag then its scope), saying from which threads its caller may call it:
 *
 *   [thread: loader]  on the host thread that is loading plugins (at start, or
 *                     the request thread of a reload), under the host's loader
 *                     locks: no two entry-point calls and no two init calls
 *                     overlap anywhere in the process, whichever plugin.
 *   [thread: any]     on any thread, concurrently with any other call into the
 *                     same state, this function included. Must be thread-safe.
 *   [thread: serial]  on any thread, but never overlapping another call in the
 *                     scope the comment names ("serial per session"); the next
 *                     call may come from a different thread once this one
 *                     returned. Other calls may run beside it.
 *   [thread: caller]  a callback handed over with a call (a sink, the package,
 *                     the report): it is called only on the thread making that
 *                     call and only while that call runs, never from a thread
 *                     of one's own. Its ownership note says when it ends.
 *
 * Every pointer parameter and pointer field (trellis_str included) carries one
 * ownership note:
 *
 *   borrowed for the call            valid until the function it was passed
 *                                    to returns; copy what you keep.
 *   owned by host, valid until X     the host made it and frees it after X.
 *   owned by plugin, valid until X   the plugin made it, the host never frees
 *                                    it and stops using it at X.
 *   owned by plugin, freed by F      a handle the plugin made and handed over;
 *                                    the host passes it back to F once.
 *
 * A struct's note covers its `ctx` member, which is opaque to the other side
 * and only passed back. A note on a struct covers every pointer in it unless a
 * field says otherwise.
 */
#ifndef TRELLIS_ABI_H
#define TRELLIS_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TRELLIS_ABI_MAJOR 1
#define TRELLIS_ABI_MINOR 4

#if defined(_WIN32)
#define TRELLIS_EXPORT __declspec(dllexport)
#else
#define TRELLIS_EXPORT __attribute__((visibility("default")))
#endif

/* True when a size-prefixed struct `s` (pointer) is large enough to contain `field`. */
#define TRELLIS_HAS_FIELD(s, type, field) \
  ((s) != NULL && (s)->struct_size >= offsetof(type, field) + sizeof(((type*)0)->field))

/* Result of every ABI function that can fail. Values are stable forever. */
typedef int32_t trellis_status;
#define TRELLIS_OK 0
#define TRELLIS_ERR_INVALID_ARGUMENT 1 /* the caller broke the contract (null, bad size) */
#define TRELLIS_ERR_INVALID_INPUT 2    /* the data given is not acceptable (package, record) */
#define TRELLIS_ERR_NOT_FOUND 3        /* a key, file or capability does not exist */
#define TRELLIS_ERR_UNSUPPORTED 4      /* valid request this side does not implement */
#define TRELLIS_ERR_IO 5               /* file system or network failure */
#define TRELLIS_ERR_CANCELLED 6        /* the host asked the work to stop */
#define TRELLIS_ERR_INTERNAL 7         /* a bug or an unexpected exception */
#define TRELLIS_ERR_LIMIT 8            /* a configured limit (size, count, time) was hit */
#define TRELLIS_ERR_REMOTE 9           /* a remote system refused or failed */

/* A UTF-8 string; borrowed for the call unless its note says otherwise.
 * `data` may be NULL only when `size` is 0. */
typedef struct trellis_str {
  const char* data;
  size_t size;
} trellis_str;

/* Where a callee writes bytes it produces. Owned by the caller, borrowed for
 * the call it is passed to (exporter.h's `output` is the one sink that lives
 * longer, as its note says).
 * `write` may be called any number of times; the pieces are concatenated.
 * A status other than TRELLIS_OK means the piece was not taken (LIMIT past
 * the caller's cap, IO once the output broke): stop writing and return. */
typedef struct trellis_sink {
  void* ctx;
  /* Appends `bytes` (borrowed for the call: copied before it returns, so the
   * callee may free its buffer right after). [thread: caller] */
  trellis_status (*write)(void* ctx, trellis_str bytes);
} trellis_sink;

/* Per-call cancellation. Owned by the caller, borrowed for the call it is
 * passed to. A long-running callee polls it between units of work and returns
 * TRELLIS_ERR_CANCELLED once it says so. A NULL `trellis_cancel*` means the
 * call cannot be cancelled. */
typedef struct trellis_cancel {
  void* ctx;
  /* Non-zero: stop. Cheap; poll it as often as needed. Unlike the other
   * callbacks it may also be polled from the callee's own worker threads, as
   * long as the call has not returned. [thread: any] */
  int32_t (*is_cancelled)(void* ctx);
} trellis_cancel;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TRELLIS_ABI_H */
