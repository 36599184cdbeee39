#include "rules.hpp"

#include <unordered_map>

#include "trellis/import_kit/iri.hpp"

namespace trellis::xapi {
namespace {

void check_link(Link& link, const char* what, const std::string& activity, const std::string& root,
                const kit::PackageFiles& files, kit::Findings& findings) {
  const std::string code = std::string("xapi.") + what;
  if (link.url.empty()) {
    findings.error(code + ".empty", "The <" + std::string(what) + "> of '" + activity + "' is empty.", link.line);
    return;
  }
  if (!kit::is_iri_reference(link.url)) {
    findings.error(code + ".invalid-url", "The <" + std::string(what) + "> '" + link.url + "' of '" + activity +
                                              "' is not a valid URL (spaces, control characters or bad %-escapes).",
                   link.line);
    return;
  }
  kit::UrlParts parts = kit::split_url(link.url);
  if (!parts.scheme.empty()) {
    link.external = true;
    link.href = link.url;
    return;
  }
  std::optional<std::string> path = kit::package_path(root + std::string(parts.path));
  if (!path || (!root.empty() && path->compare(0, root.size(), root) != 0)) {
    findings.error(code + ".outside-package", "The <" + std::string(what) + "> '" + link.url + "' of '" + activity +
                                                  "' points outside the package root (the folder of tincan.xml).",
                   link.line);
    return;
  }
  if (!files.exists(*path)) {
    findings.error(code + ".file-missing",
                   "The <" + std::string(what) + "> '" + link.url + "' of '" + activity + "' points at '" + *path +
                       "', which is not in the package" +
                       (files.file_count() <= 1 ? " (a bare tincan.xml needs absolute URLs)" : "") + ".",
                   link.line);
    return;
  }
  link.href = *path;
  if (parts.has_query) link.href += "?" + std::string(parts.query);
  if (!parts.fragment.empty()) link.href += "#" + std::string(parts.fragment);
}

}  // namespace

int launchable_activity(const TinCan& tincan) {
  for (size_t i = 0; i < tincan.activities.size(); ++i)
    if (!tincan.activities[i].launches.empty()) return static_cast<int>(i);
  return -1;
}

void apply_rules(TinCan& tincan, const std::string& root, const kit::PackageFiles& files, kit::Findings& findings) {
  if (tincan.activities.empty()) {
    findings.error("xapi.activities.missing",
                   "tincan.xml declares no <activity>; a TinCan package describes at least one.");
    return;
  }
  std::unordered_map<std::string, uint32_t> seen;
  const Activity* launching = nullptr;
  for (Activity& a : tincan.activities) {
    if (!a.id.empty()) {
      if (!kit::is_absolute_iri(a.id))
        findings.error("xapi.activity.id.not-iri",
                       "The activity id '" + a.id + "' is not an IRI; xAPI activity ids are absolute IRIs.", a.line);
      auto [it, fresh] = seen.emplace(a.id, a.line);
      if (!fresh)
        findings.error("xapi.activity.id.duplicate", "The activity id '" + a.id + "' is already declared on line " +
                                                         std::to_string(it->second) + "; ids must be unique.",
                       a.line);
    }
    if (!a.type.empty() && !kit::is_absolute_iri(a.type))
      findings.error("xapi.activity.type.not-iri",
                     "The activity type '" + a.type + "' of '" + a.id + "' is not an IRI; xAPI activity types are IRIs.",
                     a.line);
    if (!a.launches.empty() || !a.resources.empty()) {
      if (launching)
        findings.error("xapi.launch.multiple-activities",
                       "Both '" + launching->id + "' (line " + std::to_string(launching->line) + ") and '" + a.id +
                           "' have <launch> or <resource>; only one activity of a package may.",
                       a.line);
      else
        launching = &a;
    }
    for (Link& l : a.launches) check_link(l, "launch", a.id, root, files, findings);
    for (Link& l : a.resources) check_link(l, "resource", a.id, root, files, findings);
  }
  int index = launchable_activity(tincan);
  if (index < 0)
    findings.warning("xapi.launch.none",
                     "No activity has a <launch>: the course only describes activities and has nothing to launch.");
  else if (tincan.activities[static_cast<size_t>(index)].names.empty())
    findings.warning("xapi.activity.name.missing",
                     "The launchable activity '" + tincan.activities[static_cast<size_t>(index)].id +
                         "' has no <name>; its id is used as the course title.",
                     tincan.activities[static_cast<size_t>(index)].line);
}

}  // namespace trellis::xapi
