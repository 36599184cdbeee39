#include "catalog/catalog_store.hpp"

#include <openssl/rand.h>

#include "catalog/course_facts.hpp"
#include "json/bounded_parse.hpp"

namespace trellis::catalog {
namespace {

constexpr const char* kSummaryColumns =
    "v.course_id, c.format, c.identifier, v.version, v.facts, v.title, v.package_name, v.content_sha256, "
    "v.nodes, v.items, v.launchable, v.containers, v.resources, v.imported_at";

// Stored JSON the host wrote itself; an unreadable one shows as no facts.
nlohmann::json stored_object(const std::string& text) {
  nlohmann::json out = parse_json_or_discarded(text, kStoredJson);
  return out.is_object() ? out : nlohmann::json::object();
}

VersionSummary read_summary(const store::Statement& st) {
  VersionSummary s;
  s.course_id = st.text(0);
  s.format = st.text(1);
  s.identifier = st.text(2);
  s.version = static_cast<int>(st.integer(3));
  s.facts = stored_object(st.text(4));
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

Result<std::optional<int>> CatalogStore::version_with_content(const std::string& course_id,
                                                              const std::string& content_sha256) {
  auto st = db_.prepare(
      "SELECT version FROM course_versions WHERE course_id = ?1 AND content_sha256 = ?2 ORDER BY version DESC LIMIT 1");
  if (!st) return st.error();
  st->bind(1, course_id).bind(2, content_sha256);
  auto row = st->step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<int>{};
  return std::optional<int>{static_cast<int>(st->integer(0))};
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
  const ModelSummary& m = *v.summary;
  auto st = db_.prepare(
      "INSERT INTO course_versions(course_id, version, facts, title, package_name, content_sha256, model,"
      " nodes, items, launchable, containers, resources) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
  if (!st) return st.error();
  st->bind(1, v.course_id).bind(2, v.version).bind(3, m.facts.dump()).bind(4, m.title).bind(5, v.package_name);
  st->bind(6, v.content_sha256).bind(7, v.model->header());
  st->bind(8, m.counts.nodes).bind(9, m.counts.items).bind(10, m.counts.launchable);
  st->bind(11, m.counts.containers).bind(12, m.counts.resources);
  TRELLIS_TRY(st->run());

  auto node_row = db_.prepare(
      "INSERT INTO version_nodes(course_id, version, position, identifier, parent_identifier, body)"
      " VALUES(?1,?2,?3,?4,?5,?6)");
  if (!node_row) return node_row.error();
  auto mod = db_.prepare(
      "INSERT INTO version_modules(course_id, version, module_id, parent_identifier, position, kind, title,"
      " launchable, facts, fingerprint) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
  if (!mod) return mod.error();
  TRELLIS_TRY(v.model->for_each_node([&](const StagedNode& node) -> Status {
    node_row->reset();
    node_row->bind(1, v.course_id).bind(2, v.version).bind(3, node.position).bind(4, node.identifier);
    node_row->bind(5, node.parent).bind(6, node.body);
    TRELLIS_TRY(node_row->run());
    if (!node.module) return {};
    auto id = module_id_for(v.course_id, node.identifier);
    if (!id) return id.error();
    mod->reset();
    mod->bind(1, v.course_id).bind(2, v.version).bind(3, id.value()).bind(4, node.parent).bind(5, node.position);
    mod->bind(6, node.kind).bind(7, node.title).bind(8, node.launchable ? 1 : 0).bind(9, node.facts);
    mod->bind(10, node.fingerprint);
    return mod->run();
  }));
  auto resource_row =
      db_.prepare("INSERT INTO version_resources(course_id, version, seq, body) VALUES(?1,?2,?3,?4)");
  if (!resource_row) return resource_row.error();
  int64_t resource_seq = 0;
  TRELLIS_TRY(v.model->for_each_resource([&](std::string_view body) -> Status {
    resource_row->reset();
    resource_row->bind(1, v.course_id).bind(2, v.version).bind(3, resource_seq++).bind(4, body);
    return resource_row->run();
  }));

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
  put_facts(out, v.facts);

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
      "SELECT vm.module_id, m.identifier, vm.parent_identifier, vm.kind, vm.title, vm.launchable, vm.facts"
      " FROM version_modules vm JOIN modules m ON m.id = vm.module_id"
      " WHERE vm.course_id = ?1 AND vm.version = ?2 ORDER BY vm.position");
  if (!mods) return mods.error();
  mods->bind(1, course_id).bind(2, v.version);
  out["modules"] = nlohmann::json::array();
  for (;;) {
    auto row = mods->step();
    if (!row) return row.error();
    if (!row.value()) break;
    nlohmann::json module = {{"id", mods->text(0)}, {"identifier", mods->text(1)}, {"parent", mods->text(2)},
                             {"kind", mods->text(3)}, {"title", mods->text(4)}, {"launchable", mods->integer(5) != 0}};
    put_facts(module, stored_object(mods->text(6)));
    out["modules"].push_back(std::move(module));
  }

  auto model = db_.prepare("SELECT model FROM course_versions WHERE course_id = ?1 AND version = ?2");
  if (!model) return model.error();
  model->bind(1, course_id).bind(2, v.version);
  auto row = model->step();
  if (!row) return row.error();
  if (row.value()) {
    nlohmann::json document = parse_json_or_discarded(model->text(0), kStoredJson);
    if (document.is_object() && !document.contains("nodes")) TRELLIS_TRY(attach_tree(course_id, v.version, document));
    out["model"] = std::move(document);
  }
  return std::optional<nlohmann::json>{std::move(out)};
}

// A version stored a node per row gets its one-document form back: nodes nested
// under their parents in tree order, then the resources.
Status CatalogStore::attach_tree(const std::string& course_id, int version, nlohmann::json& document) {
  auto nodes = db_.prepare(
      "SELECT identifier, parent_identifier, body FROM version_nodes WHERE course_id = ?1 AND version = ?2"
      " ORDER BY position");
  if (!nodes) return nodes.error();
  nodes->bind(1, course_id).bind(2, version);
  std::vector<nlohmann::json> list;
  std::map<std::string, std::vector<size_t>> children_of;
  for (;;) {
    auto row = nodes->step();
    if (!row) return row.error();
    if (!row.value()) break;
    children_of[nodes->text(1)].push_back(list.size());
    list.push_back(parse_json_or_discarded(nodes->text(2), kStoredJson));
  }
  // Parents come before their children (checked at import), so building from the
  // leaves up by walking positions backwards needs no recursion.
  std::map<std::string, size_t> index_of;
  for (size_t i = 0; i < list.size(); ++i)
    if (list[i].is_object()) index_of[list[i].value("identifier", "")] = i;
  for (size_t i = list.size(); i-- > 0;) {
    if (!list[i].is_object()) continue;
    nlohmann::json kids = nlohmann::json::array();
    if (auto it = children_of.find(list[i].value("identifier", "")); it != children_of.end())
      for (size_t k : it->second) kids.push_back(std::move(list[k]));
    list[i]["children"] = std::move(kids);
  }
  nlohmann::json top = nlohmann::json::array();
  if (auto it = children_of.find(""); it != children_of.end())
    for (size_t k : it->second) top.push_back(std::move(list[k]));
  document["nodes"] = std::move(top);

  auto resources =
      db_.prepare("SELECT body FROM version_resources WHERE course_id = ?1 AND version = ?2 ORDER BY seq");
  if (!resources) return resources.error();
  resources->bind(1, course_id).bind(2, version);
  document["resources"] = nlohmann::json::array();
  for (;;) {
    auto row = resources->step();
    if (!row) return row.error();
    if (!row.value()) break;
    document["resources"].push_back(parse_json_or_discarded(resources->text(0), kStoredJson));
  }
  return {};
}

Result<ModuleChanges> CatalogStore::module_changes(const std::string& course_id, int before, int after) {
  ModuleChanges out;
  auto collect = [&](const char* sql, std::vector<std::string>& into) -> Status {
    auto st = db_.prepare(sql);
    if (!st) return st.error();
    st->bind(1, course_id).bind(2, before).bind(3, after);
    for (;;) {
      auto row = st->step();
      if (!row) return row.error();
      if (!row.value()) return {};
      into.push_back(st->text(0));
    }
  };
  TRELLIS_TRY(collect(
      "SELECT m.identifier FROM version_modules n JOIN modules m ON m.id = n.module_id"
      " WHERE n.course_id = ?1 AND n.version = ?3 AND NOT EXISTS (SELECT 1 FROM version_modules o"
      "  WHERE o.course_id = ?1 AND o.version = ?2 AND o.module_id = n.module_id) ORDER BY n.position",
      out.added));
  TRELLIS_TRY(collect(
      "SELECT m.identifier FROM version_modules o JOIN modules m ON m.id = o.module_id"
      " WHERE o.course_id = ?1 AND o.version = ?2 AND NOT EXISTS (SELECT 1 FROM version_modules n"
      "  WHERE n.course_id = ?1 AND n.version = ?3 AND n.module_id = o.module_id) ORDER BY o.position",
      out.removed));
  TRELLIS_TRY(collect(
      "SELECT m.identifier FROM version_modules n JOIN version_modules o"
      "  ON o.course_id = n.course_id AND o.module_id = n.module_id AND o.version = ?2"
      " JOIN modules m ON m.id = n.module_id"
      " WHERE n.course_id = ?1 AND n.version = ?3 AND o.fingerprint <> n.fingerprint ORDER BY n.position",
      out.changed));
  return out;
}

Status CatalogStore::visit_latest_modules(const std::string& course_id,
                                          const std::function<Status(const ModuleView&)>& visit) {
  auto latest = latest_version(course_id);
  if (!latest) return latest.error();
  if (!latest->has_value()) return {};
  return visit_version_modules(course_id, (*latest)->version, visit);
}

Result<std::optional<VersionSummary>> CatalogStore::version_summary(const std::string& course_id, int version) {
  auto st = db_.prepare(std::string("SELECT ") + kSummaryColumns +
                        " FROM course_versions v JOIN courses c ON c.id = v.course_id"
                        " WHERE v.course_id = ?1 AND v.version = ?2");
  if (!st) return st.error();
  st->bind(1, course_id).bind(2, version);
  auto row = st->step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<VersionSummary>{};
  return std::optional<VersionSummary>{read_summary(st.value())};
}

Status CatalogStore::visit_version_modules(const std::string& course_id, int version,
                                           const std::function<Status(const ModuleView&)>& visit) {
  auto model = db_.prepare("SELECT model FROM course_versions WHERE course_id = ?1 AND version = ?2");
  if (!model) return model.error();
  model->bind(1, course_id).bind(2, version);
  auto row = model->step();
  if (!row) return row.error();
  nlohmann::json course = row.value() ? parse_json_or_discarded(model->text(0), kStoredJson) : nlohmann::json();
  if (!course.is_object()) course = nlohmann::json::object();
  // Versions stored before models were kept a node per row hold the tree in `model`.
  std::map<std::string, const nlohmann::json*> whole;
  std::function<void(const nlohmann::json&)> index = [&](const nlohmann::json& nodes) {
    if (!nodes.is_array()) return;
    for (const auto& n : nodes) {
      if (!n.is_object()) continue;
      if (n.contains("identifier") && n["identifier"].is_string()) whole[n["identifier"].get<std::string>()] = &n;
      if (n.contains("children")) index(n["children"]);
    }
  };
  if (course.contains("nodes")) index(course["nodes"]);

  auto mods = db_.prepare(
      "SELECT vm.module_id, m.identifier, vm.title, vm.kind, vn.body, vm.parent_identifier, vm.launchable"
      " FROM version_modules vm JOIN modules m ON m.id = vm.module_id"
      " LEFT JOIN version_nodes vn ON vn.course_id = vm.course_id AND vn.version = vm.version"
      "  AND vn.identifier = m.identifier"
      " WHERE vm.course_id = ?1 AND vm.version = ?2 ORDER BY vm.position");
  if (!mods) return mods.error();
  mods->bind(1, course_id).bind(2, version);
  static const nlohmann::json empty = nlohmann::json::object();
  for (;;) {
    auto r = mods->step();
    if (!r) return r.error();
    if (!r.value()) return {};
    ModuleView view{mods->text(0), mods->text(1), mods->text(2), mods->text(3), &empty, &course,
                    mods->text(5), mods->integer(6) != 0};
    nlohmann::json node;
    if (!mods->is_null(4)) {
      node = parse_json_or_discarded(mods->text(4), kStoredJson);
      if (node.is_object()) view.node = &node;
    } else if (auto it = whole.find(view.identifier); it != whole.end()) {
      view.node = it->second;
    }
    TRELLIS_TRY(visit(view));
  }
}

Status CatalogStore::visit_version_module(const std::string& course_id, int version, const std::string& module_id,
                                          const std::function<Status(const ModuleView&)>& visit) {
  auto mod = db_.prepare(
      "SELECT vm.module_id, m.identifier, vm.title, vm.kind, vn.body, vm.parent_identifier, vm.launchable"
      " FROM version_modules vm JOIN modules m ON m.id = vm.module_id"
      " LEFT JOIN version_nodes vn ON vn.course_id = vm.course_id AND vn.version = vm.version"
      "  AND vn.identifier = m.identifier"
      " WHERE vm.course_id = ?1 AND vm.version = ?2 AND vm.module_id = ?3");
  if (!mod) return mod.error();
  mod->bind(1, course_id).bind(2, version).bind(3, module_id);
  auto row = mod->step();
  if (!row) return row.error();
  if (!row.value()) return {};
  // A version stored before nodes had rows of their own keeps the node in its
  // whole model: read it the long way.
  if (mod->is_null(4))
    return visit_version_modules(course_id, version, [&](const ModuleView& v) -> Status {
      return v.module_id == module_id ? visit(v) : Status{};
    });
  static const nlohmann::json empty = nlohmann::json::object();
  nlohmann::json node = parse_json_or_discarded(mod->text(4), kStoredJson);
  ModuleView view{mod->text(0), mod->text(1), mod->text(2), mod->text(3), node.is_object() ? &node : &empty, &empty,
                  mod->text(5), mod->integer(6) != 0};
  return visit(view);
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

Result<std::vector<std::string>> CatalogStore::module_ids_of_course(const std::string& course_id) {
  auto st = db_.prepare("SELECT id FROM modules WHERE course_id = ?1 ORDER BY id");
  if (!st) return st.error();
  st->bind(1, course_id);
  return st->first_column_texts();
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

Result<std::pair<int64_t, int64_t>> CatalogStore::delete_course(const std::string& course_id) {
  // Children before parents, so no step leaves a row pointing at a deleted one.
  constexpr const char* kInOrder[] = {
      "DELETE FROM version_files WHERE course_id = ?1",
      "DELETE FROM import_diagnostics WHERE course_id = ?1", "DELETE FROM version_resources WHERE course_id = ?1",
      "DELETE FROM version_nodes WHERE course_id = ?1",      "DELETE FROM version_modules WHERE course_id = ?1",
      "DELETE FROM course_versions WHERE course_id = ?1",    "DELETE FROM modules WHERE course_id = ?1",
      "DELETE FROM courses WHERE id = ?1"};
  std::pair<int64_t, int64_t> removed;
  for (const char* sql : kInOrder) {
    auto st = db_.prepare(sql);
    if (!st) return st.error();
    st->bind(1, course_id);
    TRELLIS_TRY(st->run());
    if (std::string_view(sql).find("course_versions") != std::string_view::npos) removed.first = db_.changes();
    if (std::string_view(sql).find("FROM modules") != std::string_view::npos) removed.second = db_.changes();
  }
  return removed;
}

}  // namespace trellis::catalog
