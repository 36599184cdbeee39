// Turns one C++ class into a Trellis plugin:
//
//   class Wiki : public trellis::Plugin, public trellis::Connector { ... };
//   TRELLIS_PLUGIN(Wiki, "acme-wiki", "1.0.0")
//
// The class needs a constructor taking `trellis::Host`. Every call from the host
// goes through a trampoline that catches all exceptions and turns them into a
// status code plus a message, so nothing C++ ever reaches the host. Each
// capability's trampolines live in its own header (importer_trampolines.hpp,
// connector_trampolines.hpp, exporter_trampolines.hpp, runtime_trampolines.hpp); this one only puts the
// capabilities the class derives from into the descriptor.
#ifndef TRELLIS_CPP_PLUGIN_HPP
#define TRELLIS_CPP_PLUGIN_HPP

#include <cstring>
#include <memory>
#include <type_traits>

#include "trellis/cpp/connector_trampolines.hpp"
#include "trellis/cpp/core.hpp"
#include "trellis/cpp/exporter_trampolines.hpp"
#include "trellis/cpp/host.hpp"
#include "trellis/cpp/importer_trampolines.hpp"
#include "trellis/cpp/runtime_trampolines.hpp"
#include "trellis/cpp/trampoline.hpp"
#include "trellis/plugin.h"

namespace trellis {
inline namespace sdk1 {
namespace detail {

template <typename T>
trellis_status init(const trellis_host_services* host, void** state, const trellis_sink* error) noexcept {
  return guarded(error, [&] {
    if (host == nullptr || !TRELLIS_HAS_FIELD(host, trellis_host_services, is_shutting_down))
      throw Error(TRELLIS_ERR_UNSUPPORTED, "the host's services table is older than this plugin needs");
    auto inst = std::make_unique<Instance>();
    auto obj = std::make_unique<T>(Host(host));
    if constexpr (std::is_base_of_v<Importer, T>) attach_importer(*inst, *obj);
    if constexpr (std::is_base_of_v<Connector, T>) attach_connector<T>(*inst, *obj);
    if constexpr (std::is_base_of_v<Exporter, T>) attach_exporter(*inst, *obj);
    if constexpr (std::is_base_of_v<Runtime, T>) attach_runtime(*inst, *obj);
    inst->plugin = std::move(obj);
    *state = inst.release();
  });
}

inline void shutdown(void* state) noexcept {
  try {
    delete instance(state);
  } catch (...) {
  }
}

inline const void* get_capability(void* state, const char* id) noexcept {
  if (state == nullptr || id == nullptr) return nullptr;
  Instance* inst = instance(state);
  if (inst->importer && std::strcmp(id, TRELLIS_CAPABILITY_IMPORTER) == 0) return &inst->importer_table;
  if (inst->connector && std::strcmp(id, TRELLIS_CAPABILITY_CONNECTOR) == 0) return &inst->connector_table;
  if (inst->exporter && std::strcmp(id, TRELLIS_CAPABILITY_EXPORTER) == 0) return &inst->exporter_table;
  if (inst->runtime && std::strcmp(id, TRELLIS_CAPABILITY_RUNTIME) == 0) return &inst->runtime_table;
  return nullptr;
}

}  // namespace detail
}  // namespace sdk1
}  // namespace trellis

// Defines the plugin's one exported symbol. Use once per plugin, at namespace scope.
#define TRELLIS_PLUGIN(CLASS, ID, VERSION)                                                  \
  extern "C" TRELLIS_EXPORT const trellis_plugin_descriptor* trellis_plugin_entry_v1(void) { \
    static const trellis_plugin_descriptor descriptor = {                                   \
        sizeof(trellis_plugin_descriptor),                                                  \
        TRELLIS_ABI_MAJOR,                                                                  \
        TRELLIS_ABI_MINOR,                                                                  \
        ID,                                                                                 \
        VERSION,                                                                            \
        &::trellis::detail::init<CLASS>,                                                    \
        &::trellis::detail::shutdown,                                                       \
        &::trellis::detail::get_capability};                                                \
    return &descriptor;                                                                     \
  }

#endif
