// A TinCan package's tincan.xml as read, before it becomes the course model.
// There is no published XSD; the element names follow Rustici's tincan.xsd as
// TinCan packages use it, and the packaging rules follow lms_lrs.md.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace trellis::xapi {

inline constexpr const char* kNamespace = "http://projecttincan.com/tincan.xsd";

// Text in several languages, in document order; "" when the language is unknown.
using LangStrings = std::vector<std::pair<std::string, std::string>>;

struct Link {
  std::string lang;
  std::string url;
  uint32_t line = 0;
  // Filled by the rules.
  std::string href;  // package-relative, or the URL itself when external
  bool external = false;
};

struct Activity {
  std::string id;
  std::string type;
  uint32_t line = 0;
  LangStrings names;
  LangStrings descriptions;
  std::vector<Link> launches;
  std::vector<Link> resources;
  std::string interaction_type;
  std::vector<std::string> definition_xml;  // interaction parts and extensions, opaque
};

struct Provider {
  std::string name;
  std::string id;
  std::string info;
  bool present = false;
};

struct TinCan {
  std::vector<Activity> activities;
  Provider provider;
};

}  // namespace trellis::xapi
