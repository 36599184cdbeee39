// Pins the ABI 1.0 layout on this platform. A failure here means a change broke
// every plugin already built: fields may only be appended, never moved.
#include <catch2/catch.hpp>

#include <cstddef>

#include "trellis/trellis.h"

#if defined(__x86_64__) || defined(__aarch64__)
TEST_CASE("ABI 1.0 struct layouts are frozen (LP64)", "[sdk][abi]") {
  CHECK(sizeof(trellis_str) == 16);
  CHECK(offsetof(trellis_sink, write) == 8);
  CHECK(offsetof(trellis_plugin_descriptor, abi_major) == 4);
  CHECK(offsetof(trellis_plugin_descriptor, id) == 16);
  CHECK(offsetof(trellis_plugin_descriptor, init) == 32);
  CHECK(offsetof(trellis_plugin_descriptor, get_capability) == 48);
  CHECK(sizeof(trellis_plugin_descriptor) == 56);
  CHECK(offsetof(trellis_host_services, host_version) == 16);
  CHECK(offsetof(trellis_host_services, host_ctx) == 32);
  CHECK(offsetof(trellis_host_services, log) == 40);
  CHECK(offsetof(trellis_host_services, is_shutting_down) == 88);
  CHECK(offsetof(trellis_importer_v1, detect) == 16);
  CHECK(offsetof(trellis_importer_v1, import_package) == 24);
  CHECK(offsetof(trellis_connector_v1, search) == 16);
  CHECK(offsetof(trellis_exporter_v1, close) == 40);
  CHECK(offsetof(trellis_diagnostic, line) == 56);
}

// Every struct's size as of ABI 1.3, pinned so a comment-only edit of the
// headers (they are the spec, and get edited as prose) cannot move a byte.
TEST_CASE("ABI 1.3 struct sizes are frozen (LP64)", "[sdk][abi]") {
  CHECK(sizeof(trellis_sink) == 16);
  CHECK(sizeof(trellis_cancel) == 16);
  CHECK(sizeof(trellis_host_services) == 96);
  CHECK(sizeof(trellis_http_request) == 80);
  CHECK(sizeof(trellis_http_response_sink) == 56);  // 48 before 1.3 added `failure`
  CHECK(offsetof(trellis_http_response_sink, failure) == 48);
  CHECK(sizeof(trellis_importer_v1) == 32);
  CHECK(sizeof(trellis_package) == 80);  // 64 until 1.3 grew single_file and near_miss
  CHECK(offsetof(trellis_package, single_file) == 64);
  CHECK(sizeof(trellis_package_entry) == 32);
  CHECK(sizeof(trellis_diagnostic) == 64);
  CHECK(sizeof(trellis_import_report) == 56);
  CHECK(sizeof(trellis_import_options) == 32);
  CHECK(sizeof(trellis_connector_v1) == 48);
  CHECK(sizeof(trellis_search_query) == 152);
  CHECK(sizeof(trellis_knowledge_item) == 152);
  CHECK(sizeof(trellis_item_sink) == 24);
  CHECK(sizeof(trellis_thread_draft) == 104);
  CHECK(sizeof(trellis_exporter_v1) == 48);
  CHECK(sizeof(trellis_record) == 56);
  CHECK(sizeof(trellis_record_outcome_sink) == 24);
  CHECK(sizeof(trellis_export_options) == 32);
}

// Added in ABI 1.4.
TEST_CASE("ABI 1.4 runtime table is frozen (LP64)", "[sdk][abi]") {
  CHECK(offsetof(trellis_runtime_v1, format) == 8);
  CHECK(offsetof(trellis_runtime_v1, apply_commit) == 24);
  CHECK(sizeof(trellis_runtime_v1) == 32);
}
#endif

TEST_CASE("TRELLIS_HAS_FIELD tells an older, shorter struct from a current one", "[sdk][abi]") {
  trellis_import_options opts{};
  opts.struct_size = offsetof(trellis_import_options, validate_only);  // as built against an older minor
  CHECK(TRELLIS_HAS_FIELD(&opts, trellis_import_options, schema_dir));
  CHECK_FALSE(TRELLIS_HAS_FIELD(&opts, trellis_import_options, validate_only));
  opts.struct_size = sizeof opts;
  CHECK(TRELLIS_HAS_FIELD(&opts, trellis_import_options, validate_only));
  const trellis_import_options* none = nullptr;
  CHECK_FALSE(TRELLIS_HAS_FIELD(none, trellis_import_options, schema_dir));
}
