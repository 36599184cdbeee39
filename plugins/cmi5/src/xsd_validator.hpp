// Validation against the published CourseStructure.xsd with libxml2, when the
// admin configured a folder of trusted schema copies. The project never ships the
// XSD itself. Compiled schemas are cached per path for the plugin's lifetime.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

#include "trellis/import_kit/findings.hpp"

namespace trellis::cmi5 {

class XsdValidator {
 public:
  XsdValidator();
  ~XsdValidator();
  XsdValidator(const XsdValidator&) = delete;
  XsdValidator& operator=(const XsdValidator&) = delete;

  // <schema_dir>/cmi5/CourseStructure.xsd, else <schema_dir>/CourseStructure.xsd.
  static std::optional<std::filesystem::path> find_schema(const std::filesystem::path& schema_dir);

  // Reports every schema violation as cmi5.xsd.invalid; problems with the schema
  // itself as cmi5.xsd.unavailable warnings (the rules in code still ran).
  void validate(std::string_view xml, const std::filesystem::path& schema, kit::Findings& findings);

 private:
  struct Compiled;
  std::shared_ptr<Compiled> compiled(const std::filesystem::path& schema, std::string& error);
  std::mutex mutex_;
  std::map<std::filesystem::path, std::shared_ptr<Compiled>> cache_;
};

}  // namespace trellis::cmi5
