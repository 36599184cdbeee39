// Builds cmi5.xml documents for tests: a valid course by default, with every
// part replaceable so each rule gets its own generated case.
#pragma once

#include <string>
#include <vector>

namespace trellis::testing::cmi5 {

inline std::string langstrings(const std::string& text, const std::string& lang = "en-US") {
  return "<langstring lang=\"" + lang + "\">" + text + "</langstring>";
}

inline std::string texts(const std::string& title, const std::string& description = "A description") {
  return "<title>" + langstrings(title) + "</title><description>" + langstrings(description) + "</description>";
}

struct Au {
  std::string id = "https://example.org/au/1";
  std::string url = "index.html";
  std::string attributes;  // raw, e.g. R"(moveOn="Passed")"
  std::string body_before_url;  // e.g. objectives
  std::string body_after_url;   // launchParameters, entitlementKey, extensions
  std::string title = "An AU";
  std::string xml() const {
    return "<au id=\"" + id + "\" " + attributes + ">" + texts(title) + body_before_url + "<url>" + url + "</url>" +
           body_after_url + "</au>";
  }
};

inline std::string block(const std::string& id, const std::string& members, const std::string& extra = "") {
  return "<block id=\"" + id + "\">" + texts("A block") + extra + members + "</block>";
}

inline std::string course_structure(const std::string& members, const std::string& objectives = "",
                                    const std::string& course_id = "https://example.org/course/1",
                                    const std::string& root_extra = "") {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
         "<courseStructure xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd\"" +
         root_extra + ">\n<course id=\"" + course_id + "\">" + texts("A course", "About the course") + "</course>\n" +
         objectives + members + "\n</courseStructure>\n";
}

inline std::string single_au(const Au& au) { return course_structure(au.xml()); }

}  // namespace trellis::testing::cmi5
