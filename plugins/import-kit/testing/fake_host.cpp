#include "fake_host.hpp"

#include <algorithm>
#include <functional>
#include <optional>

#include <dlfcn.h>

#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "trellis/host.h"
#include "trellis/importer.h"
#include "trellis/plugin.h"

namespace trellis::testing {
namespace {

trellis_str str_of(const std::string& s) { return trellis_str{s.data(), s.size()}; }
std::string string_of(trellis_str s) { return s.size ? std::string(s.data, s.size) : std::string(); }

trellis_status append_to_string(void* ctx, trellis_str bytes) {
  static_cast<std::string*>(ctx)->append(bytes.data, bytes.size);
  return TRELLIS_OK;
}

// The package view handed across the ABI; the entries array keeps stable strings.
struct PackageView {
  const MemoryPackage* package;
  std::vector<const std::string*> paths;
  trellis_package table{};

  explicit PackageView(const MemoryPackage& p) : package(&p) {
    for (const auto& [path, content] : p.files()) paths.push_back(&path);
    table.struct_size = sizeof table;
    table.ctx = this;
    table.display_name = str_of(p.name());
    table.entry_count = [](void* ctx) { return static_cast<PackageView*>(ctx)->paths.size(); };
    table.entry_at = [](void* ctx, size_t index, trellis_package_entry* out) -> trellis_status {
      auto* self = static_cast<PackageView*>(ctx);
      if (index >= self->paths.size()) return TRELLIS_ERR_INVALID_ARGUMENT;
      out->path = str_of(*self->paths[index]);
      out->uncompressed_size = self->package->files().at(*self->paths[index]).size();
      return TRELLIS_OK;
    };
    table.read = [](void* ctx, trellis_str path, const trellis_sink* sink) -> trellis_status {
      auto* self = static_cast<PackageView*>(ctx);
      auto it = self->package->files().find(string_of(path));
      if (it == self->package->files().end()) return TRELLIS_ERR_NOT_FOUND;
      // Pieces of at most 4 KiB, as a streaming reader would deliver them.
      const std::string& content = it->second;
      for (size_t at = 0; at < content.size(); at += 4096) {
        trellis_str piece{content.data() + at, std::min<size_t>(4096, content.size() - at)};
        if (trellis_status st = sink->write(sink->ctx, piece); st != TRELLIS_OK) return st;
      }
      return TRELLIS_OK;
    };
    table.exists = [](void* ctx, trellis_str path) -> int32_t {
      return static_cast<PackageView*>(ctx)->package->files().count(string_of(path)) ? 1 : 0;
    };
  }
};

void log_to_nowhere(void*, int32_t, trellis_str) {}
trellis_status no_setting(void*, trellis_str, trellis_sink*) { return TRELLIS_ERR_NOT_FOUND; }
trellis_status no_kv_get(void*, trellis_str, trellis_sink*) { return TRELLIS_ERR_NOT_FOUND; }
trellis_status no_kv_put(void*, trellis_str, trellis_str) { return TRELLIS_ERR_UNSUPPORTED; }
trellis_status no_kv_delete(void*, trellis_str) { return TRELLIS_ERR_UNSUPPORTED; }
trellis_status no_http(void*, const trellis_http_request*, const trellis_http_response_sink*) { return TRELLIS_ERR_UNSUPPORTED; }
int32_t never_shutting_down(void*) { return 0; }

const trellis_host_services* host_services() {
  static const std::string version = "0.1.0";
  static trellis_host_services services = [] {
    trellis_host_services s{};
    s.struct_size = sizeof s;
    s.abi_major = TRELLIS_ABI_MAJOR;
    s.abi_minor = TRELLIS_ABI_MINOR;
    s.host_version = str_of(version);
    s.log = &log_to_nowhere;
    s.setting_get = &no_setting;
    s.kv_get = &no_kv_get;
    s.kv_put = &no_kv_put;
    s.kv_delete = &no_kv_delete;
    s.http_request = &no_http;
    s.is_shutting_down = &never_shutting_down;
    return s;
  }();
  return &services;
}

const trellis_importer_v1* table_of(const void* importer) { return static_cast<const trellis_importer_v1*>(importer); }

}  // namespace

MemoryPackage MemoryPackage::from_folder(const std::filesystem::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    files[std::filesystem::relative(entry.path(), folder).generic_string()] = bytes.str();
  }
  return from_map(std::move(files), folder.filename().string());
}

int ImportOutcome::errors() const {
  int n = 0;
  for (const auto& d : diagnostics) n += d.severity == TRELLIS_SEVERITY_ERROR;
  return n;
}

const ReportedDiagnostic* ImportOutcome::find(const std::string& code) const {
  for (const auto& d : diagnostics)
    if (d.code == code) return &d;
  return nullptr;
}

bool ImportOutcome::has_code(const std::string& code) const { return find(code) != nullptr; }

std::string ImportOutcome::summary() const {
  std::string out = "status " + std::to_string(status) + "\n";
  for (const auto& d : diagnostics)
    out += std::to_string(d.severity) + " " + d.code + " " + d.file + ":" + std::to_string(d.line) + " " + d.message + "\n";
  return out;
}

LoadedImporter::LoadedImporter(const std::filesystem::path& library) {
  // As in the host: one load and init at a time (see trellis_plugin_descriptor::init).
  static std::mutex loading;
  std::lock_guard serialised(loading);
  handle_ = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle_) throw std::runtime_error(std::string("cannot load plugin: ") + dlerror());
  auto entry = reinterpret_cast<const trellis_plugin_descriptor* (*)()>(dlsym(handle_, "trellis_plugin_entry_v1"));
  if (!entry) throw std::runtime_error("the plugin has no trellis_plugin_entry_v1");
  const trellis_plugin_descriptor* d = entry();
  descriptor_ = d;
  std::string error;
  trellis_sink sink{&error, &append_to_string};
  if (d->init(host_services(), &state_, &sink) != TRELLIS_OK) throw std::runtime_error("plugin init failed: " + error);
  importer_ = d->get_capability(state_, TRELLIS_CAPABILITY_IMPORTER);
  if (!importer_) throw std::runtime_error("the plugin offers no trellis.importer/1");
}

LoadedImporter::~LoadedImporter() {
  if (state_) static_cast<const trellis_plugin_descriptor*>(descriptor_)->shutdown(state_);
  // Like the host, never unload: a library's thread-local destructors and the
  // process-wide hooks it installs in shared libraries (libxml2) outlive it.
}

std::string LoadedImporter::format() const { return table_of(importer_)->format; }
std::string LoadedImporter::plugin_id() const { return static_cast<const trellis_plugin_descriptor*>(descriptor_)->id; }

Detection LoadedImporter::detect(const MemoryPackage& package) const {
  PackageView view(package);
  Detection out;
  trellis_sink sink{&out.what, &append_to_string};
  out.confidence = table_of(importer_)->detect(state_, &view.table, &sink);
  return out;
}

namespace {
// The streamed parts as one "trellis.course/1" document: nodes nested under their
// parents in position order, without the "parent" and "position" members.
nlohmann::json reassemble(nlohmann::json header, std::vector<nlohmann::json> nodes, nlohmann::json resources) {
  std::sort(nodes.begin(), nodes.end(),
            [](const auto& a, const auto& b) { return a.value("position", 0) < b.value("position", 0); });
  std::map<std::string, std::vector<size_t>> children_of;
  for (size_t i = 0; i < nodes.size(); ++i) children_of[nodes[i].value("parent", "")].push_back(i);
  std::function<nlohmann::json(const std::string&)> build = [&](const std::string& parent) {
    nlohmann::json list = nlohmann::json::array();
    auto it = children_of.find(parent);
    if (it == children_of.end()) return list;
    for (size_t i : it->second) {
      nlohmann::json node = nodes[i];
      node.erase("parent");
      node.erase("position");
      std::string id = node.value("identifier", "");
      if (!id.empty()) node["children"] = build(id);
      list.push_back(std::move(node));
    }
    return list;
  };
  header["nodes"] = build("");
  header["resources"] = std::move(resources);
  return header;
}
}  // namespace

ImportOutcome LoadedImporter::import(const MemoryPackage& package, const std::string& schema_dir,
                                     bool validate_only, bool parse_course) const {
  PackageView view(package);
  ImportOutcome out;
  trellis_import_options options{};
  options.struct_size = sizeof options;
  options.schema_dir = str_of(schema_dir);
  options.validate_only = validate_only ? 1 : 0;
  struct Collector {
    ImportOutcome* out;
    std::string course_json;
    int course_calls = 0;
    // The streamed form, reassembled into the one-document form when the import ends.
    std::optional<nlohmann::json> header;
    std::vector<nlohmann::json> nodes;
    nlohmann::json resources = nlohmann::json::array();
    bool keep_parts = true;  // false: benchmarks time the importer, so parts are only counted
    size_t parts = 0;
  } collector{&out, {}, 0, {}, {}, nlohmann::json::array(), parse_course, 0};
  trellis_import_report report{};
  report.struct_size = sizeof report;
  report.ctx = &collector;
  report.diagnostic = [](void* ctx, const trellis_diagnostic* d) {
    static_cast<Collector*>(ctx)->out->diagnostics.push_back(
        {d->severity, string_of(d->code), string_of(d->message), string_of(d->file), d->line});
  };
  report.set_course = [](void* ctx, trellis_str json) -> trellis_status {
    auto* c = static_cast<Collector*>(ctx);
    if (++c->course_calls > 1) return TRELLIS_ERR_INVALID_ARGUMENT;  // the contract: at most once
    c->course_json = string_of(json);
    return TRELLIS_OK;
  };
  report.begin_course = [](void* ctx, trellis_str json) -> trellis_status {
    auto* c = static_cast<Collector*>(ctx);
    auto part = nlohmann::json::parse(string_of(json), nullptr, false);
    if (c->course_calls > 0 || c->header || !part.is_object()) return TRELLIS_ERR_INVALID_ARGUMENT;
    c->header = std::move(part);
    return TRELLIS_OK;
  };
  report.add_node = [](void* ctx, trellis_str json) -> trellis_status {
    auto* c = static_cast<Collector*>(ctx);
    if (!c->keep_parts) return c->header ? (++c->parts, TRELLIS_OK) : TRELLIS_ERR_INVALID_ARGUMENT;
    auto part = nlohmann::json::parse(string_of(json), nullptr, false);
    if (!c->header || !part.is_object() || !part.contains("position") || !part.contains("parent"))
      return TRELLIS_ERR_INVALID_ARGUMENT;
    c->nodes.push_back(std::move(part));
    return TRELLIS_OK;
  };
  report.add_resource = [](void* ctx, trellis_str json) -> trellis_status {
    auto* c = static_cast<Collector*>(ctx);
    if (!c->keep_parts) return c->header ? (++c->parts, TRELLIS_OK) : TRELLIS_ERR_INVALID_ARGUMENT;
    auto part = nlohmann::json::parse(string_of(json), nullptr, false);
    if (!c->header || !part.is_object()) return TRELLIS_ERR_INVALID_ARGUMENT;
    c->resources.push_back(std::move(part));
    return TRELLIS_OK;
  };
  trellis_cancel cancel{nullptr, [](void*) -> int32_t { return 0; }};
  out.status = table_of(importer_)->import_package(state_, &view.table, &options, &report, &cancel);
  if (collector.header && !collector.keep_parts) {
    out.streamed = true;
    out.has_course = true;
  } else if (collector.header) {
    out.streamed = true;
    collector.course_json = reassemble(std::move(*collector.header), std::move(collector.nodes),
                                       std::move(collector.resources)).dump();
  }
  if (!collector.course_json.empty()) {
    out.has_course = true;
    out.course_json = std::move(collector.course_json);
    if (parse_course) out.course = nlohmann::json::parse(out.course_json);  // throws on invalid JSON: a test failure
  }
  return out;
}

namespace {
void count_nodes(const nlohmann::json& nodes, std::map<std::string, int>& kinds, int& launchable) {
  for (const auto& node : nodes) {
    kinds[node.value("kind", "")]++;
    if (node.value("launchable", false)) ++launchable;
    if (node.contains("children")) count_nodes(node["children"], kinds, launchable);
  }
}
}  // namespace

std::map<std::string, int> count_kinds(const nlohmann::json& course) {
  std::map<std::string, int> kinds;
  int launchable = 0;
  count_nodes(course.at("nodes"), kinds, launchable);
  return kinds;
}

int count_launchable(const nlohmann::json& course) {
  std::map<std::string, int> kinds;
  int launchable = 0;
  count_nodes(course.at("nodes"), kinds, launchable);
  return launchable;
}

}  // namespace trellis::testing
