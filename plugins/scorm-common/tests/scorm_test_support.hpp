// The two real SCORM plugin libraries behind the SDK test host (sdk/testing), and a small
// manifest builder so each rule is tested with a package the test writes itself.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "import_expectations.hpp"

namespace trellis::testing::scorm {

// An organization's one item, pointing at resource r1.
inline const std::string one_item = "<item identifier=\"i1\" identifierref=\"r1\"><title>One</title></item>";

inline const LoadedImporter& scorm12() {
  static LoadedImporter loaded(TRELLIS_SCORM12_PLUGIN);
  return loaded;
}
inline const LoadedImporter& scorm2004() {
  static LoadedImporter loaded(TRELLIS_SCORM2004_PLUGIN);
  return loaded;
}

inline std::optional<std::filesystem::path> conformance_dir() {
  std::filesystem::path dir = std::filesystem::path(TRELLIS_SHARED_DIR) / "conformance";
  if (!std::filesystem::is_directory(dir / "packages")) return std::nullopt;
  return dir;
}

inline const char* ns12() {
  return "xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\" "
         "xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";
}
inline const char* ns2004() {
  return "xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\" xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\" "
         "xmlns:adlseq=\"http://www.adlnet.org/xsd/adlseq_v1p3\" xmlns:adlnav=\"http://www.adlnet.org/xsd/adlnav_v1p3\" "
         "xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";
}

// A SCORM 1.2 manifest around `organizations` and `resources` XML.
inline std::string manifest12(const std::string& organizations, const std::string& resources,
                              const std::string& extra_root_attrs = "") {
  return std::string("<?xml version=\"1.0\"?>\n<manifest identifier=\"m1\" version=\"1\" ") + ns12() + " " +
         extra_root_attrs +
         ">\n<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>\n" + organizations +
         "\n<resources>" + resources + "</resources>\n</manifest>\n";
}

inline std::string manifest2004(const std::string& organizations, const std::string& resources,
                                const std::string& edition = "2004 4th Edition", const std::string& after = "") {
  return std::string("<?xml version=\"1.0\"?>\n<manifest identifier=\"m1\" version=\"1\" ") + ns2004() +
         ">\n<metadata><schema>ADL SCORM</schema><schemaversion>" + edition + "</schemaversion></metadata>\n" +
         organizations + "\n<resources>" + resources + "</resources>\n" + after + "</manifest>\n";
}

// One organization "org" (the default) holding `items`.
inline std::string org(const std::string& items, const std::string& org_extra = "") {
  return "<organizations default=\"org\"><organization identifier=\"org\"><title>Course</title>" + items +
         org_extra + "</organization></organizations>";
}

inline std::string sco12(const std::string& id, const std::string& href) {
  return "<resource identifier=\"" + id + "\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"" + href +
         "\"><file href=\"" + href + "\"/></resource>";
}
inline std::string sco2004(const std::string& id, const std::string& href) {
  return "<resource identifier=\"" + id + "\" type=\"webcontent\" adlcp:scormType=\"sco\" href=\"" + href +
         "\"><file href=\"" + href + "\"/></resource>";
}

inline MemoryPackage package(const std::string& manifest, std::initializer_list<std::string> files = {"a.html"}) {
  MemoryPackage p({{"imsmanifest.xml", manifest}}, "course.zip");
  for (const std::string& f : files) p.add(f, "<html></html>");
  return p;
}

inline int count_scos(const nlohmann::json& node) {
  int n = node.value("sco", false) ? 1 : 0;
  for (const auto& c : node.value("children", nlohmann::json::array())) n += count_scos(c);
  return n;
}
inline int count_scos_course(const nlohmann::json& course) {
  int n = 0;
  for (const auto& c : course.value("nodes", nlohmann::json::array())) n += count_scos(c);
  return n;
}

// The first node with `identifier`, depth first.
inline const nlohmann::json* find_node(const nlohmann::json& nodes, const std::string& identifier) {
  for (const auto& n : nodes) {
    if (n.value("identifier", "") == identifier) return &n;
    auto kids = n.find("children");  // by reference: value() would copy
    if (kids == n.end()) continue;
    if (const nlohmann::json* f = find_node(*kids, identifier)) return f;
  }
  return nullptr;
}

}  // namespace trellis::testing::scorm
