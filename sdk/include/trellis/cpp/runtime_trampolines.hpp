// The C entry points of trellis.runtime/1, forwarding to a trellis::Runtime.
// Included by plugin.hpp.
#ifndef TRELLIS_CPP_RUNTIME_TRAMPOLINES_HPP
#define TRELLIS_CPP_RUNTIME_TRAMPOLINES_HPP

#include <string>

#include "trellis/cpp/runtime.hpp"
#include "trellis/cpp/trampoline.hpp"

namespace trellis {
inline namespace sdk1 {
namespace detail {

// The answer is written only once the call returned it whole, so a runtime
// that throws half-way never leaves half a document in the host's sink.
inline trellis_status runtime_prepare_launch(void* state, trellis_str request, const trellis_sink* plan,
                                             const trellis_sink* error) noexcept {
  return guarded(error, [&] {
    if (plan == nullptr) throw Error(TRELLIS_ERR_INVALID_ARGUMENT, "prepare_launch needs a plan sink");
    std::string answer = instance(state)->runtime->prepare_launch(to_view(request));
    write_to(plan, answer);
  });
}

inline trellis_status runtime_apply_commit(void* state, trellis_str request, const trellis_sink* outcome,
                                           const trellis_sink* error) noexcept {
  return guarded(error, [&] {
    if (outcome == nullptr) throw Error(TRELLIS_ERR_INVALID_ARGUMENT, "apply_commit needs an outcome sink");
    std::string answer = instance(state)->runtime->apply_commit(to_view(request));
    write_to(outcome, answer);
  });
}

// Makes `inst` serve trellis.runtime/1 through `runtime` (called from init).
inline void attach_runtime(Instance& inst, Runtime& runtime) {
  inst.runtime = &runtime;
  trellis_runtime_v1& table = inst.runtime_table;
  table.struct_size = sizeof table;
  table.format = runtime.runtime_format();
  table.prepare_launch = &runtime_prepare_launch;
  table.apply_commit = &runtime_apply_commit;
}

}  // namespace detail
}  // namespace sdk1
}  // namespace trellis

#endif
