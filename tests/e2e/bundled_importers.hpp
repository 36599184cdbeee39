// What the e2e tests of the bundled importers share: where the plugins are, and
// a small cmi5 course structure with one AU.
#pragma once

#include <map>
#include <string>

namespace trellis::testing {

inline const std::map<std::string, std::string> kBundledImporters = {
    {"TRELLIS_PLUGIN_PATH", TRELLIS_BINARY_DIR "/lib/trellis/plugins"}};

inline std::string one_au_course_structure(const std::string& course_id, const std::string& au_url) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
         "<courseStructure xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd\">\n"
         "<course id=\"" + course_id + "\"><title><langstring lang=\"en-US\">Course</langstring></title>"
         "<description><langstring lang=\"en-US\">A course</langstring></description></course>\n"
         "<au id=\"" + course_id + "/au\"><title><langstring lang=\"en-US\">AU</langstring></title>"
         "<description><langstring lang=\"en-US\">One AU</langstring></description>"
         "<url>" + au_url + "</url></au>\n</courseStructure>\n";
}

}  // namespace trellis::testing
