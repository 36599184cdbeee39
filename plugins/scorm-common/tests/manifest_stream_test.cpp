// The streaming manifest reader directly: the same course and findings whatever
// the pieces the text arrives in, manifests libxml2 refuses read in memory as
// before, lines of start tags over several lines, text as pugixml keeps it, and
// the course handed over node by node.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "manifest_parser.hpp"
#include "scorm_detect.hpp"

using namespace trellis::scorm;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

const char* kNs12 =
    "xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\" xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\"";

std::string manifest12(const std::string& organizations, const std::string& resources) {
  return std::string("<?xml version=\"1.0\"?>\n<manifest identifier=\"m1\" version=\"1\" ") + kNs12 +
         ">\n<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>\n" + organizations +
         "\n<resources>" + resources + "</resources>\n</manifest>\n";
}

std::string org(const std::string& items) {
  return "<organizations default=\"org\"><organization identifier=\"org\"><title>Course</title>" + items +
         "</organization></organizations>";
}

const std::string sco = "<resource identifier=\"r1\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"a.html\"/>";

struct Parsed {
  std::optional<nlohmann::json> course;
  std::vector<std::string> findings;  // "code line message"
  bool streamed = false;
};

Parsed parse(const std::string& xml, size_t piece_size = 4096, Standard standard = Standard::scorm12) {
  XmlSource source = source_of(xml, piece_size);
  Detected d = detect_manifest(source);
  ManifestInput in;
  in.source = source;
  in.standard = standard;
  in.edition = d.edition;
  in.edition_assumed = d.edition_assumed;
  in.schemaversion = d.schemaversion;
  in.exists = [](const std::string& p) { return p == "a.html"; };
  trellis::kit::Findings findings("imsmanifest.xml");
  CourseDocument document;
  ManifestResult result = parse_manifest(in, document, findings);
  Parsed out;
  if (result.course) out.course = document.take();
  out.streamed = result.streamed;
  for (const auto& f : findings.list()) out.findings.push_back(f.code + " " + std::to_string(f.line) + " " + f.message);
  return out;
}

const trellis::kit::Finding* find(const trellis::kit::Findings& findings, const std::string& code) {
  for (const auto& f : findings.list())
    if (f.code == code) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("A manifest reads the same in pieces of any size", "[scorm][stream]") {
  std::vector<fs::path> manifests;
  for (const auto& e : fs::directory_iterator(fs::path(TRELLIS_SOURCE_DIR) / "plugins/scorm-common/fuzz/seeds"))
    manifests.push_back(e.path());
  for (const char* sample : {"scorm12-workplace-safety", "scorm2004-fire-and-emergency"})
    manifests.push_back(fs::path(TRELLIS_SOURCE_DIR) / "packages" / sample / "imsmanifest.xml");
  for (const fs::path& path : manifests) {
    INFO(path);
    std::string xml = slurp(path);
    REQUIRE(!xml.empty());
    Standard standard = detect_manifest(xml).standard;
    CHECK(standard != Standard::none);
    Parsed whole = parse(xml, xml.size(), standard);
    REQUIRE(whole.course);
    CHECK(whole.streamed);
    for (size_t piece : {size_t{1}, size_t{2}, size_t{7}, size_t{100}, size_t{4096}}) {
      INFO("piece size " << piece);
      Parsed pieces = parse(xml, piece, standard);
      CHECK(pieces.course == whole.course);
      CHECK(pieces.findings == whole.findings);
    }
  }
}

TEST_CASE("A manifest libxml2 will not read is read in memory, as it always was", "[scorm][stream]") {
  // pugixml keeps an undefined entity and a bare '&' as text, and invalid UTF-8 as bytes.
  for (const std::string title : {"Fire &nbsp; safety", "Fire & safety", "Caf\x9f"}) {
    INFO(title);
    std::string items = "<item identifier=\"i1\" identifierref=\"r1\"><title>" + title + "</title></item>";
    Parsed out = parse(manifest12(org(items), sco));
    REQUIRE(out.course);
    CHECK_FALSE(out.streamed);
    CHECK((*out.course)["nodes"][0]["children"][0]["title"] == title);
    CHECK(out.findings.empty());
  }
  Parsed doctype = parse("<?xml version=\"1.0\"?>\n<!DOCTYPE manifest [<!ENTITY a \"aaaa\">]>\n<manifest/>");
  CHECK_FALSE(doctype.course);
  REQUIRE(doctype.findings.size() == 1);
  CHECK(doctype.findings[0].rfind("scorm.xml.doctype 2 ", 0) == 0);
  Parsed broken = parse("<manifest>\n<oops>\n</manifest>");
  CHECK_FALSE(broken.course);
  REQUIRE(broken.findings.size() == 1);
  CHECK(broken.findings[0].rfind("scorm.xml.malformed ", 0) == 0);
}

TEST_CASE("Findings point at the line of a start tag's '<', however many lines it spans", "[scorm][stream]") {
  std::string items = "<item\n  identifier=\"i1\"\n  identifierref=\"nope\"\n><title>One</title></item>";
  std::string xml = manifest12(org(items), sco);
  XmlSource source = source_of(xml);
  ManifestInput in;
  in.source = source;
  in.schemaversion = "1.2";
  trellis::kit::Findings findings("imsmanifest.xml");
  ManifestDocument out = parse_manifest_document(in, findings);
  REQUIRE(out.course);
  const trellis::kit::Finding* f = find(findings, "scorm.identifierref.unresolved");
  REQUIRE(f);
  CHECK(f->line == 4);  // the <organizations> line, where "<item" is
}

TEST_CASE("Text and attribute values read as pugixml reads them", "[scorm][stream]") {
  // Whitespace written as a character reference is text; whitespace between markup is not.
  std::string items = "<item identifier=\"a&amp;b&#38;c\" identifierref=\"r1\"><title>A<!-- x -->&#32;<!-- y -->B"
                      "<![CDATA[ C ]]> <?pi?> </title></item>";
  Parsed out = parse(manifest12(org(items), sco));
  REQUIRE(out.course);
  CHECK(out.streamed);
  const nlohmann::json& item = (*out.course)["nodes"][0]["children"][0];
  CHECK(item["identifier"] == "a&b&c");
  CHECK(item["title"] == "A B C");
}

TEST_CASE("Nodes go out when their end tag arrives, with their parent and pre-order position", "[scorm][stream]") {
  struct Recorder final : CourseOutput {
    std::vector<nlohmann::json> nodes;
    std::vector<int64_t> parents;
    int resources = 0;
    bool header_first = false;
    void header(nlohmann::json) override { header_first = nodes.empty() && resources == 0; }
    void node(nlohmann::json node, int64_t parent) override {
      nodes.push_back(std::move(node));
      parents.push_back(parent);
    }
    void resource(nlohmann::json) override { ++resources; }
  } out;
  std::string items = "<item identifier=\"p\"><title>P</title><item identifier=\"c1\" identifierref=\"r1\">"
                      "<title>C1</title></item><item identifier=\"c2\" identifierref=\"r1\"><title>C2</title></item>"
                      "</item><item identifier=\"q\" identifierref=\"r1\"><title>Q</title></item>";
  std::string xml = manifest12(org(items), sco);
  XmlSource source = source_of(xml);
  ManifestInput in;
  in.source = source;
  in.schemaversion = "1.2";
  trellis::kit::Findings findings("imsmanifest.xml");
  ManifestResult result = parse_manifest(in, out, findings);
  REQUIRE(result.course);
  CHECK(out.header_first);
  CHECK(out.resources == 1);
  std::vector<std::string> order;
  for (const auto& n : out.nodes)
    order.push_back(n["identifier"].get<std::string>() + "@" + std::to_string(n["position"].get<int>()) + "<" +
                    n["parent"].get<std::string>());
  CHECK(order == std::vector<std::string>{"c1@2<p", "c2@3<p", "p@1<org", "q@4<org", "org@0<"});
  CHECK(out.parents == std::vector<int64_t>{1, 1, 0, 0, -1});
  for (const auto& n : out.nodes) CHECK_FALSE(n.contains("children"));

  CourseDocument document;
  for (size_t i = 0; i < out.nodes.size(); ++i) document.node(out.nodes[i], out.parents[i]);
  document.header(nlohmann::json::object());
  std::optional<nlohmann::json> course = document.take();
  REQUIRE(course);
  const nlohmann::json& top = (*course)["nodes"];
  REQUIRE(top.size() == 1);
  CHECK_FALSE(top[0].contains("position"));
  CHECK_FALSE(top[0].contains("parent"));
  REQUIRE(top[0]["children"].size() == 2);
  CHECK(top[0]["children"][0]["identifier"] == "p");
  CHECK(top[0]["children"][0]["children"][1]["identifier"] == "c2");
  CHECK(top[0]["children"][1]["children"] == nlohmann::json::array());
}

TEST_CASE("Detection streams, and stops at a root that is no manifest", "[scorm][stream]") {
  size_t pieces = 0;
  std::string foreign = "<courseStructure>" + std::string(100000, ' ') + "</courseStructure>";
  XmlSource counting = [&](const XmlPiece& piece) {
    for (size_t at = 0; at < foreign.size(); at += 1000) {
      ++pieces;
      if (!piece(std::string_view(foreign).substr(at, 1000))) return;
    }
  };
  CHECK_FALSE(detect_manifest(counting).readable);
  CHECK(pieces == 1);
  Detected d = detect_manifest(manifest12(org(""), sco));
  CHECK(d.readable);
  CHECK(d.root_namespaces ==
        std::vector<std::string>{"http://www.imsproject.org/xsd/imscp_rootv1p1p2", "http://www.adlnet.org/xsd/adlcp_rootv1p2"});
}
