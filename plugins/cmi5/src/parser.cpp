#include "parser.hpp"

#include <pugixml.hpp>

#include <cstring>
#include <initializer_list>
#include <string>

#include "trellis/import_kit/line_index.hpp"
#include "trellis/import_kit/text.hpp"
#include "trellis/import_kit/xml_load.hpp"
#include "trellis/import_kit/xml_ns.hpp"

namespace trellis::cmi5 {
namespace {

using kit::Findings;
constexpr int kMaxBlockDepth = 64;
constexpr const char* kXsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

enum class Origin { cmi5, foreign, none };

// One step of an XSD sequence: element names it accepts and how often.
struct Step {
  const char* names[2];  // one or two (a choice); unused ones are null
  int min = 1;
  int max = 1;  // -1: unbounded
};

class Reader {
 public:
  Reader(std::string_view xml, Findings& findings) : lines_(xml), findings_(findings) {}

  uint32_t line(pugi::xml_node n) const { return lines_.line_of(n.offset_debug()); }

  Origin origin(pugi::xml_node element) const {
    std::string_view ns = kit::namespace_of(element);
    if (ns == kNamespace) return Origin::cmi5;
    return ns.empty() ? Origin::none : Origin::foreign;
  }

  // Walks the element children of `parent` against `steps` followed by any number
  // of elements from other namespaces (XSD: the anyElement group). Calls `take`
  // with each accepted cmi5 child and its step index; keeps foreign ones in `ext`.
  template <typename Take>
  void sequence(pugi::xml_node parent, std::initializer_list<Step> steps, Extensions* ext, Take&& take) {
    std::vector<int> counts(steps.size(), 0);
    size_t at = 0;
    bool trailing = false;  // once an extension element appeared, only more may follow
    const std::string where = describe(parent);
    for (pugi::xml_node child : parent.children()) {
      if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        if (!kit::trim(child.value()).empty())
          findings_.error("cmi5.xml.unexpected-text", "Text is not allowed directly inside " + where +
                                                          " (CourseStructure.xsd: element-only content).",
                          line(parent));
        continue;
      }
      if (child.type() != pugi::node_element) continue;
      Origin o = origin(child);
      if (o == Origin::foreign) {
        trailing = true;
        if (ext) ext->elements.push_back(kit::opaque_xml(child));
        continue;
      }
      std::string_view name = kit::local_name(child.name());
      if (o == Origin::none) {
        findings_.error("cmi5.xml.unexpected-element",
                        "Element <" + std::string(child.name()) + "> inside " + where +
                            " has no namespace; cmi5 elements belong to " + kNamespace +
                            " and extensions to another namespace.",
                        line(child));
        continue;
      }
      size_t found = at;
      auto step_at = [&](size_t i) { return *(steps.begin() + i); };
      auto accepts = [&](size_t i) {
        for (const char* n : step_at(i).names)
          if (n && name == n) return true;
        return false;
      };
      while (found < steps.size() && !(accepts(found) && (step_at(found).max < 0 || counts[found] < step_at(found).max)))
        ++found;
      if (trailing || found == steps.size()) {
        findings_.error("cmi5.xml.unexpected-element",
                        "Element <" + std::string(name) + "> is not allowed here inside " + where +
                            (trailing ? " (extension elements must come after the cmi5 elements)"
                                      : " (CourseStructure.xsd fixes which elements appear and in what order)") +
                            ".",
                        line(child));
        continue;
      }
      for (size_t skipped = at; skipped < found; ++skipped) missing(parent, step_at(skipped), counts[skipped]);
      at = found;
      ++counts[at];
      take(child, at);
    }
    for (size_t rest = at; rest < steps.size(); ++rest) missing(parent, *(steps.begin() + rest), counts[rest]);
  }

  void missing(pugi::xml_node parent, const Step& step, int count) {
    if (count >= step.min) return;
    std::string names;
    for (const char* n : step.names)
      if (n) names += (names.empty() ? "<" : " or <") + std::string(n) + ">";
    findings_.error("cmi5.xml.missing-element",
                    describe(parent) + " needs " + names + " (CourseStructure.xsd).", line(parent));
  }

  // Checks attributes: `allowed` ones are handed to `take`; attributes in other
  // namespaces go to `ext` when the XSD allows them (anyAttribute), else are errors.
  template <typename Take>
  void attributes(pugi::xml_node element, std::initializer_list<const char*> allowed, Extensions* ext, Take&& take) {
    for (pugi::xml_attribute a : element.attributes()) {
      if (kit::is_namespace_declaration(a)) continue;
      std::string_view ns = kit::namespace_of(a, element);
      if (ns == kXsiNamespace) continue;
      if (ns.empty()) {
        bool known = false;
        for (const char* n : allowed) known = known || std::strcmp(a.name(), n) == 0;
        if (known) {
          take(a);
          continue;
        }
      } else if (ns != kNamespace && ext) {
        ext->attributes.emplace_back("{" + std::string(ns) + "}" + std::string(kit::local_name(a.name())), a.value());
        continue;
      }
      findings_.error("cmi5.xml.unexpected-attribute",
                      "Attribute '" + std::string(a.name()) + "' is not allowed on " + describe(element) +
                          " (CourseStructure.xsd).",
                      line(element));
    }
  }

  std::string required_id(pugi::xml_node element, const char* attribute = "id") {
    pugi::xml_attribute a = element.attribute(attribute);
    if (!a)
      findings_.error("cmi5.xml.missing-attribute",
                      describe(element) + " needs the attribute '" + attribute + "' (CourseStructure.xsd).",
                      line(element));
    return std::string(kit::trim(a.value()));
  }

  // A textType; its extension elements and attributes are kept with `owner`'s.
  LangText text(pugi::xml_node element, Extensions& owner) {
    LangText out;
    attributes(element, {}, &owner, [](pugi::xml_attribute) {});
    sequence(element, {{{"langstring"}, 1, -1}}, &owner, [&](pugi::xml_node ls, size_t) {
      std::string lang = "und";
      attributes(ls, {"lang"}, &owner, [&](pugi::xml_attribute a) {
        std::string_view value = kit::trim(a.value());
        if (!kit::is_language_tag(value))
          findings_.error("cmi5.langstring.lang.invalid",
                          "The language '" + std::string(a.value()) + "' of a langstring in " + describe(element) +
                              " is not a language tag (xs:language, e.g. en-US).",
                          line(ls));
        lang = std::string(value);
      });
      std::string value;
      for (pugi::xml_node c : ls.children()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) value += c.value();
        if (c.type() == pugi::node_element)
          findings_.error("cmi5.xml.unexpected-element", "A langstring holds text only, not <" + std::string(c.name()) + ">.",
                          line(c));
      }
      for (const auto& [existing, _] : out.strings)
        if (existing == lang)
          findings_.warning("cmi5.langstring.duplicate-language",
                            describe(element) + " gives the language '" + lang + "' twice; the first one is used.",
                            line(ls));
      out.strings.emplace_back(lang, kit::collapse_whitespace(value));
    });
    return out;
  }

  std::vector<ObjectiveRef> objective_refs(pugi::xml_node element, Extensions& ext) {
    std::vector<ObjectiveRef> refs;
    attributes(element, {}, &ext, [](pugi::xml_attribute) {});
    sequence(element, {{{"objective"}, 1, -1}}, &ext, [&](pugi::xml_node o, size_t) {
      ObjectiveRef ref;
      ref.line = line(o);
      attributes(o, {"idref"}, nullptr, [&](pugi::xml_attribute a) {
        ref.idref = std::string(kit::trim(a.value()));
        ref.has_idref = true;
      });
      for (pugi::xml_node c : o.children())
        if (c.type() == pugi::node_element || !kit::trim(c.value()).empty())
          findings_.error("cmi5.xml.unexpected-element", "An objective reference is empty: it only has an idref.",
                          line(o));
      refs.push_back(std::move(ref));
    });
    return refs;
  }

  Node au(pugi::xml_node element) {
    Node n;
    n.kind = Node::Kind::au;
    n.line = line(element);
    n.id = required_id(element);
    attributes(element, {"id", "moveOn", "masteryScore", "launchMethod", "activityType"}, &n.extensions,
               [&](pugi::xml_attribute a) {
                 std::string_view name = a.name();
                 if (name == "moveOn") n.move_on = a.value();
                 if (name == "launchMethod") n.launch_method = a.value();
                 if (name == "masteryScore") n.mastery_score_text = a.value();
                 if (name == "activityType") n.activity_type = a.value();
               });
    bool has_url = false;
    sequence(element,
             {{{"title"}}, {{"description"}}, {{"objectives"}, 0}, {{"url"}}, {{"launchParameters"}, 0},
              {{"entitlementKey"}, 0}},
             &n.extensions, [&](pugi::xml_node c, size_t step) {
               switch (step) {
                 case 0: n.title = text(c, n.extensions); break;
                 case 1: n.description = text(c, n.extensions); break;
                 case 2: n.objectives = objective_refs(c, n.extensions); break;
                 case 3:
                   has_url = true;
                   n.url = std::string(kit::trim(kit::text_content(c)));
                   n.url_line = line(c);
                   break;
                 case 4: n.launch_parameters = std::string(kit::trim(kit::text_content(c))); break;
                 default: n.entitlement_key = std::string(kit::trim(kit::text_content(c))); break;
               }
             });
    if (!has_url) n.url_line = n.line;
    return n;
  }

  Node block(pugi::xml_node element, int depth) {
    Node n;
    n.kind = Node::Kind::block;
    n.line = line(element);
    n.id = required_id(element);
    attributes(element, {"id"}, &n.extensions, [](pugi::xml_attribute) {});
    if (depth > kMaxBlockDepth) {
      findings_.error("cmi5.block.too-deep", "Blocks are nested more than " + std::to_string(kMaxBlockDepth) +
                                                 " levels deep; Trellis does not read deeper structures.",
                      n.line);
      return n;
    }
    sequence(element, {{{"title"}}, {{"description"}}, {{"objectives"}, 0}, {{"au", "block"}, 1, -1}},
             &n.extensions, [&](pugi::xml_node c, size_t step) {
               switch (step) {
                 case 0: n.title = text(c, n.extensions); break;
                 case 1: n.description = text(c, n.extensions); break;
                 case 2: n.objectives = objective_refs(c, n.extensions); break;
                 default: n.children.push_back(member(c, depth)); break;
               }
             });
    return n;
  }

  Node member(pugi::xml_node element, int depth) {
    return kit::local_name(element.name()) == "au" ? au(element) : block(element, depth + 1);
  }

  std::vector<Objective> objectives(pugi::xml_node element, Extensions& ext) {
    std::vector<Objective> out;
    attributes(element, {}, &ext, [](pugi::xml_attribute) {});
    sequence(element, {{{"objective"}, 1, -1}}, &ext, [&](pugi::xml_node o, size_t) {
      Objective obj;
      obj.line = line(o);
      obj.id = required_id(o);
      attributes(o, {"id"}, nullptr, [](pugi::xml_attribute) {});
      // xs:all: title and description once each, in either order, nothing else.
      int titles = 0, descriptions = 0;
      for (pugi::xml_node c : o.children()) {
        if (c.type() != pugi::node_element) continue;
        std::string_view name = kit::local_name(c.name());
        if (origin(c) == Origin::cmi5 && name == "title" && titles++ == 0) {
          obj.title = text(c, ext);
        } else if (origin(c) == Origin::cmi5 && name == "description" && descriptions++ == 0) {
          obj.description = text(c, ext);
        } else {
          findings_.error("cmi5.xml.unexpected-element",
                          "Element <" + std::string(c.name()) +
                              "> is not allowed in an objective: it holds one <title> and one <description>.",
                          line(c));
        }
      }
      if (titles == 0 || descriptions == 0)
        findings_.error("cmi5.xml.missing-element",
                        "The objective '" + obj.id + "' needs a <title> and a <description> (CourseStructure.xsd).",
                        obj.line);
      out.push_back(std::move(obj));
    });
    return out;
  }

  CourseStructure course_structure(pugi::xml_node root) {
    CourseStructure cs;
    attributes(root, {}, &cs.extensions, [](pugi::xml_attribute) {});
    bool has_course = false;
    sequence(root, {{{"course"}}, {{"objectives"}, 0}, {{"au", "block"}, 1, -1}}, &cs.extensions,
             [&](pugi::xml_node c, size_t step) {
               if (step == 0) {
                 has_course = true;
                 cs.line = line(c);
                 cs.id = required_id(c);
                 attributes(c, {"id"}, &cs.course_extensions, [](pugi::xml_attribute) {});
                 sequence(c, {{{"title"}}, {{"description"}}}, &cs.course_extensions,
                          [&](pugi::xml_node t, size_t s) { (s == 0 ? cs.title : cs.description) = text(t, cs.course_extensions); });
               } else if (step == 1) {
                 cs.objectives = objectives(c, cs.extensions);
               } else {
                 cs.nodes.push_back(member(c, 0));
               }
             });
    if (!has_course) cs.line = line(root);
    return cs;
  }

  static std::string describe(pugi::xml_node element) {
    std::string name(kit::local_name(element.name()));
    std::string_view id = element.attribute("id").value();
    return "<" + name + ">" + (id.empty() ? std::string() : " '" + std::string(id) + "'");
  }

 private:
  kit::LineIndex lines_;
  Findings& findings_;
};

}  // namespace

std::optional<CourseStructure> parse_course_structure(std::string_view xml, kit::Findings& findings) {
  pugi::xml_document doc;
  kit::LineIndex lines(xml);
  if (!kit::load_manifest(doc, xml, lines, "cmi5", "The course structure", findings)) return std::nullopt;
  pugi::xml_node root = doc.document_element();
  std::string_view ns = kit::namespace_of(root);
  if (kit::local_name(root.name()) != "courseStructure" || ns != kNamespace) {
    findings.error("cmi5.xml.root",
                   "The root element is <" + std::string(root.name()) + ">" +
                       (ns.empty() ? std::string() : " in namespace " + std::string(ns)) +
                       "; a cmi5 course structure is <courseStructure> in namespace " + kNamespace + ".",
                   lines.line_of(root.offset_debug()));
    return std::nullopt;
  }
  Reader reader(xml, findings);
  return reader.course_structure(root);
}

bool looks_like_course_structure(std::string_view xml) {
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size(), pugi::parse_default)) return false;
  pugi::xml_node root = doc.document_element();
  return kit::local_name(root.name()) == "courseStructure" && kit::namespace_of(root) == kNamespace;
}

}  // namespace trellis::cmi5
