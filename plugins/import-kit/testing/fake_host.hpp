// Kept so tests/bench (cmi5_import_bench, scorm_manifest_bench) build unchanged:
// the importer test host is the SDK's (sdk/testing, trellis/testing/importer.hpp).
#pragma once

#include "trellis/testing/importer.hpp"
