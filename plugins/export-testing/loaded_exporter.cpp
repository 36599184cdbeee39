#include "loaded_exporter.hpp"

#include <dlfcn.h>

#include <stdexcept>

#include "plugin_loading.hpp"
#include "real_http.hpp"
#include "trellis/exporter.h"
#include "trellis/host.h"
#include "trellis/plugin.h"

namespace trellis::testing {
namespace {

trellis_str str_of(const std::string& s) { return trellis_str{s.data(), s.size()}; }
std::string string_of(trellis_str s) { return s.size ? std::string(s.data, s.size) : std::string(); }

trellis_status append_to_string(void* ctx, trellis_str bytes) {
  static_cast<std::string*>(ctx)->append(bytes.data, bytes.size);
  return TRELLIS_OK;
}

const trellis_exporter_v1* table_of(const void* p) { return static_cast<const trellis_exporter_v1*>(p); }

}  // namespace

struct LoadedExporter::HostContext {
  std::map<std::string, std::string> settings;
  std::string version = "0.1.0";
  trellis_host_services services{};

  HostContext() {
    services.struct_size = sizeof services;
    services.abi_major = TRELLIS_ABI_MAJOR;
    services.abi_minor = TRELLIS_ABI_MINOR;
    services.host_version = str_of(version);
    services.host_ctx = this;
    services.log = [](void*, int32_t, trellis_str) {};
    services.setting_get = [](void* ctx, trellis_str key, trellis_sink* out) -> trellis_status {
      auto& s = static_cast<HostContext*>(ctx)->settings;
      auto it = s.find(string_of(key));
      if (it == s.end()) return TRELLIS_ERR_NOT_FOUND;
      return out->write(out->ctx, str_of(it->second));
    };
    services.kv_get = [](void*, trellis_str, trellis_sink*) -> trellis_status { return TRELLIS_ERR_NOT_FOUND; };
    services.kv_put = [](void*, trellis_str, trellis_str) -> trellis_status { return TRELLIS_ERR_UNSUPPORTED; };
    services.kv_delete = [](void*, trellis_str) -> trellis_status { return TRELLIS_ERR_UNSUPPORTED; };
    services.http_request = &real_http;
    services.is_shutting_down = [](void*) -> int32_t { return 0; };
  }
};

LoadedExporter::LoadedExporter(const std::filesystem::path& library, std::map<std::string, std::string> settings)
    : host_(new HostContext) {
  host_->settings = std::move(settings);
  try {
    LoadedLibrary loaded = load_plugin(library, &host_->services, TRELLIS_CAPABILITY_EXPORTER);
    handle_ = loaded.handle;
    descriptor_ = loaded.descriptor;
    state_ = loaded.state;
    exporter_ = loaded.capability;
  } catch (...) {
    delete host_;
    throw;
  }
}

LoadedExporter::~LoadedExporter() {
  if (state_) static_cast<const trellis_plugin_descriptor*>(descriptor_)->shutdown(state_);
  if (handle_) dlclose(handle_);
  delete host_;
}

std::string LoadedExporter::format() const { return table_of(exporter_)->format; }
std::string LoadedExporter::media_type() const { return table_of(exporter_)->media_type; }
std::string LoadedExporter::plugin_id() const { return static_cast<const trellis_plugin_descriptor*>(descriptor_)->id; }

ExportRun LoadedExporter::run(const std::vector<TestRecord>& records, size_t batch_size, const std::string& destination,
                              bool with_output) const {
  ExportRun out;
  out.outcomes.resize(records.size());
  trellis_sink output{&out.output, &append_to_string};
  trellis_sink error{&out.error, &append_to_string};
  trellis_export_options options{};
  options.struct_size = sizeof options;
  options.destination = str_of(destination);
  options.output = with_output ? &output : nullptr;
  void* session = nullptr;
  const auto* t = table_of(exporter_);
  out.open_status = t->open(state_, &options, &session, &error);
  if (out.open_status != TRELLIS_OK) return out;
  struct Collector {
    ExportRun* run;
    size_t base;
  } collector{&out, 0};
  trellis_record_outcome_sink outcomes{sizeof(trellis_record_outcome_sink), &collector,
                                       [](void* ctx, size_t index, trellis_status st, trellis_str reason) {
                                         auto* c = static_cast<Collector*>(ctx);
                                         c->run->outcomes.at(c->base + index) = {st, string_of(reason)};
                                       }};
  trellis_cancel cancel{nullptr, [](void*) -> int32_t { return 0; }};
  out.write_status = TRELLIS_OK;
  for (size_t at = 0; at < records.size() && out.write_status == TRELLIS_OK; at += batch_size) {
    std::vector<trellis_record> batch;
    for (size_t i = at; i < records.size() && i < at + batch_size; ++i)
      batch.push_back({sizeof(trellis_record), str_of(records[i].id), str_of(records[i].json), str_of(records[i].stored)});
    collector.base = at;
    out.write_status = t->write_batch(session, batch.data(), batch.size(), &outcomes, &cancel, &error);
  }
  out.close_status = t->close(session, &error);
  return out;
}

}  // namespace trellis::testing
