#include <catch2/catch.hpp>

#include <string>

#include "scorm_detect.hpp"

using namespace trellis::scorm;

namespace {
std::string manifest(const std::string& namespaces, const std::string& schemaversion, const std::string& body = "") {
  std::string md = schemaversion.empty() ? ""
                                         : "<metadata><schema>ADL SCORM</schema><schemaversion>" + schemaversion +
                                               "</schemaversion></metadata>";
  return "<manifest identifier=\"m\" " + namespaces + ">" + md + "<organizations/><resources/>" + body + "</manifest>";
}
const std::string ns12 =
    "xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\" xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\"";
const std::string ns2004 =
    "xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\" xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\" "
    "xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\"";
}  // namespace

TEST_CASE("SCORM 1.2 is recognised by namespace and schemaversion", "[scorm][detect]") {
  CHECK(detect_manifest(manifest(ns12, "1.2")).standard == Standard::scorm12);
  CHECK(detect_manifest(manifest(ns12, "")).standard == Standard::scorm12);
  CHECK(detect_manifest(manifest("xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"", "1.2")).standard ==
        Standard::scorm12);
  CHECK(detect_manifest(manifest(ns12, "1.2")).edition.empty());
}

TEST_CASE("SCORM 2004 editions come from schemaversion, then features", "[scorm][detect]") {
  CHECK(detect_manifest(manifest(ns2004, "CAM 1.3")).edition == "2nd");
  CHECK(detect_manifest(manifest(ns2004, "2004 2nd Edition")).edition == "2nd");
  CHECK(detect_manifest(manifest(ns2004, "2004 3rd Edition")).edition == "3rd");
  CHECK(detect_manifest(manifest(ns2004, "  2004   4th  edition ")).edition == "4th");
  Detected assumed = detect_manifest(manifest(ns2004, ""));
  CHECK(assumed.standard == Standard::scorm2004);
  CHECK(assumed.edition == "3rd");
  CHECK(assumed.edition_assumed);
  std::string with_data = manifest(ns2004, "",
                                   "<organizations><organization identifier=\"o\"><item identifier=\"i\">"
                                   "<adlcp:data><adlcp:map targetID=\"t\"/></adlcp:data></item></organization>"
                                   "</organizations>");
  CHECK(detect_manifest(with_data).edition == "4th");
  // The namespace outranks a schemaversion copied from a 1.2 template.
  CHECK(detect_manifest(manifest(ns2004, "1.2")).standard == Standard::scorm2004);
}

TEST_CASE("Foreign and broken manifests are nobody's", "[scorm][detect]") {
  CHECK(detect_manifest("").standard == Standard::none);
  CHECK_FALSE(detect_manifest("<?xml version=\"1.0\"?>").readable);
  CHECK(detect_manifest("<courseStructure xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd\"/>")
            .standard == Standard::none);
}
