#include "rules.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "trellis/import_kit/iri.hpp"
#include "trellis/import_kit/text.hpp"

namespace trellis::cmi5 {
namespace {

using kit::Findings;

// cmi5 (Content Launch): the LMS appends these to the AU url, so the url must not carry them.
constexpr std::array<const char*, 5> kLaunchParameters = {"endpoint", "fetch", "actor", "registration", "activityId"};
constexpr std::array<const char*, 5> kMoveOn = {"NotApplicable", "Passed", "Completed", "CompletedAndPassed",
                                                "CompletedOrPassed"};
constexpr std::array<const char*, 2> kLaunchMethod = {"AnyWindow", "OwnWindow"};

template <size_t N>
bool one_of(const std::string& value, const std::array<const char*, N>& allowed) {
  return std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return value == a; });
}

template <size_t N>
std::string listed(const std::array<const char*, N>& allowed) {
  std::string out;
  for (const char* a : allowed) out += (out.empty() ? "" : ", ") + std::string(a);
  return out;
}

class Rules {
 public:
  Rules(const kit::PackageFiles& files, bool structure_only, Findings& findings)
      : files_(files), structure_only_(structure_only), findings_(findings) {}

  void run(CourseStructure& course) {
    check_id("course", course.id, course.line);
    for (const Objective& o : course.objectives) {
      check_id("objective", o.id, o.line);
      objective_ids_.insert(o.id);
    }
    for (Node& n : course.nodes) node(n);
  }

 private:
  void check_id(const char* kind, const std::string& id, uint32_t line) {
    if (id.empty()) return;  // the parser already reported the missing attribute
    if (!kit::is_absolute_iri(id))
      findings_.error(std::string("cmi5.") + kind + ".id.not-iri",
                      std::string("The ") + kind + " id '" + id +
                          "' is not an IRI; cmi5 ids must be absolute IRIs with a scheme (e.g. https://...).",
                      line);
    auto [it, fresh] = seen_.emplace(id, Seen{kind, line});
    if (!fresh)
      findings_.error("cmi5.id.duplicate",
                      std::string("The ") + kind + " id '" + id + "' is already used by the " + it->second.kind +
                          " on line " + std::to_string(it->second.line) +
                          "; ids must be unique within a course structure.",
                      line);
  }

  void node(Node& n) {
    check_id(n.kind == Node::Kind::au ? "au" : "block", n.id, n.line);
    for (const ObjectiveRef& ref : n.objectives) {
      if (!ref.has_idref)
        findings_.error("cmi5.objective.idref.missing",
                        "An objective reference in '" + n.id + "' has no idref; it must name a course objective.",
                        ref.line);
      else if (!objective_ids_.count(ref.idref))
        findings_.error("cmi5.objective.unresolved",
                        "The objective reference '" + ref.idref + "' in '" + n.id +
                            "' names no objective declared in the course's <objectives>.",
                        ref.line);
    }
    if (n.kind == Node::Kind::au) au(n);
    for (Node& child : n.children) node(child);
  }

  void au(Node& n) {
    if (!one_of(n.move_on, kMoveOn))
      findings_.error("cmi5.au.moveOn.invalid",
                      "The AU '" + n.id + "' has moveOn='" + n.move_on + "'; it must be one of " + listed(kMoveOn) + ".",
                      n.line);
    if (!one_of(n.launch_method, kLaunchMethod))
      findings_.error("cmi5.au.launchMethod.invalid",
                      "The AU '" + n.id + "' has launchMethod='" + n.launch_method + "'; it must be one of " +
                          listed(kLaunchMethod) + ".",
                      n.line);
    if (n.mastery_score_text) {
      double value = 0;
      if (!kit::parse_decimal(*n.mastery_score_text, value))
        findings_.error("cmi5.au.masteryScore.invalid",
                        "The AU '" + n.id + "' has masteryScore='" + *n.mastery_score_text +
                            "', which is not a decimal number.",
                        n.line);
      else if (value < 0 || value > 1)
        findings_.error("cmi5.au.masteryScore.out-of-range",
                        "The AU '" + n.id + "' has masteryScore=" + std::string(kit::trim(*n.mastery_score_text)) +
                            "; it must be between 0 and 1 inclusive.",
                        n.line);
      else
        n.mastery_score = value;
    }
    if (n.activity_type && !kit::is_absolute_iri(kit::trim(*n.activity_type)))
      findings_.warning("cmi5.au.activityType.not-iri",
                        "The AU '" + n.id + "' has activityType '" + *n.activity_type +
                            "', which is not an IRI; xAPI activity types are IRIs.",
                        n.line);
    url(n);
  }

  void url(Node& n) {
    const std::string& url = n.url;
    uint32_t line = n.url_line;
    if (url.empty()) {
      findings_.error("cmi5.au.url.empty", "The AU '" + n.id + "' has an empty <url>; every AU needs one.", line);
      return;
    }
    if (!kit::is_iri_reference(url)) {
      findings_.error("cmi5.au.url.invalid",
                      "The AU '" + n.id + "' has the url '" + url +
                          "', which is not a valid URL (spaces, control characters or bad %-escapes).",
                      line);
      return;
    }
    kit::UrlParts parts = kit::split_url(url);
    for (const std::string& name : kit::query_parameter_names(parts.query))
      if (one_of(name, kLaunchParameters))
        findings_.error("cmi5.au.url.reserved-parameter",
                        "The AU '" + n.id + "' url uses the query parameter '" + name +
                            "', which the LMS adds at launch (" + listed(kLaunchParameters) + " are reserved).",
                        line);
    if (!parts.scheme.empty()) {
      n.launch_external = true;
      n.launch_href = url;
      if (parts.scheme != "http" && parts.scheme != "https")
        findings_.warning("cmi5.au.url.scheme",
                          "The AU '" + n.id + "' url uses the scheme '" + std::string(parts.scheme) +
                              "'; browsers launch AUs over http or https.",
                          line);
      return;
    }
    if (structure_only_) {
      findings_.error("cmi5.au.url.relative-without-package",
                      "The AU '" + n.id + "' has the relative url '" + url +
                          "', but the course structure came without a package; a bare cmi5.xml needs absolute AU urls.",
                      line);
      return;
    }
    std::optional<std::string> path = kit::package_path(parts.path);
    if (!path) {
      findings_.error("cmi5.au.url.outside-package",
                      "The AU '" + n.id + "' url '" + url + "' points outside the package; relative urls are resolved "
                                                            "from the folder holding cmi5.xml.",
                      line);
      return;
    }
    if (!files_.exists(*path)) {
      findings_.error("cmi5.au.url.file-missing",
                      "The AU '" + n.id + "' url '" + url + "' points at '" + *path + "', which is not in the package.",
                      line);
      return;
    }
    n.launch_href = *path;
    if (parts.has_query) n.launch_href += "?" + std::string(parts.query);
    if (!parts.fragment.empty()) n.launch_href += "#" + std::string(parts.fragment);
  }

  struct Seen {
    const char* kind;
    uint32_t line;
  };
  const kit::PackageFiles& files_;
  bool structure_only_;
  Findings& findings_;
  std::unordered_map<std::string, Seen> seen_;
  std::unordered_set<std::string> objective_ids_;
};

}  // namespace

void apply_rules(CourseStructure& course, const kit::PackageFiles& files, bool structure_only, Findings& findings) {
  Rules(files, structure_only, findings).run(course);
}

}  // namespace trellis::cmi5
