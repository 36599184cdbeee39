#include "scorm_detect.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <vector>

#include "dom_walk.hpp"
#include "partial_dom.hpp"
#include "trellis/import_kit/text.hpp"
#include "trellis/import_kit/xml_ns.hpp"
#include "xml_stream.hpp"

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

// What detection looks at, gathered element by element with only the chain of
// open elements held (for namespace lookups): the namespaces declared anywhere,
// the root, metadata/schemaversion, and whether 4th Edition features are used.
class DetectReader final : public DomReader {
 public:
  explicit DetectReader(PartialDom& dom) : dom_(dom) {}

  Keep opened(pugi::xml_node e) override {
    std::string_view local = kit::local_name(e.name());
    for (pugi::xml_attribute a : e.attributes())
      if (kit::is_namespace_declaration(a)) note_namespace(lower(a.value()));
    uses_4th_ = uses_4th_ || is_4th_edition_feature(e, local);
    if (open_.empty()) {
      saw_root_ = true;
      if (local != "manifest") {
        foreign_ = true;  // nothing more to learn
        return Keep::nothing;
      }
      root_ns_ = lower(kit::namespace_of(e));
      schema_location_ = e.attribute("xsi:schemaLocation").value();
      for (pugi::xml_attribute a : e.attributes())
        if (kit::is_namespace_declaration(a)) root_namespaces_.push_back(a.value());
      return enter(Role::root, Keep::attributes);
    }
    Role parent = open_.back();
    if (parent == Role::root && local == "metadata" && !seen_metadata_) {
      seen_metadata_ = true;
      return enter(Role::metadata, Keep::attributes);
    }
    if (parent == Role::metadata && local == "schemaversion" && !seen_schemaversion_) {
      seen_schemaversion_ = true;
      return enter(Role::schemaversion, Keep::everything);
    }
    return enter(Role::other, Keep::attributes);
  }

  void closed(pugi::xml_node e) override {
    Role role = open_.back();
    open_.pop_back();
    if (role == Role::schemaversion) schemaversion_ = std::string(kit::trim(kit::text_content(e)));
    if (role != Role::root) dom_.drop(e);
  }

  bool finished() const override { return foreign_; }

  Detected result() const;

 private:
  enum class Role : uint8_t { root, metadata, schemaversion, other };

  Keep enter(Role role, Keep keep) {
    open_.push_back(role);
    return keep;
  }

  void note_namespace(const std::string& ns) {
    adlcp_2004_ = adlcp_2004_ || contains(ns, "adlcp_v1p3");
    imsss_ = imsss_ || contains(ns, "imsss");
    adlseq_ = adlseq_ || contains(ns, "adlseq_v1p3");
    adlnav_ = adlnav_ || contains(ns, "adlnav_v1p3");
    adlcp_12_ = adlcp_12_ || contains(ns, "adlcp_rootv1p2");
  }

  static bool is_4th_edition_feature(pugi::xml_node n, std::string_view local) {
    if (local != "data" && local != "map" && local != "objectives" && local != "completionThreshold") return false;
    std::string_view ns = kit::namespace_of(n);
    if (ns == ns_adlcp2004() && (local == "data" || local == "map")) return true;
    if (ns == ns_adlseq() && local == "objectives") return true;
    return ns == ns_adlcp2004() && local == "completionThreshold" &&
           (n.attribute("minProgressMeasure") || n.attribute("completedByMeasure") || n.attribute("progressWeight"));
  }

  PartialDom& dom_;
  std::vector<Role> open_;
  bool saw_root_ = false, foreign_ = false;
  bool seen_metadata_ = false, seen_schemaversion_ = false;
  std::string root_ns_, schemaversion_, schema_location_;
  std::vector<std::string> root_namespaces_;
  bool adlcp_2004_ = false, imsss_ = false, adlseq_ = false, adlnav_ = false, adlcp_12_ = false;
  bool uses_4th_ = false;
};

Detected DetectReader::result() const {
  Detected out;
  if (!saw_root_ || foreign_) return out;
  out.readable = true;
  out.schemaversion = schemaversion_;
  out.schema_location = schema_location_;
  out.root_namespaces = root_namespaces_;
  std::string sv = lower(out.schemaversion);

  bool says_2004 = contains(sv, "2004") || contains(sv, "1.3");
  bool says_12 = sv == "1.2" || contains(sv, "1.2");
  bool ns_2004 = adlcp_2004_ || imsss_ || adlseq_ || adlnav_;
  bool ns_12 = adlcp_12_ || root_ns_ == "http://www.imsproject.org/xsd/imscp_rootv1p1p2";

  // ADL's own namespace is the strongest signal; schemaversion is often copied around.
  if (ns_2004 && !adlcp_12_) out.standard = Standard::scorm2004;
  else if (ns_12 && !ns_2004) out.standard = Standard::scorm12;
  else if (says_2004) out.standard = Standard::scorm2004;
  else if (says_12) out.standard = Standard::scorm12;
  else if (ns_2004) out.standard = Standard::scorm2004;
  else if (contains(root_ns_, "imscp")) out.standard = Standard::scorm12;  // plain IMS CP: the 1.2 rules fit best

  if (out.standard == Standard::scorm2004) {
    out.edition = edition_of_schemaversion(out.schemaversion);
    if (out.edition.empty()) {
      out.edition_assumed = true;
      out.edition = uses_4th_ ? "4th" : "3rd";
    }
  }
  return out;
}

}  // namespace

std::string edition_of_schemaversion(std::string_view schemaversion) {
  std::string v = lower(kit::collapse_whitespace(schemaversion));
  if (contains(v, "4th")) return "4th";
  if (contains(v, "3rd")) return "3rd";
  if (contains(v, "2nd") || v == "cam 1.3" || v == "1.3") return "2nd";
  return "";
}

Detected detect_manifest(const XmlSource& source) {
  PartialDom dom;
  {
    DetectReader reader(dom);
    dom.read_with(reader);
    XmlOutcome outcome = stream_xml(source, dom);
    if (outcome == XmlOutcome::stopped) return {};  // the root is not <manifest>
    if (outcome == XmlOutcome::complete) return reader.result();
  }
  // libxml2 refused the text: pugixml decides, as it always did.
  std::string text = read_all(source);
  pugi::xml_document doc;
  if (!doc.load_buffer(text.data(), text.size(), pugi::parse_default)) return {};
  DetectReader reader(dom);
  dom.read_with(reader);
  walk_element(doc.document_element(), nullptr, dom);
  return reader.result();
}

Detected detect_manifest(std::string_view xml) { return detect_manifest(source_of(xml)); }

}  // namespace trellis::scorm
