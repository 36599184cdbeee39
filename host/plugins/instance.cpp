#include "plugins/instance.hpp"

#include <cstring>

#include "core/semver.hpp"
#include "core/sha256.hpp"
#include "plugins/library_checksum.hpp"
#include "core/version.hpp"
#include "plugins/library.hpp"
#include "trellis/connector.h"
#include "plugins/abi_strings.hpp"
#include "trellis/exporter.h"
#include "trellis/runtime.h"
#include "trellis/importer.h"

namespace trellis::plugins {
namespace {

Error refuse(const PluginManifest& m, const std::string& why) {
  return make_error(ErrorKind::invalid_input, "plugin '" + m.id + "': " + why);
}

// The smallest table size each known capability revision may report.
size_t minimum_table_size(std::string_view capability) {
  if (capability == TRELLIS_CAPABILITY_IMPORTER) return offsetof(trellis_importer_v1, import_package) + sizeof(void*);
  if (capability == TRELLIS_CAPABILITY_CONNECTOR) return offsetof(trellis_connector_v1, search) + sizeof(void*);
  if (capability == TRELLIS_CAPABILITY_EXPORTER) return offsetof(trellis_exporter_v1, close) + sizeof(void*);
  if (capability == TRELLIS_CAPABILITY_RUNTIME) return offsetof(trellis_runtime_v1, apply_commit) + sizeof(void*);
  return sizeof(uint32_t);
}

bool table_functions_present(std::string_view capability, const void* table) {
  if (capability == TRELLIS_CAPABILITY_IMPORTER) {
    auto* t = static_cast<const trellis_importer_v1*>(table);
    return t->format != nullptr && t->detect != nullptr && t->import_package != nullptr;
  }
  if (capability == TRELLIS_CAPABILITY_CONNECTOR) {
    auto* t = static_cast<const trellis_connector_v1*>(table);
    return t->source_name != nullptr && t->search != nullptr;
  }
  if (capability == TRELLIS_CAPABILITY_EXPORTER) {
    auto* t = static_cast<const trellis_exporter_v1*>(table);
    return t->format != nullptr && t->media_type != nullptr && t->open != nullptr && t->write_batch != nullptr &&
           t->close != nullptr;
  }
  if (capability == TRELLIS_CAPABILITY_RUNTIME) {
    auto* t = static_cast<const trellis_runtime_v1*>(table);
    return t->format != nullptr && t->prepare_launch != nullptr && t->apply_commit != nullptr;
  }
  return true;
}

}  // namespace

Status check_manifest_against_host(const PluginManifest& m, const std::filesystem::path& folder,
                                   store::DatabasePool* remembered) {
  if (m.os != host_os() || m.arch != host_arch())
    return refuse(m, "built for " + m.os + "/" + m.arch + ", this host is " + host_os() + "/" + host_arch());
  if (m.abi_major != kPluginAbiMajor)
    return refuse(m, "needs plugin ABI " + std::to_string(m.abi_major) + ".x, this host speaks ABI " +
                         std::to_string(kPluginAbiMajor) + "." + std::to_string(kPluginAbiMinor));
  if (m.abi_minor > kPluginAbiMinor)
    return refuse(m, "needs plugin ABI " + std::to_string(m.abi_major) + "." + std::to_string(m.abi_minor) +
                         ", newer than this host's " + std::to_string(kPluginAbiMajor) + "." +
                         std::to_string(kPluginAbiMinor));
  auto host = parse_semver(kHostVersion);
  auto fits = satisfies(host.value(), m.host_version);
  if (!fits) return refuse(m, fits.error().message);
  if (!fits.value()) return refuse(m, "needs Trellis " + m.host_version + ", this is " + kHostVersion);
  auto lib = folder / m.library;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(lib, ec)) return refuse(m, "library " + m.library + " is missing");
  auto sum = library_sha256(lib, remembered);
  if (!sum) return refuse(m, sum.error().message);
  if (sum.value() != m.sha256)
    return refuse(m, "checksum mismatch: " + m.library + " has SHA-256 " + sum.value() + ", plugin.json says " + m.sha256);
  return {};
}

PluginInstance::PluginInstance(PluginManifest manifest, const trellis_plugin_descriptor* descriptor,
                               store::DatabasePool& pool, const std::atomic<bool>& shutting_down)
    : manifest_(std::move(manifest)), descriptor_(descriptor) {
  services_ = std::make_unique<HostServices>(manifest_, pool, shutting_down);
}

Result<std::unique_ptr<PluginInstance>> PluginInstance::load(const std::filesystem::path& folder,
                                                             const PluginManifest& m, store::DatabasePool& pool,
                                                             const std::atomic<bool>& shutting_down) {
  TRELLIS_TRY(check_manifest_against_host(m, folder, &pool));
  auto loaded = load_plugin_library(folder / m.library);
  if (!loaded) return refuse(m, loaded.error().message);
  const trellis_plugin_descriptor* d = loaded.value();
  if (d->struct_size < offsetof(trellis_plugin_descriptor, get_capability) + sizeof(void*))
    return refuse(m, "descriptor is too small (" + std::to_string(d->struct_size) + " bytes): not an ABI 1 plugin");
  if (d->abi_major != static_cast<uint32_t>(kPluginAbiMajor))
    return refuse(m, "library speaks ABI " + std::to_string(d->abi_major) + ", this host speaks ABI " +
                         std::to_string(kPluginAbiMajor));
  if (d->abi_minor > static_cast<uint32_t>(kPluginAbiMinor))
    return refuse(m, "library needs ABI minor " + std::to_string(d->abi_minor) + ", this host has " +
                         std::to_string(kPluginAbiMinor));
  if (d->abi_major != static_cast<uint32_t>(m.abi_major) || d->abi_minor != static_cast<uint32_t>(m.abi_minor))
    return refuse(m, "plugin.json says ABI " + std::to_string(m.abi_major) + "." + std::to_string(m.abi_minor) +
                         " but the library says " + std::to_string(d->abi_major) + "." + std::to_string(d->abi_minor));
  if (d->id == nullptr || m.id != d->id)
    return refuse(m, std::string("plugin.json and the library disagree on the id (library says '") +
                         (d->id ? d->id : "(none)") + "')");
  if (d->version == nullptr || m.version != d->version)
    return refuse(m, std::string("plugin.json says version ") + m.version + " but the library says " +
                         (d->version ? d->version : "(none)"));
  if (d->init == nullptr || d->shutdown == nullptr || d->get_capability == nullptr)
    return refuse(m, "descriptor lacks init, shutdown or get_capability");

  std::unique_ptr<PluginInstance> inst(new PluginInstance(m, d, pool, shutting_down));
  CollectingSink error(4096);
  trellis_status st = TRELLIS_ERR_INTERNAL;
  try {
    std::lock_guard serialised(plugin_init_mutex());
    st = d->init(inst->services_->table(), &inst->state_, error.get());
  } catch (...) {
    // Only a plugin that bypassed the C++ wrapper gets here; the wrapper catches.
    return refuse(m, "init threw an exception across the ABI boundary (plugins must return a status)");
  }
  if (st != TRELLIS_OK) {
    std::string why = error.str().empty() ? "no reason given" : error.str();
    return refuse(m, "init failed with status " + std::to_string(st) + ": " + why);
  }
  inst->initialised_ = true;
  for (const auto& cap : m.capabilities) {
    const void* table = d->get_capability(inst->state_, cap.c_str());
    if (table == nullptr) return refuse(m, "declares capability " + cap + " but does not provide it");
    uint32_t size = *static_cast<const uint32_t*>(table);
    if (size < minimum_table_size(cap) || !table_functions_present(cap, table))
      return refuse(m, "capability " + cap + " returned an incomplete function table");
  }
  return inst;
}

PluginInstance::~PluginInstance() {
  if (initialised_ && descriptor_->shutdown != nullptr) descriptor_->shutdown(state_);
}

const void* PluginInstance::capability(std::string_view id) const {
  bool declared = false;
  for (const auto& c : manifest_.capabilities) declared = declared || c == id;
  if (!declared) return nullptr;
  return descriptor_->get_capability(state_, std::string(id).c_str());
}

}  // namespace trellis::plugins
