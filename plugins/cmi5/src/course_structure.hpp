// The cmi5 course structure (cmi5.xml) as read from the XML, before it becomes
// the host's course model. Field names follow CourseStructure.xsd.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace trellis::cmi5 {

inline constexpr const char* kNamespace = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd";

// A textType: one langstring per language, in document order. A langstring
// without a lang attribute is kept under "und" (undetermined, BCP 47).
struct LangText {
  std::vector<std::pair<std::string, std::string>> strings;
  std::string first() const { return strings.empty() ? std::string() : strings.front().second; }
  std::string first_language() const { return strings.empty() ? std::string() : strings.front().first; }
};

// Elements and attributes from other namespaces, kept as given.
struct Extensions {
  std::vector<std::string> elements;                         // self-contained XML strings
  std::vector<std::pair<std::string, std::string>> attributes;  // "{namespace}local" -> value
  bool empty() const { return elements.empty() && attributes.empty(); }
};

struct Objective {
  std::string id;
  LangText title;
  LangText description;
  uint32_t line = 0;
};

struct ObjectiveRef {
  std::string idref;
  bool has_idref = false;
  uint32_t line = 0;
};

struct Node {
  enum class Kind { block, au };
  Kind kind = Kind::au;
  std::string id;
  uint32_t line = 0;
  LangText title;
  LangText description;
  std::vector<ObjectiveRef> objectives;
  Extensions extensions;
  std::vector<Node> children;  // blocks only

  // AUs only. Attribute texts are kept raw; the rules check and interpret them.
  std::string url;
  uint32_t url_line = 0;
  std::string move_on = "NotApplicable";
  std::string launch_method = "AnyWindow";
  std::optional<std::string> mastery_score_text;
  std::optional<double> mastery_score;
  std::optional<std::string> activity_type;
  std::optional<std::string> launch_parameters;
  std::optional<std::string> entitlement_key;

  // Filled in by the rules: where the AU launches.
  std::string launch_href;
  bool launch_external = false;
};

struct CourseStructure {
  std::string id;
  uint32_t line = 0;
  LangText title;
  LangText description;
  Extensions course_extensions;  // inside <course>
  Extensions extensions;         // on and at the end of <courseStructure>
  std::vector<Objective> objectives;
  std::vector<Node> nodes;
};

}  // namespace trellis::cmi5
