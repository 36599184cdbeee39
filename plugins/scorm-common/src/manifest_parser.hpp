// imsmanifest.xml -> the course model (trellis.course/1), with every check an XSD
// cannot make: references, duplicates, files, vocabularies, SCO/asset rules.
// Host-free (files come through callbacks) so tests and the fuzzer drive it
// directly. The manifest is streamed, twice (see manifest_passes.hpp), and the
// course goes out part by part, so neither its text nor the whole course is held.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "course_output.hpp"
#include "scorm_detect.hpp"
#include "trellis/import_kit/findings.hpp"
#include "xml_source.hpp"

namespace trellis::scorm {

struct ManifestInput {
  XmlSource source;  // imsmanifest.xml, read once per pass
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
  bool course = false;    // a course went out: the manifest parsed, even with errors
  // libxml2 streamed it; false: libxml2 refused the text and it was read in memory
  // with pugixml, as before streaming.
  bool streamed = false;
  std::vector<kit::Findings> other_files;  // findings about external metadata files
};

ManifestResult parse_manifest(const ManifestInput& input, CourseOutput& output, kit::Findings& findings);

// The same, with the course assembled into one document (tests, the fuzzer).
struct ManifestDocument {
  std::optional<nlohmann::json> course;
  std::vector<kit::Findings> other_files;
};
ManifestDocument parse_manifest_document(const ManifestInput& input, kit::Findings& findings);

}  // namespace trellis::scorm
