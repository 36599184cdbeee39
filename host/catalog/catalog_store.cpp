#include "catalog/catalog_store.hpp"

#include <openssl/rand.h>

namespace trellis::catalog {
namespace {

constexpr const char* kSummaryColumns =
    "v.course_id, c.format, c.identifier, v.version, v.edition, v.title, v.package_name, v.content_sha256, "
    "v.organizations, v.items, v.launchable, v.scos, v.resources, v.imported_at";

VersionSummary read_summary(const store::Statement& st) {
  VersionSummary s;
  s.course_id = st.text(0);
  s.format = st.text(1);
  s.identifier = st.text(2);
  s.version = static_cast<int>(st.integer(3));
  s.edition = st.optional_text(4);
  s.title = st.text(5);
  s.package_name = st.text(6);
  s.content_sha256 = st.text(7);
  s.counts = Counts{static_cast<int>(st.integer(8)), static_cast<int>(st.integer(9)),
                    static_cast<int>(st.integer(10)), static_cast<int>(st.integer(11)),
                    static_cast<int>(st.integer(12))};
  s.imported_at = st.text(13);
  return s;
}

}  // namespace

std::string new_id(const char* prefix) {
  unsigned char bytes[8];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    // RAND_bytes failing is exotic; ids only need to be unique, not secret.
    for (auto& b : bytes) b = static_cast<unsigned char>(std::rand());
  }
  static const char* hex = "0123456789abcdef";
  std::string out(prefix);
  for (unsigned char b : bytes) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

Result<std::optional<std::string>> CatalogStore::find_course(const std::string& format, const std::string& identifier) {
  auto st = db_.prepare("SELECT id FROM courses WHERE format = ?1 AND identifier = ?2");
  if (!st) return st.error();
  st->bind(1, format).bind(2, identifier);
  auto row = st->step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<std::string>{};
  return std::optional<std::string>{st->text(0)};
}

Status CatalogStore::insert_course(const std::string& id, const std::string& format, const std::string& identifier) {
  auto st = db_.prepare("INSERT INTO courses(id, format, identifier) VALUES(?1, ?2, ?3)");
  if (!st) return st.error();
  st->bind(1, id).bind(2, format).bind(3, identifier);
  return st->run();
}

Result<std::optional<VersionSummary>> CatalogStore::latest_version(const std::string& course_id) {
  auto st = db_.prepare(std::string("SELECT ") + kSummaryColumns +
                        " FROM course_versions v JOIN courses c ON c.id = v.course_id"
                        " WHERE v.course_id = ?1 ORDER BY v.version DESC LIMIT 1");
  if (!st) return st.error();
  st->bind(1, course_id);
  auto row = st->step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<VersionSummary>{};
  return std::optional<VersionSummary>{read_summary(st.value())};
}

Result<std::map<std::string, StoredModule>> CatalogStore::version_modules(const std::string& course_id, int version) {
  auto st = db_.prepare(
      "SELECT m.identifier, m.id, vm.fingerprint FROM version_modules vm JOIN modules m ON m.id = vm.module_id"
      " WHERE vm.course_id = ?1 AND vm.version = ?2");
  if (!st) return st.error();
  st->bind(1, course_id).bind(2, version);
  std::map<std::string, StoredModule> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) break;
    out.emplace(st->text(0), StoredModule{st->text(1), st->text(2)});
  }
  return out;
}

Result<std::string> CatalogStore::module_id_for(const std::string& course_id, const std::string& identifier) {
  auto find = db_.prepare("SELECT id FROM modules WHERE course_id = ?1 AND identifier = ?2");
  if (!find) return find.error();
  find->bind(1, course_id).bind(2, identifier);
  auto row = find->step();
  if (!row) return row.error();
  if (row.value()) return find->text(0);
  std::string id = new_id("mod_");
  auto ins = db_.prepare("INSERT INTO modules(id, course_id, identifier) VALUES(?1, ?2, ?3)");
  if (!ins) return ins.error();
  ins->bind(1, id).bind(2, course_id).bind(3, identifier);
  TRELLIS_TRY(ins->run());
  return id;
}

Status CatalogStore::insert_version(const NewVersion& v) {
  const CourseModel& m = *v.model;
  auto st = db_.prepare(
      "INSERT INTO course_versions(course_id, version, edition, title, package_name, content_sha256, model,"
      " organizations, items, launchable, scos, resources) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
  if (!st) return st.error();
  st->bind(1, v.course_id).bind(2, v.version).bind(3, m.edition).bind(4, m.title).bind(5, v.package_name);
  st->bind(6, v.content_sha256).bind(7, m.document.dump());
  st->bind(8, m.counts.organizations).bind(9, m.counts.items).bind(10, m.counts.launchable);
  st->bind(11, m.counts.scos).bind(12, m.counts.resources);
  TRELLIS_TRY(st->run());

  auto mod = db_.prepare(
      "INSERT INTO version_modules(course_id, version, module_id, parent_identifier, position, kind, title,"
      " launchable, sco, fingerprint) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
  if (!mod) return mod.error();
  for (const auto& node : m.modules) {
    auto id = module_id_for(v.course_id, node.identifier);
    if (!id) return id.error();
    mod->reset();
    mod->bind(1, v.course_id).bind(2, v.version).bind(3, id.value()).bind(4, node.parent).bind(5, node.position);
    mod->bind(6, node.kind).bind(7, node.title).bind(8, node.launchable ? 1 : 0).bind(9, node.sco ? 1 : 0);
    mod->bind(10, node.fingerprint);
    TRELLIS_TRY(mod->run());
  }

  auto diag = db_.prepare(
      "INSERT INTO import_diagnostics(course_id, version, seq, severity, code, message, file, line)"
      " VALUES(?1,?2,?3,?4,?5,?6,?7,?8)");
  if (!diag) return diag.error();
  int seq = 0;
  for (const auto& d : *v.diagnostics) {
    diag->reset();
    diag->bind(1, v.course_id).bind(2, v.version).bind(3, ++seq).bind(4, d.severity).bind(5, d.code);
    diag->bind(6, d.message).bind(7, d.file).bind(8, static_cast<int64_t>(d.line));
    TRELLIS_TRY(diag->run());
  }
  return {};
}

Result<std::vector<VersionSummary>> CatalogStore::list_courses() {
  auto st = db_.prepare(std::string("SELECT ") + kSummaryColumns +
                        " FROM course_versions v JOIN courses c ON c.id = v.course_id"
                        " WHERE v.version = (SELECT MAX(version) FROM course_versions WHERE course_id = v.course_id)"
                        " ORDER BY v.title, v.course_id");
  if (!st) return st.error();
  std::vector<VersionSummary> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) break;
    out.push_back(read_summary(st.value()));
  }
  return out;
}

Result<std::vector<StoredDiagnostic>> CatalogStore::diagnostics(const std::string& course_id, int version) {
  auto st = db_.prepare(
      "SELECT severity, code, message, file, line FROM import_diagnostics"
      " WHERE course_id = ?1 AND version = ?2 ORDER BY seq");
  if (!st) return st.error();
  st->bind(1, course_id).bind(2, version);
  std::vector<StoredDiagnostic> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) break;
    out.push_back({st->text(0), st->text(1), st->text(2), st->text(3), static_cast<uint32_t>(st->integer(4))});
  }
  return out;
}

Result<std::optional<nlohmann::json>> CatalogStore::course_detail(const std::string& course_id) {
  auto latest = latest_version(course_id);
  if (!latest) return latest.error();
  if (!latest->has_value()) return std::optional<nlohmann::json>{};
  const VersionSummary& v = **latest;
  nlohmann::json out = {{"course_id", v.course_id}, {"format", v.format}, {"identifier", v.identifier},
                        {"version", v.version}, {"title", v.title}, {"package", v.package_name},
                        {"sha256", v.content_sha256}, {"imported_at", v.imported_at}};
  out["edition"] = v.edition ? nlohmann::json(*v.edition) : nlohmann::json(nullptr);

  auto versions = db_.prepare("SELECT version, imported_at FROM course_versions WHERE course_id = ?1 ORDER BY version");
  if (!versions) return versions.error();
  versions->bind(1, course_id);
  out["versions"] = nlohmann::json::array();
  for (;;) {
    auto row = versions->step();
    if (!row) return row.error();
    if (!row.value()) break;
    out["versions"].push_back({{"version", versions->integer(0)}, {"imported_at", versions->text(1)}});
  }

  auto mods = db_.prepare(
      "SELECT vm.module_id, m.identifier, vm.parent_identifier, vm.kind, vm.title, vm.launchable, vm.sco"
      " FROM version_modules vm JOIN modules m ON m.id = vm.module_id"
      " WHERE vm.course_id = ?1 AND vm.version = ?2 ORDER BY vm.position");
  if (!mods) return mods.error();
  mods->bind(1, course_id).bind(2, v.version);
  out["modules"] = nlohmann::json::array();
  for (;;) {
    auto row = mods->step();
    if (!row) return row.error();
    if (!row.value()) break;
    out["modules"].push_back({{"id", mods->text(0)}, {"identifier", mods->text(1)}, {"parent", mods->text(2)},
                              {"kind", mods->text(3)}, {"title", mods->text(4)},
                              {"launchable", mods->integer(5) != 0}, {"sco", mods->integer(6) != 0}});
  }

  auto model = db_.prepare("SELECT model FROM course_versions WHERE course_id = ?1 AND version = ?2");
  if (!model) return model.error();
  model->bind(1, course_id).bind(2, v.version);
  auto row = model->step();
  if (!row) return row.error();
  if (row.value()) out["model"] = nlohmann::json::parse(model->text(0), nullptr, false);
  return std::optional<nlohmann::json>{std::move(out)};
}

Result<std::optional<std::string>> CatalogStore::course_of_module(const std::string& module_id) {
  auto st = db_.prepare("SELECT course_id FROM modules WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, module_id);
  auto row = st->step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<std::string>{};
  return std::optional<std::string>{st->text(0)};
}

Result<std::optional<ModuleRef>> CatalogStore::find_module(const std::string& module_id) {
  auto st = db_.prepare(
      "SELECT m.id, m.course_id, c.identifier, c.format, m.identifier, vm.title, vm.kind"
      " FROM modules m JOIN courses c ON c.id = m.course_id"
      " JOIN version_modules vm ON vm.course_id = m.course_id AND vm.module_id = m.id"
      " WHERE m.id = ?1 ORDER BY vm.version DESC LIMIT 1");
  if (!st) return st.error();
  st->bind(1, module_id);
  auto row = st->step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<ModuleRef>{};
  return std::optional<ModuleRef>{
      ModuleRef{st->text(0), st->text(1), st->text(2), st->text(3), st->text(4), st->text(5), st->text(6)}};
}

Result<std::set<std::pair<std::string, int>>> CatalogStore::all_versions() {
  auto st = db_.prepare("SELECT course_id, version FROM course_versions");
  if (!st) return st.error();
  std::set<std::pair<std::string, int>> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) break;
    out.emplace(st->text(0), static_cast<int>(st->integer(1)));
  }
  return out;
}

}  // namespace trellis::catalog
