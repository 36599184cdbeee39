#include "catalog/course_reader.hpp"

#include "catalog/catalog_store.hpp"

namespace trellis::catalog {

Result<std::optional<ModuleRef>> find_module(store::Database& db, const std::string& module_id) {
  return CatalogStore(db).find_module(module_id);
}

Result<std::vector<ModuleRef>> modules_of_course(store::Database& db, const std::string& course_id) {
  CatalogStore store(db);
  auto ids = store.module_ids_of_course(course_id);
  if (!ids) return ids.error();
  std::vector<ModuleRef> out;
  for (const auto& id : *ids) {
    auto found = store.find_module(id);
    if (!found) return found.error();
    if (*found) out.push_back(std::move(**found));
  }
  return out;
}

Result<std::optional<std::string>> course_of_module(store::Database& db, const std::string& module_id) {
  return CatalogStore(db).course_of_module(module_id);
}

Status visit_latest_modules(store::Database& db, const std::string& course_id,
                            const std::function<Status(const ModuleView&)>& visit) {
  return CatalogStore(db).visit_latest_modules(course_id, visit);
}

Status visit_version_modules(store::Database& db, const std::string& course_id, int version,
                             const std::function<Status(const ModuleView&)>& visit) {
  return CatalogStore(db).visit_version_modules(course_id, version, visit);
}

Status visit_version_module(store::Database& db, const std::string& course_id, int version,
                            const std::string& module_id, const std::function<Status(const ModuleView&)>& visit) {
  return CatalogStore(db).visit_version_module(course_id, version, module_id, visit);
}

namespace {

std::optional<VersionInfo> info_of(const std::optional<VersionSummary>& s) {
  if (!s) return std::nullopt;
  VersionInfo info{s->course_id, s->format, s->identifier, s->title, s->version, ""};
  if (s->facts.is_object() && s->facts.contains("edition") && s->facts["edition"].is_string())
    info.edition = s->facts["edition"].get<std::string>();
  return info;
}

}  // namespace

Result<std::optional<VersionInfo>> latest_version_info(store::Database& db, const std::string& course_id) {
  auto s = CatalogStore(db).latest_version(course_id);
  if (!s) return s.error();
  return info_of(*s);
}

Result<std::optional<VersionInfo>> version_info(store::Database& db, const std::string& course_id, int version) {
  auto s = CatalogStore(db).version_summary(course_id, version);
  if (!s) return s.error();
  return info_of(*s);
}

}  // namespace trellis::catalog
