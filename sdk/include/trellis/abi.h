/* Trellis plugin ABI: base types shared by every other header.
 *
 * Rules that hold across the whole ABI (docs/sdk.md explains each):
 *  - Plain C. Compiles as C11 and C++17/20; no C++ type, exception or allocation
 *    crosses the boundary.
 *  - Every struct that may grow starts with `struct_size` (bytes, set by whoever
 *    fills it) and only ever grows at its end. A reader must check
 *    TRELLIS_HAS_FIELD before touching a field added after revision 1.0.
 *  - Strings are UTF-8 pointer + length (trellis_str), borrowed for the duration of
 *    the call unless a comment says otherwise. They are not NUL-terminated.
 *  - Whoever allocates frees. Data flows out of a call through a trellis_sink that
 *    the caller owns and that copies what it is given.
 *  - Status codes are never reused for another meaning.
 */
#ifndef TRELLIS_ABI_H
#define TRELLIS_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TRELLIS_ABI_MAJOR 1
#define TRELLIS_ABI_MINOR 2

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

/* A borrowed UTF-8 string. `data` may be NULL only when `size` is 0. */
typedef struct trellis_str {
  const char* data;
  size_t size;
} trellis_str;

/* Where a callee writes bytes it produces. Owned by the caller; `write` copies the
 * bytes before returning, so the callee may free its buffer right after.
 * `write` may be called any number of times; the pieces are concatenated.
 * Threading: only from the thread the sink was handed to, during that call. */
typedef struct trellis_sink {
  void* ctx; /* caller-owned, opaque to the callee */
  trellis_status (*write)(void* ctx, trellis_str bytes);
} trellis_sink;

/* Per-call cancellation, owned by the caller. A long-running callee polls it
 * between units of work and returns TRELLIS_ERR_CANCELLED once it says so.
 * May be NULL, meaning the call cannot be cancelled. Any thread. */
typedef struct trellis_cancel {
  void* ctx;
  int32_t (*is_cancelled)(void* ctx); /* non-zero: stop */
} trellis_cancel;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TRELLIS_ABI_H */
