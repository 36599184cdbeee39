#include "scorm_detect.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <vector>

#include "trellis/import_kit/text.hpp"
#include "trellis/import_kit/xml_ns.hpp"

namespace trellis::scorm {

const char* ns_adlcp12() { return "http://www.adlnet.org/xsd/adlcp_rootv1p2"; }
const char* ns_adlcp2004() { return "http://www.adlnet.org/xsd/adlcp_v1p3"; }
const char* ns_imsss() { return "http://www.imsglobal.org/xsd/imsss"; }
const char* ns_adlseq() { return "http://www.adlnet.org/xsd/adlseq_v1p3"; }
const char* ns_adlnav() { return "http://www.adlnet.org/xsd/adlnav_v1p3"; }

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

// Every namespace URI declared anywhere in the document, lower-cased and joined.
std::string declared_namespaces(const pugi::xml_node& root) {
  std::string all;
  std::vector<pugi::xml_node> stack{root};
  while (!stack.empty()) {
    pugi::xml_node n = stack.back();
    stack.pop_back();
    for (pugi::xml_attribute a : n.attributes())
      if (kit::is_namespace_declaration(a)) all += lower(a.value()) + " ";
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
      if (c.type() == pugi::node_element) stack.push_back(c);
  }
  return all;
}

pugi::xml_node child_local(pugi::xml_node parent, std::string_view name) {
  for (pugi::xml_node c : parent.children())
    if (c.type() == pugi::node_element && kit::local_name(c.name()) == name) return c;
  return {};
}

bool uses_4th_edition_features(const pugi::xml_node& root) {
  std::vector<pugi::xml_node> stack{root};
  while (!stack.empty()) {
    pugi::xml_node n = stack.back();
    stack.pop_back();
    std::string_view local = kit::local_name(n.name());
    std::string_view ns = kit::namespace_of(n);
    if (ns == ns_adlcp2004() && (local == "data" || local == "map")) return true;
    if (ns == ns_adlseq() && local == "objectives") return true;
    if (ns == ns_adlcp2004() && local == "completionThreshold" &&
        (n.attribute("minProgressMeasure") || n.attribute("completedByMeasure") || n.attribute("progressWeight")))
      return true;
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
      if (c.type() == pugi::node_element) stack.push_back(c);
  }
  return false;
}

}  // namespace

std::string edition_of_schemaversion(std::string_view schemaversion) {
  std::string v = lower(kit::collapse_whitespace(schemaversion));
  if (contains(v, "4th")) return "4th";
  if (contains(v, "3rd")) return "3rd";
  if (contains(v, "2nd") || v == "cam 1.3" || v == "1.3") return "2nd";
  return "";
}

Detected detect_manifest(std::string_view xml) {
  Detected out;
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size(), pugi::parse_default)) return out;
  pugi::xml_node root = doc.document_element();
  if (!root || kit::local_name(root.name()) != "manifest") return out;
  out.readable = true;
  pugi::xml_node metadata = child_local(root, "metadata");
  out.schemaversion = std::string(kit::trim(kit::text_content(child_local(metadata, "schemaversion"))));
  std::string sv = lower(out.schemaversion);
  std::string ns = declared_namespaces(root);
  std::string root_ns = lower(kit::namespace_of(root));

  bool says_2004 = contains(sv, "2004") || contains(sv, "1.3");
  bool says_12 = sv == "1.2" || contains(sv, "1.2");
  bool ns_2004 = contains(ns, "adlcp_v1p3") || contains(ns, "imsss") || contains(ns, "adlseq_v1p3") ||
                 contains(ns, "adlnav_v1p3");
  bool ns_12 = contains(ns, "adlcp_rootv1p2") || root_ns == "http://www.imsproject.org/xsd/imscp_rootv1p1p2";

  // ADL's own namespace is the strongest signal; schemaversion is often copied around.
  if (ns_2004 && !contains(ns, "adlcp_rootv1p2")) out.standard = Standard::scorm2004;
  else if (ns_12 && !ns_2004) out.standard = Standard::scorm12;
  else if (says_2004) out.standard = Standard::scorm2004;
  else if (says_12) out.standard = Standard::scorm12;
  else if (ns_2004) out.standard = Standard::scorm2004;
  else if (contains(root_ns, "imscp")) out.standard = Standard::scorm12;  // plain IMS CP: the 1.2 rules fit best

  if (out.standard == Standard::scorm2004) {
    out.edition = edition_of_schemaversion(out.schemaversion);
    if (out.edition.empty()) {
      out.edition_assumed = true;
      out.edition = uses_4th_edition_features(root) ? "4th" : "3rd";
    }
  }
  return out;
}

}  // namespace trellis::scorm
