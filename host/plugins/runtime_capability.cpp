#include "plugins/runtime_capability.hpp"

#include <cstddef>

#include <nlohmann/json.hpp>

#include "plugins/abi_strings.hpp"
#include "plugins/manager.hpp"

namespace trellis::plugins {

namespace {

// A plan or outcome holds one attempt's whole state: SCORM 2004 4th Edition
// allows 64,000 characters of suspend data, and interactions add more, but
// nothing legitimate comes near this. A plugin sending more is broken.
constexpr size_t kRuntimeAnswerCap = 16u << 20;
constexpr size_t kRuntimeErrorCap = 4096;

ErrorKind kind_of(trellis_status st) {
  switch (st) {
    case TRELLIS_ERR_INVALID_INPUT:
    case TRELLIS_ERR_INVALID_ARGUMENT:
    case TRELLIS_ERR_UNSUPPORTED:
      return ErrorKind::invalid_input;
    case TRELLIS_ERR_NOT_FOUND:
      return ErrorKind::not_found;
    default:
      return ErrorKind::internal;
  }
}

}  // namespace

RuntimeCapability::RuntimeCapability(const PluginRecord& plugin, const trellis_runtime_v1& table, void* state)
    : format_(table.format), plugin_id_(plugin.id), table_(&table), state_(state) {}

bool RuntimeCapability::usable(const trellis_runtime_v1* t) {
  return TRELLIS_HAS_FIELD(t, trellis_runtime_v1, apply_commit) && t->format != nullptr && t->format[0] != '\0' &&
         t->prepare_launch != nullptr && t->apply_commit != nullptr;
}

Result<std::string> RuntimeCapability::prepare_launch(std::string_view request_json) const {
  return call(table_->prepare_launch, "prepare_launch", request_json);
}

Result<std::string> RuntimeCapability::apply_commit(std::string_view request_json) const {
  return call(table_->apply_commit, "apply_commit", request_json);
}

Result<std::string> RuntimeCapability::call(Call fn, std::string_view what, std::string_view request_json) const {
  std::string where = "runtime '" + format_ + "' of plugin '" + plugin_id_ + "': " + std::string(what);
  try {
    CollectingSink answer(kRuntimeAnswerCap);
    CollectingSink error(kRuntimeErrorCap);
    trellis_status st = TRELLIS_ERR_INTERNAL;
    try {
      st = fn(state_, to_str(request_json), answer.get(), error.get());
    } catch (...) {
      // Only a plugin that bypassed the C++ wrapper gets here; the wrapper catches.
      return make_error(ErrorKind::internal, where + " threw an exception across the ABI boundary");
    }
    if (st != TRELLIS_OK) {
      std::string why = error.str().empty() ? "no reason given" : error.str();
      return make_error(kind_of(st), where + " failed with status " + std::to_string(st) + ": " + why);
    }
    if (answer.overflowed())
      return make_error(ErrorKind::internal, where + " answered more than " +
                                                 std::to_string(kRuntimeAnswerCap >> 20) + " MiB");
    // The caller stores and forwards the answer; one that is not a JSON
    // object would only fail later, further from the plugin that sent it.
    nlohmann::json parsed = nlohmann::json::parse(answer.str(), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object())
      return make_error(ErrorKind::internal, where + " answered something that is not a JSON object");
    return answer.take();
  } catch (const std::exception& e) {
    return make_error(ErrorKind::internal, where + ": " + e.what());
  }
}

}  // namespace trellis::plugins
