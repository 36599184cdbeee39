// imsmanifest.xml -> the course model (trellis.course/1), with every check an XSD
// cannot make: references, duplicates, files, vocabularies, SCO/asset rules.
// Host-free (files come through callbacks) so tests and the fuzzer drive it directly.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scorm_detect.hpp"
#include "trellis/import_kit/findings.hpp"

namespace trellis::scorm {

struct ManifestInput {
  std::string_view xml;
  std::string manifest_path = "imsmanifest.xml";  // package-relative
  std::string root;                               // folder holding the manifest: "" or "course/"
  Standard standard = Standard::scorm12;
  std::string edition;                            // SCORM 2004 only
  bool edition_assumed = false;
  std::string schemaversion;
  // Package-relative path -> exists. Null: file checks are skipped.
  std::function<bool(const std::string&)> exists;
  // Package-relative path -> content (external metadata). Null or nullopt: absent.
  std::function<std::optional<std::string>(const std::string&)> read;
};

struct ManifestResult {
  std::optional<nlohmann::json> course;  // set whenever the manifest parsed, even with errors
  std::vector<kit::Findings> other_files;  // findings about external metadata files
};

ManifestResult parse_manifest(const ManifestInput& input, kit::Findings& findings);

}  // namespace trellis::scorm
