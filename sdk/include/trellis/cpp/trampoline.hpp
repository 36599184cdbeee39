// What every capability's trampolines share: the object plugin_state points
// to, and the one place exceptions stop. Included by the *_trampolines.hpp
// headers; a plugin includes plugin.hpp, never this.
#ifndef TRELLIS_CPP_TRAMPOLINE_HPP
#define TRELLIS_CPP_TRAMPOLINE_HPP

#include <exception>
#include <memory>
#include <new>

#include "trellis/connector.h"
#include "trellis/cpp/core.hpp"
#include "trellis/exporter.h"
#include "trellis/importer.h"
#include "trellis/runtime.h"

namespace trellis {
inline namespace sdk1 {

// The base of the one class a plugin is made of (see plugin.hpp).
class Plugin {
 public:
  virtual ~Plugin() = default;
};

class Importer;
class Connector;
class Exporter;
class Runtime;

namespace detail {

// What plugin_state points to. Each instance owns its function tables, so
// get_capability hands out memory nobody writes after init ([thread: any]),
// and a reloaded plugin's second instance never touches the first one's.
struct Instance {
  std::unique_ptr<Plugin> plugin;
  Importer* importer = nullptr;
  trellis_importer_v1 importer_table{};
  Connector* connector = nullptr;
  trellis_connector_v1 connector_table{};
  Exporter* exporter = nullptr;
  trellis_exporter_v1 exporter_table{};
  Runtime* runtime = nullptr;
  trellis_runtime_v1 runtime_table{};
};

inline Instance* instance(void* state) { return static_cast<Instance*>(state); }

// Runs `body`; any exception becomes a status plus one line written to `error`,
// so nothing C++ ever crosses into the host.
template <typename F>
trellis_status guarded(const trellis_sink* error, F&& body) noexcept {
  try {
    body();
    return TRELLIS_OK;
  } catch (const Error& e) {
    write_to(error, e.what());
    return e.status();
  } catch (const std::bad_alloc&) {
    write_to(error, "out of memory");
    return TRELLIS_ERR_INTERNAL;
  } catch (const std::exception& e) {
    write_to(error, e.what());
    return TRELLIS_ERR_INTERNAL;
  } catch (...) {
    write_to(error, "unknown exception");
    return TRELLIS_ERR_INTERNAL;
  }
}

}  // namespace detail
}  // namespace sdk1
}  // namespace trellis

#endif
