#include "reader.hpp"

#include <pugixml.hpp>

#include "trellis/import_kit/line_index.hpp"
#include "trellis/import_kit/text.hpp"
#include "trellis/import_kit/xml_load.hpp"
#include "trellis/import_kit/xml_ns.hpp"

namespace trellis::xapi {
namespace {

using kit::local_name;

class Reader {
 public:
  Reader(std::string_view xml, kit::Findings& findings) : lines_(xml), findings_(findings) {}

  uint32_t line(pugi::xml_node n) const { return lines_.line_of(n.offset_debug()); }

  std::string lang_of(pugi::xml_node n) {
    pugi::xml_attribute a = n.attribute("lang");
    if (!a) a = n.attribute("xml:lang");
    std::string lang(kit::trim(a.value()));
    // lms_lrs.md: an unknown language is left blank, so "" is fine.
    if (!lang.empty() && !kit::is_language_tag(lang))
      findings_.warning("xapi.lang.invalid", "The language '" + lang + "' on <" + std::string(local_name(n.name())) +
                                                 "> is not a language tag (e.g. en-US); it is kept as given.",
                        line(n));
    return lang;
  }

  Activity activity(pugi::xml_node node) {
    Activity a;
    a.line = line(node);
    a.id = std::string(kit::trim(node.attribute("id").value()));
    a.type = std::string(kit::trim(node.attribute("type").value()));
    if (!node.attribute("id"))
      findings_.error("xapi.activity.id.missing", "An <activity> has no id attribute; every activity needs an IRI id.",
                      a.line);
    for (pugi::xml_node c : node.children()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view name = local_name(c.name());
      if (name == "name") {
        a.names.emplace_back(lang_of(c), kit::collapse_whitespace(kit::text_content(c)));
      } else if (name == "description") {
        a.descriptions.emplace_back(lang_of(c), kit::collapse_whitespace(kit::text_content(c)));
      } else if (name == "launch" || name == "resource") {
        Link link{lang_of(c), std::string(kit::trim(kit::text_content(c))), line(c), {}, false};
        (name == "launch" ? a.launches : a.resources).push_back(std::move(link));
      } else if (name == "interactionType") {
        a.interaction_type = std::string(kit::trim(kit::text_content(c)));
      } else if (name == "correctResponsePatterns" || name == "choices" || name == "scale" || name == "source" ||
                 name == "target" || name == "steps" || name == "extensions") {
        a.definition_xml.push_back(kit::opaque_xml(c));
      } else {
        findings_.warning("xapi.xml.unknown-element",
                          "<" + std::string(c.name()) + "> is not part of a TinCan activity definition; it is ignored.",
                          line(c));
      }
    }
    return a;
  }

  TinCan tincan(pugi::xml_node root) {
    TinCan t;
    for (pugi::xml_node c : root.children()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view name = local_name(c.name());
      if (name == "activities") {
        for (pugi::xml_node a : c.children()) {
          if (a.type() != pugi::node_element) continue;
          if (local_name(a.name()) == "activity")
            t.activities.push_back(activity(a));
          else
            findings_.warning("xapi.xml.unknown-element",
                              "<" + std::string(a.name()) + "> inside <activities> is not an activity; it is ignored.",
                              line(a));
        }
      } else if (name == "provider") {
        // The provider's secret and public key are credentials: never copied into the course.
        t.provider.present = true;
        t.provider.name = kit::collapse_whitespace(kit::text_content(c.child("name")));
        t.provider.id = std::string(kit::trim(kit::text_content(c.child("id"))));
        t.provider.info = std::string(kit::trim(kit::text_content(c.child("info"))));
      } else {
        findings_.warning("xapi.xml.unknown-element",
                          "<" + std::string(c.name()) + "> is not part of tincan.xml; it is ignored.", line(c));
      }
    }
    return t;
  }

 private:
  kit::LineIndex lines_;
  kit::Findings& findings_;
};

}  // namespace

std::optional<TinCan> read_tincan(std::string_view xml, kit::Findings& findings) {
  pugi::xml_document doc;
  kit::LineIndex lines(xml);
  if (!kit::load_manifest(doc, xml, lines, "xapi", "tincan.xml", findings)) return std::nullopt;
  pugi::xml_node root = doc.document_element();
  if (local_name(root.name()) != "tincan") {
    findings.error("xapi.xml.root", "The root element of tincan.xml is <" + std::string(root.name()) +
                                        ">; a TinCan package description is <tincan>.",
                   lines.line_of(root.offset_debug()));
    return std::nullopt;
  }
  if (kit::namespace_of(root) != kNamespace)
    findings.warning("xapi.xml.namespace",
                     "<tincan> is not in the namespace " + std::string(kNamespace) + "; it was read all the same.",
                     lines.line_of(root.offset_debug()));
  return Reader(xml, findings).tincan(root);
}

bool looks_like_tincan(std::string_view xml) {
  pugi::xml_document doc;
  return doc.load_buffer(xml.data(), xml.size(), pugi::parse_default) &&
         local_name(doc.document_element().name()) == "tincan";
}

}  // namespace trellis::xapi
