// Turns one C++ class into a Trellis plugin:
//
//   class Wiki : public trellis::Plugin, public trellis::Connector { ... };
//   TRELLIS_PLUGIN(Wiki, "acme-wiki", "1.0.0")
//
// The class needs a constructor taking `trellis::Host`. Every call from the host
// goes through a trampoline here that catches all exceptions and turns them into
// a status code plus a message, so nothing C++ ever reaches the host.
#ifndef TRELLIS_CPP_PLUGIN_HPP
#define TRELLIS_CPP_PLUGIN_HPP

#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "trellis/cpp/connector.hpp"
#include "trellis/cpp/core.hpp"
#include "trellis/cpp/exporter.hpp"
#include "trellis/cpp/host.hpp"
#include "trellis/cpp/importer.hpp"
#include "trellis/plugin.h"

namespace trellis {

class Plugin {
 public:
  virtual ~Plugin() = default;
};

namespace detail {

struct Instance {
  std::unique_ptr<Plugin> plugin;
  Importer* importer = nullptr;
  Connector* connector = nullptr;
  bool connector_fetches = false, connector_syncs = false, connector_posts = false;
  Exporter* exporter = nullptr;
};

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

inline Instance* instance(void* state) { return static_cast<Instance*>(state); }

// Importer trampolines ------------------------------------------------------
inline int32_t importer_detect(void* state, const trellis_package* package, const trellis_sink* what) noexcept {
  try {
    std::string description;
    int confidence = instance(state)->importer->detect(Package(package), description);
    if (confidence < 0) confidence = 0;
    if (confidence > 100) confidence = 100;
    if (confidence > 0) write_to(what, description);
    return confidence;
  } catch (...) {
    return 0;
  }
}

// Reports an escaped exception as an error diagnostic so the designer sees it.
struct ReportingSink {
  const trellis_import_report* report;
  std::string text;
  trellis_sink sink{this, [](void* ctx, trellis_str b) -> trellis_status {
                      try {
                        static_cast<ReportingSink*>(ctx)->text.append(to_view(b));
                      } catch (...) {
                      }
                      return TRELLIS_OK;
                    }};
};

inline trellis_status importer_import(void* state, const trellis_package* package,
                                      const trellis_import_options* options, const trellis_import_report* report,
                                      const trellis_cancel* cancel) noexcept {
  ReportingSink failure{report, {}};
  trellis_status st = guarded(&failure.sink, [&] {
    ImportOptions opts;
    if (TRELLIS_HAS_FIELD(options, trellis_import_options, schema_dir))
      opts.schema_dir = std::string(to_view(options->schema_dir));
    if (TRELLIS_HAS_FIELD(options, trellis_import_options, validate_only))
      opts.validate_only = options->validate_only != 0;
    ImportReport r(report);
    instance(state)->importer->import_package(Package(package), opts, r, Cancel(cancel));
  });
  if (st != TRELLIS_OK && st != TRELLIS_ERR_CANCELLED) {
    try {
      ImportReport r(report);
      r.error("importer.failed", failure.text.empty() ? std::string("the importer failed") : failure.text);
    } catch (...) {
    }
  }
  return st;
}

// Connector trampolines -----------------------------------------------------
inline trellis_status connector_search(void* state, const trellis_search_query* q, const trellis_item_sink* out,
                                       const trellis_cancel* cancel, const trellis_sink* error) noexcept {
  return guarded(error, [&] {
    if (q == nullptr || out == nullptr) throw Error(TRELLIS_ERR_INVALID_ARGUMENT, "search needs a query and a sink");
    SearchQuery query;
    query.course_id = std::string(to_view(q->course_id));
    query.module_id = std::string(to_view(q->module_id));
    query.title = std::string(to_view(q->title));
    query.description = std::string(to_view(q->description));
    query.keywords = std::string(to_view(q->keywords));
    query.language = std::string(to_view(q->language));
    query.max_results = q->max_results;
    if (TRELLIS_HAS_FIELD(q, trellis_search_query, text)) query.text = std::string(to_view(q->text));
    if (TRELLIS_HAS_FIELD(q, trellis_search_query, objectives)) query.objectives = std::string(to_view(q->objectives));
    if (TRELLIS_HAS_FIELD(q, trellis_search_query, kinds)) query.kinds = q->kinds;
    if (query.max_results == 0) return;
    Cancel stop(cancel);
    if (stop.requested()) throw Error(TRELLIS_ERR_CANCELLED, "the search was cancelled before it started");
    ItemSink sink(out);
    instance(state)->connector->search(query, sink, stop);
  });
}

inline trellis_status connector_fetch(void* state, trellis_str ref, const trellis_item_sink* out,
                                      const trellis_cancel* cancel, const trellis_sink* error) noexcept {
  return guarded(error, [&] {
    if (out == nullptr) throw Error(TRELLIS_ERR_INVALID_ARGUMENT, "fetch needs a sink");
    ItemSink sink(out);
    instance(state)->connector->fetch(to_view(ref), sink, Cancel(cancel));
  });
}

inline trellis_status connector_sync(void* state, trellis_str cursor, const trellis_item_sink* out,
                                     const trellis_sink* next_cursor, const trellis_cancel* cancel,
                                     const trellis_sink* error) noexcept {
  return guarded(error, [&] {
    if (out == nullptr || next_cursor == nullptr)
      throw Error(TRELLIS_ERR_INVALID_ARGUMENT, "sync needs an item sink and a cursor sink");
    Cancel stop(cancel);
    if (stop.requested()) throw Error(TRELLIS_ERR_CANCELLED, "the sync was cancelled before it started");
    ItemSink sink(out);
    std::string next = instance(state)->connector->sync(to_view(cursor), sink, stop);
    write_to(next_cursor, next);
  });
}

inline trellis_status connector_post(void* state, const trellis_thread_draft* t, const trellis_item_sink* created,
                                     const trellis_cancel* cancel, const trellis_sink* error) noexcept {
  return guarded(error, [&] {
    if (t == nullptr || created == nullptr) throw Error(TRELLIS_ERR_INVALID_ARGUMENT, "post needs a thread and a sink");
    ThreadDraft draft{std::string(to_view(t->course_id)), std::string(to_view(t->module_id)),
                      std::string(to_view(t->title)),     std::string(to_view(t->body)),
                      std::string(to_view(t->author)),    std::string(to_view(t->tags))};
    ItemSink sink(created);
    instance(state)->connector->post(draft, sink, Cancel(cancel));
  });
}

// Exporter trampolines ------------------------------------------------------
inline trellis_status exporter_open(void* state, const trellis_export_options* options, void** session,
                                    const trellis_sink* error) noexcept {
  return guarded(error, [&] {
    ExportOptions opts;
    const trellis_sink* output = nullptr;
    if (TRELLIS_HAS_FIELD(options, trellis_export_options, destination))
      opts.destination = std::string(to_view(options->destination));
    if (TRELLIS_HAS_FIELD(options, trellis_export_options, output)) output = options->output;
    *session = instance(state)->exporter->open(opts, Output(output)).release();
  });
}

inline trellis_status exporter_write_batch(void* session, const trellis_record* records, size_t count,
                                           const trellis_record_outcome_sink* outcomes, const trellis_cancel* cancel,
                                           const trellis_sink* error) noexcept {
  return guarded(error, [&] {
    std::vector<Record> batch;
    batch.reserve(count);
    for (size_t i = 0; i < count; ++i)
      batch.push_back({to_view(records[i].statement_id), to_view(records[i].statement_json), to_view(records[i].stored)});
    Outcomes o(outcomes);
    static_cast<ExportSession*>(session)->write_batch(batch, o, Cancel(cancel));
  });
}

inline trellis_status exporter_close(void* session, const trellis_sink* error) noexcept {
  std::unique_ptr<ExportSession> owned(static_cast<ExportSession*>(session));
  return guarded(error, [&] { owned->close(); });
}

template <typename T>
trellis_status init(const trellis_host_services* host, void** state, const trellis_sink* error) noexcept {
  return guarded(error, [&] {
    if (host == nullptr || !TRELLIS_HAS_FIELD(host, trellis_host_services, is_shutting_down))
      throw Error(TRELLIS_ERR_UNSUPPORTED, "the host's services table is older than this plugin needs");
    auto inst = std::make_unique<Instance>();
    auto obj = std::make_unique<T>(Host(host));
    if constexpr (std::is_base_of_v<Importer, T>) inst->importer = obj.get();
    if constexpr (std::is_base_of_v<Connector, T>) {
      inst->connector = obj.get();
      inst->connector_fetches = ConnectorOverrides<T>::fetch;
      inst->connector_syncs = ConnectorOverrides<T>::sync;
      inst->connector_posts = ConnectorOverrides<T>::post;
    }
    if constexpr (std::is_base_of_v<Exporter, T>) inst->exporter = obj.get();
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
  if (inst->importer && std::strcmp(id, TRELLIS_CAPABILITY_IMPORTER) == 0) {
    static trellis_importer_v1 table{};
    table.struct_size = sizeof table;
    table.format = inst->importer->format();
    table.detect = &importer_detect;
    table.import_package = &importer_import;
    return &table;
  }
  if (inst->connector && std::strcmp(id, TRELLIS_CAPABILITY_CONNECTOR) == 0) {
    static trellis_connector_v1 table{};
    table.struct_size = sizeof table;
    table.source_name = inst->connector->source_name();
    table.search = &connector_search;
    table.fetch = inst->connector_fetches ? &connector_fetch : nullptr;
    table.sync = inst->connector_syncs ? &connector_sync : nullptr;
    table.post = inst->connector_posts ? &connector_post : nullptr;
    return &table;
  }
  if (inst->exporter && std::strcmp(id, TRELLIS_CAPABILITY_EXPORTER) == 0) {
    static trellis_exporter_v1 table{};
    table.struct_size = sizeof table;
    table.format = inst->exporter->format();
    table.media_type = inst->exporter->media_type();
    table.open = &exporter_open;
    table.write_batch = &exporter_write_batch;
    table.close = &exporter_close;
    return &table;
  }
  return nullptr;
}

}  // namespace detail
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
