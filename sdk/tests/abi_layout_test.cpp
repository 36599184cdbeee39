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
