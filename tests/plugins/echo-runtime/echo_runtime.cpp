// A runtime written against the raw C ABI (runtime.h), so the host's handling
// of trellis.runtime/1 is tested without the C++ wrapper in between. It runs
// format "echo": each answer is {"schema": ..., "echo": <the request>}. A
// request containing one of these words misbehaves on purpose:
//   "refuse"   returns TRELLIS_ERR_INVALID_INPUT with a reason
//   "crash"    returns TRELLIS_ERR_INTERNAL without a reason
//   "garbage"  answers text that is not JSON
#include <cstring>
#include <string>
#include <string_view>

#include "trellis/plugin.h"
#include "trellis/runtime.h"

namespace echo_runtime {

void put(const trellis_sink* sink, std::string_view text) { sink->write(sink->ctx, trellis_str{text.data(), text.size()}); }

trellis_status answer(const char* schema, trellis_str request, const trellis_sink* out, const trellis_sink* error) {
  std::string_view req(request.data == nullptr ? "" : request.data, request.size);
  if (req.find("refuse") != std::string_view::npos) {
    put(error, "asked to refuse");
    return TRELLIS_ERR_INVALID_INPUT;
  }
  if (req.find("crash") != std::string_view::npos) return TRELLIS_ERR_INTERNAL;
  if (req.find("garbage") != std::string_view::npos) {
    put(out, "this is not {json");
    return TRELLIS_OK;
  }
  put(out, std::string("{\"schema\": \"") + schema + "\", \"echo\": ");
  put(out, req);
  put(out, "}");
  return TRELLIS_OK;
}

trellis_status prepare(void*, trellis_str request, const trellis_sink* plan, const trellis_sink* error) {
  return answer("trellis.launch-plan/1", request, plan, error);
}

trellis_status commit(void*, trellis_str request, const trellis_sink* outcome, const trellis_sink* error) {
  return answer("trellis.commit-outcome/1", request, outcome, error);
}

const trellis_runtime_v1 kTable = {sizeof(trellis_runtime_v1), "echo", &prepare, &commit};

trellis_status init(const trellis_host_services*, void** state, const trellis_sink*) {
  *state = nullptr;
  return TRELLIS_OK;
}
void shutdown(void*) {}
const void* get_capability(void*, const char* id) {
  return std::strcmp(id, TRELLIS_CAPABILITY_RUNTIME) == 0 ? &kTable : nullptr;
}

}  // namespace echo_runtime

extern "C" TRELLIS_EXPORT const trellis_plugin_descriptor* trellis_plugin_entry_v1(void) {
  static const trellis_plugin_descriptor d = {sizeof(trellis_plugin_descriptor), TRELLIS_ABI_MAJOR, TRELLIS_ABI_MINOR,
                                              TRELLIS_PLUGIN_ID, TRELLIS_PLUGIN_VERSION, &echo_runtime::init,
                                              &echo_runtime::shutdown, &echo_runtime::get_capability};
  return &d;
}
