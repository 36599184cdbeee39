#include "app/import_wiring.hpp"

#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "knowledge/module_index.hpp"
#include "knowledge/suggestions.hpp"

namespace trellis {
namespace {

void add_to_report(const knowledge::AutoAttachReport& attached, nlohmann::json& report) {
  if (attached.enabled)
    report["auto_attached"] = {{"modules", attached.modules}, {"links", attached.attached},
                               {"problems", attached.problems}};
  // What the knowledge sources know about the new modules, for the designer to attach.
  report["suggested"] = nlohmann::json::array();
  for (const auto& p : attached.proposed)
    report["suggested"].push_back({{"module_id", p.module_id}, {"module_title", p.module_title},
                                   {"item", p.item.str()}, {"title", p.title}, {"url", p.url}, {"score", p.score}});
}

// Runs with a connection and plugins of its own: the import's are gone by then.
void follow_up_in_background(Runtime& runtime, const std::string& course_id) {
  auto manager = runtime.plugins();
  if (!manager) return log::warn("knowledge", "suggestions for " + course_id + ": " + manager.error().message);
  auto lease = runtime.pool.acquire();
  if (!lease) return log::warn("knowledge", "suggestions for " + course_id + ": " + lease.error().message);
  auto attached = knowledge::auto_attach_course(**lease, course_id, manager.value()->connectors());
  std::string summary = std::to_string(attached.proposed.size()) + " proposals";
  if (attached.enabled) summary += ", " + std::to_string(attached.attached) + " links attached";
  log::info("knowledge", "suggestions for " + course_id + ": " + summary);
}

}  // namespace

catalog::ImportHooks import_hooks(Runtime& runtime, ImportFollowUp follow_up, ProgressFn progress) {
  catalog::ImportHooks hooks;
  // Searchable with the version that defines it, in the same transaction.
  hooks.version_stored = [](store::Database& db, const catalog::StoredVersion& stored) {
    return knowledge::index_course_modules(db, stored.course_id);
  };
  if (follow_up == ImportFollowUp::in_report) {
    hooks.import_committed = [&runtime, progress = std::move(progress)](const catalog::StoredVersion& stored,
                                                                       nlohmann::json& report) {
      report_progress(progress, "asking the connectors for suggestions");
      auto manager = runtime.plugins();
      if (!manager) return log::warn("knowledge", "no suggestions: " + manager.error().message);
      // Never failing the import: connectors may be slow or down.
      add_to_report(knowledge::auto_attach_course(runtime.db, stored.course_id, manager.value()->connectors()),
                    report);
    };
  } else {
    hooks.import_committed = [&runtime](const catalog::StoredVersion& stored, nlohmann::json& report) {
      runtime.background().post("suggestions for " + stored.course_id,
                                [&runtime, course = stored.course_id] { follow_up_in_background(runtime, course); });
      report["suggestions"] = "queued";
    };
  }
  return hooks;
}

}  // namespace trellis
