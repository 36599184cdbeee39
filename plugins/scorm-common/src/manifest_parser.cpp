#include "manifest_parser.hpp"

#include <pugixml.hpp>

#include <stdexcept>

#include "dom_walk.hpp"
#include "manifest_passes.hpp"
#include "manifest_rules.hpp"
#include "partial_dom.hpp"
#include "trellis/import_kit/line_index.hpp"
#include "trellis/import_kit/text.hpp"
#include "trellis/import_kit/xml_load.hpp"
#include "xml_stream.hpp"

namespace trellis::scorm {
namespace {

// Feeds one pass of the document to a handler.
using Read = std::function<XmlOutcome(XmlHandler& handler)>;

// The survey and, for a manifest, the emit pass. nullopt when the first read was
// not complete (refused); else whether a course went out.
std::optional<bool> read_manifest(const ManifestInput& in, const Read& read, CourseOutput& out,
                                  kit::Findings& findings, std::vector<kit::Findings>& other_files) {
  PartialDom dom;
  ManifestRules rules(in, dom, findings.file());
  SurveyPass survey(in, rules, dom);
  dom.read_with(survey);
  if (read(dom) != XmlOutcome::complete) return std::nullopt;
  bool course = survey.root_is_manifest();
  if (!course) {
    rules.begin(Phase::root);
    rules.findings().error("scorm.manifest.root", "The root element of imsmanifest.xml must be <manifest>.",
                           survey.root_line());
    rules.end();
  } else {
    out.header(std::move(survey.header()));
    EmitPass emit(rules, dom, out, survey.default_resolves());
    dom.read_with(emit);
    // The same bytes again: only a package changing under the reader gets here.
    if (read(dom) != XmlOutcome::complete)
      throw std::runtime_error("imsmanifest.xml read differently the second time");
  }
  rules.finish(findings, other_files);
  return course;
}

}  // namespace

ManifestResult parse_manifest(const ManifestInput& in, CourseOutput& out, kit::Findings& findings) {
  ManifestResult result;
  Read streamed = [&](XmlHandler& handler) { return stream_xml(in.source, handler); };
  if (std::optional<bool> course = read_manifest(in, streamed, out, findings, result.other_files)) {
    result.course = *course;
    result.streamed = true;
    return result;
  }
  // libxml2 would not stream it (a DOCTYPE, text that is not well-formed to
  // libxml2, a parser limit). pugixml reads it in memory as it always did, so
  // such a manifest gets exactly the diagnostics (and course) it used to.
  std::string text = read_all(in.source);
  std::string_view xml = kit::without_bom(text);
  kit::LineIndex lines(xml);
  pugi::xml_document doc;
  if (!kit::load_manifest(doc, xml, lines, "scorm", "imsmanifest.xml", findings)) return result;
  Read in_memory = [&](XmlHandler& handler) {
    walk_element(doc.document_element(), &lines, handler);
    return XmlOutcome::complete;
  };
  result.course = read_manifest(in, in_memory, out, findings, result.other_files).value_or(false);
  return result;
}

ManifestDocument parse_manifest_document(const ManifestInput& input, kit::Findings& findings) {
  CourseDocument document;
  ManifestResult result = parse_manifest(input, document, findings);
  ManifestDocument out;
  if (result.course) out.course = document.take();
  out.other_files = std::move(result.other_files);
  return out;
}

}  // namespace trellis::scorm
