// Test importer: a package whose course.json is already a trellis.course/1 model
// (format "coursejson"). It lets the host's pipeline be tested with no real
// package format. A "test_diagnostics" array in course.json is reported as
// given; each launch href must name a file of the package. "test_stream": true
// hands the course over streamed, a node at a time, instead of as one document.
// "test_delay_ms": N makes the import take N ms more (for watching a job run).
#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <thread>

#include "trellis/cpp/plugin.hpp"

namespace {

void check_launches(const nlohmann::json& nodes, const trellis::Package& package, trellis::ImportReport& report) {
  if (!nodes.is_array()) return;
  for (const auto& node : nodes) {
    if (!node.is_object()) continue;
    if (node.value("launchable", false) && node.contains("launch") && node["launch"].is_object()) {
      std::string href = node["launch"].value("href", "");
      std::string file = href.substr(0, href.find('?'));
      if (!node["launch"].value("external", false) && !package.exists(file))
        report.error("coursejson.launch.missing", "launch file '" + file + "' is not in the package", "course.json");
    }
    if (node.contains("children")) check_launches(node["children"], package, report);
  }
}

// The streamed form: the course part, then every node children first (as a
// reader that only knows a node at its end tag sends them), then the resources.
void stream_course(nlohmann::json doc, trellis::ImportReport& report) {
  nlohmann::json nodes = doc.value("nodes", nlohmann::json::array());
  nlohmann::json resources = doc.value("resources", nlohmann::json::array());
  doc.erase("nodes");
  doc.erase("resources");
  report.begin_course(doc.dump());
  int position = 0;
  std::function<void(nlohmann::json&, const std::string&)> walk = [&](nlohmann::json& list, const std::string& parent) {
    for (auto& node : list) {
      node["position"] = position++;
      node["parent"] = parent;
      nlohmann::json children = node.value("children", nlohmann::json::array());
      node.erase("children");
      walk(children, node.value("identifier", ""));
      report.add_node(node.dump());
    }
  };
  walk(nodes, "");
  for (const auto& r : resources) report.add_resource(r.dump());
}

}  // namespace

class CourseJsonImporter : public trellis::Plugin, public trellis::Importer {
 public:
  explicit CourseJsonImporter(trellis::Host) {}
  const char* format() const override { return "coursejson"; }
  int detect(const trellis::Package& package, std::string& what) override {
    if (!package.exists("course.json")) return 0;
    what = "course.json test package";
    return 90;
  }
  void import_package(const trellis::Package& package, const trellis::ImportOptions& options,
                      trellis::ImportReport& report, const trellis::Cancel&) override {
    std::string text = package.read("course.json");
    auto doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
      report.error("coursejson.not-json", "course.json is not a JSON object", "course.json", 1);
      return;
    }
    if (auto diags = doc.find("test_diagnostics"); diags != doc.end() && diags->is_array()) {
      for (const auto& d : *diags)
        report.diagnostic(static_cast<trellis::Severity>(d.value("severity", 1)), d.value("code", "coursejson.test"),
                          d.value("message", ""), d.value("file", ""), d.value("line", 0u));
      doc.erase("test_diagnostics");
    }
    if (auto delay = doc.find("test_delay_ms"); delay != doc.end() && delay->is_number_unsigned()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(delay->get<unsigned>()));
      doc.erase("test_delay_ms");
    }
    if (!options.schema_dir.empty()) report.info("coursejson.schema-dir", "schema folder: " + options.schema_dir);
    if (doc.contains("nodes")) check_launches(doc["nodes"], package, report);
    // "raw_course" lets tests hand the host deliberately malformed models.
    if (auto raw = doc.find("raw_course"); raw != doc.end() && raw->is_string()) {
      report.set_course(raw->get<std::string>());
      return;
    }
    // "raw_parts": streamed calls as given ({"call": "begin|node|resource", "json": "..."}).
    if (auto parts = doc.find("raw_parts"); parts != doc.end() && parts->is_array()) {
      for (const auto& part : *parts) {
        std::string call = part.value("call", ""), json = part.value("json", "");
        if (call == "begin") report.begin_course(json);
        if (call == "node") report.add_node(json);
        if (call == "resource") report.add_resource(json);
      }
      return;
    }
    if (doc.value("test_stream", false)) {
      doc.erase("test_stream");
      stream_course(std::move(doc), report);
      return;
    }
    report.set_course(doc.dump());
  }
};

TRELLIS_PLUGIN(CourseJsonImporter, "course-json-importer", "1.0.0")
