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

}  // namespace trellis::catalog
