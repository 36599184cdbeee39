#include "http/learner_data.hpp"

#include <algorithm>
#include <map>

#include "catalog/catalog_store.hpp"
#include "community/community_service.hpp"
#include "knowledge/link_store.hpp"
#include "player/player_store.hpp"
#include "player/registration_status.hpp"
#include "player/registrations.hpp"

namespace trellis {
namespace {

using json = nlohmann::json;

std::string lowered(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

struct ModuleState {
  std::string completion, success;
};

// The learner's registration in progress on the course, module id -> state.
Result<std::map<std::string, ModuleState>> module_states(store::Database& db, const std::string& learner_id,
                                                          const std::string& course_id) {
  std::map<std::string, ModuleState> out;
  auto reg = player::PlayerStore(db).registration_in_progress(learner_id, course_id);
  if (!reg) return reg.error();
  if (!*reg) return out;
  auto status = player::registration_status(db, (*reg)->id);
  if (!status) return status.error();
  for (const auto& m : (*status)["modules"])
    out[m["module_id"].get<std::string>()] = {m["completion"].get<std::string>(), m["success"].get<std::string>()};
  return out;
}

}  // namespace

Result<std::vector<CourseProgress>> courses_of_learner(store::Database& db, const std::string& learner_id) {
  auto regs = player::list_registrations(db);
  if (!regs) return regs.error();
  std::vector<CourseProgress> out;
  catalog::CatalogStore catalog(db);
  for (const auto& r : *regs) {
    if (r.learner_id != learner_id) continue;
    auto status = player::registration_status(db, r.id);
    if (!status) return status.error();
    auto summary = catalog.version_summary(r.course_id, r.version);
    if (!summary) return summary.error();
    CourseProgress c;
    c.course_id = r.course_id;
    c.title = *summary ? (*summary)->title : r.course_id;
    c.format = *summary ? (*summary)->format : "";
    c.registration_id = r.id;
    c.started_at = r.created_at;
    for (const auto& m : (*status)["modules"]) {
      ++c.modules_total;
      if (m["completion"] == "completed" || m["success"] == "passed") ++c.modules_done;
    }
    c.completed = (*status)["completed"].get<bool>();
    if ((*status)["passed"].is_boolean()) c.passed = (*status)["passed"].get<bool>();
    out.push_back(std::move(c));
  }
  return out;
}

Result<CatalogListing> catalog_listing(store::Database& db, std::string query, std::string format, int page) {
  auto courses = catalog::CatalogStore(db).list_courses();
  if (!courses) return courses.error();
  CatalogListing out;
  out.query = std::move(query);
  out.format = std::move(format);
  std::string wanted = lowered(out.query);
  std::vector<CatalogRow> matching;
  for (const auto& v : *courses) {
    if (!out.format.empty() && v.format.rfind(out.format, 0) != 0) continue;
    if (!wanted.empty() && lowered(v.title).find(wanted) == std::string::npos) continue;
    matching.push_back({v.course_id, v.title, v.format, v.imported_at, v.version, v.counts.items});
  }
  std::sort(matching.begin(), matching.end(), [](const CatalogRow& a, const CatalogRow& b) {
    return std::tie(a.title, a.course_id) < std::tie(b.title, b.course_id);
  });
  out.total = static_cast<int>(matching.size());
  out.pages = std::max(1, (out.total + kCatalogPageSize - 1) / kCatalogPageSize);
  out.page = std::clamp(page, 1, out.pages);
  auto first = matching.begin() + std::min<size_t>(matching.size(), static_cast<size_t>((out.page - 1) * kCatalogPageSize));
  auto last = first + std::min<ptrdiff_t>(matching.end() - first, kCatalogPageSize);
  out.rows.assign(first, last);
  return out;
}

Result<std::optional<CourseSheet>> course_sheet(store::Database& db, const std::string& course_id,
                                                const accounts::Session& user) {
  catalog::CatalogStore catalog(db);
  auto latest = catalog.latest_version(course_id);
  if (!latest) return latest.error();
  if (!*latest) return std::optional<CourseSheet>{};
  CourseSheet sheet;
  sheet.course_id = course_id;
  sheet.title = (*latest)->title;
  sheet.format = (*latest)->format;
  sheet.version = (*latest)->version;
  sheet.may_launch = user.role == "learner";
  std::map<std::string, ModuleState> states;
  if (sheet.may_launch) {
    auto found = module_states(db, user.user_name, course_id);
    if (!found) return found.error();
    states = std::move(*found);
  }
  TRELLIS_TRY(catalog.visit_latest_modules(course_id, [&](const catalog::ModuleView& m) -> Status {
    ModuleEntry entry;
    entry.module_id = m.module_id;
    entry.identifier = m.identifier;
    entry.title = m.title;
    entry.launchable = m.launchable;
    if (auto it = states.find(m.module_id); it != states.end()) {
      entry.completion = it->second.completion;
      entry.success = it->second.success;
    } else if (sheet.may_launch && m.launchable) {
      entry.completion = "not attempted";
    }
    sheet.modules.push_back(std::move(entry));
    return {};
  }));
  for (auto& m : sheet.modules) {
    auto links = knowledge::module_links(db, m.module_id);
    if (!links) return links.error();
    m.links = std::move(*links);
    auto discussions = community::list_discussions(db, m.module_id);
    if (!discussions) return discussions.error();
    m.threads = std::move(discussions->threads);
  }
  return std::optional<CourseSheet>{std::move(sheet)};
}

}  // namespace trellis
