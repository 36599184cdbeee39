// One raw C-ABI connector (no C++ wrapper, so nothing catches on its behalf),
// built once per way a plugin can be broken; the BROKEN_* definition picks the
// fault. Without one it behaves, and serves the dependency tests.
#include <chrono>
#include <cstddef>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "trellis/connector.h"
#include "trellis/plugin.h"

namespace {

#ifndef BROKEN_ABI_MAJOR
#define BROKEN_ABI_MAJOR TRELLIS_ABI_MAJOR
#endif
#ifdef BROKEN_ID
const char* const kId = "someone-else";
#else
const char* const kId = PLUGIN_ID;
#endif

trellis_str str(const char* s) { return trellis_str{s, std::strlen(s)}; }

trellis_status search(void*, const trellis_search_query* q, const trellis_item_sink* out, const trellis_cancel* cancel,
                      const trellis_sink* error) {
#ifdef BROKEN_IGNORES_CANCEL
  // A slow source that never looks at its cancel token once it has started; an
  // already-cancelled token it does honour, so only the mid-call check catches it.
  if (cancel != nullptr && cancel->is_cancelled(cancel->ctx)) {
    error->write(error->ctx, str("cancelled"));
    return TRELLIS_ERR_CANCELLED;
  }
  if (cancel != nullptr) std::this_thread::sleep_for(std::chrono::seconds(20));
#else
  (void)cancel;
  (void)error;
#endif
#ifdef BROKEN_GARBAGE
  // More links than asked for, with URLs no learner can open.
  for (uint32_t i = 0; i < q->max_results + 5; ++i) {
    trellis_knowledge_item l{};
    l.struct_size = offsetof(trellis_knowledge_item, author);
    l.kind = 7;
    l.url = trellis_str{"\xff\xfe", 2};
    l.title = str("");
    l.score = 3.5;
    out->add(out->ctx, &l);
  }
#else
  if (q->max_results > 0) {
    trellis_knowledge_item l{};
    l.struct_size = offsetof(trellis_knowledge_item, author);
    l.kind = TRELLIS_ITEM_DOCUMENT;
    l.url = str("https://example.org/doc");
    l.title = str("A document");
    l.score = 0.5;
    out->add(out->ctx, &l);
  }
#endif
  return TRELLIS_OK;
}

// Sized as an ABI 1.0 connector (search only), so the host's handling of an older
// plugin is exercised by every test that loads this one.
const trellis_connector_v1 kConnector = {offsetof(trellis_connector_v1, fetch), "Broken", search, nullptr, nullptr,
                                         nullptr};

trellis_status init(const trellis_host_services*, void** state, const trellis_sink* error) {
  *state = nullptr;
#ifdef BROKEN_INIT_FAILS
  error->write(error->ctx, str("the directory server is unreachable"));
  return TRELLIS_ERR_IO;
#elif defined(BROKEN_INIT_THROWS)
  (void)error;
  throw std::runtime_error("thrown out of init");
#elif defined(BROKEN_CRASH)
  (void)error;
  volatile int* nowhere = nullptr;
  *nowhere = 42;
  return TRELLIS_OK;
#else
  (void)error;
  return TRELLIS_OK;
#endif
}

void shutdown(void*) {}

const void* get_capability(void*, const char* id) {
  return std::strcmp(id, TRELLIS_CAPABILITY_CONNECTOR) == 0 ? &kConnector : nullptr;
}

const trellis_plugin_descriptor kDescriptor = {
    sizeof(trellis_plugin_descriptor), BROKEN_ABI_MAJOR, TRELLIS_ABI_MINOR, kId, "1.0.0", init, shutdown, get_capability};

}  // namespace

#ifdef BROKEN_NO_ENTRY
extern "C" TRELLIS_EXPORT const trellis_plugin_descriptor* trellis_plugin_entry_v0(void) { return &kDescriptor; }
#else
extern "C" TRELLIS_EXPORT const trellis_plugin_descriptor* trellis_plugin_entry_v1(void) { return &kDescriptor; }
#endif
