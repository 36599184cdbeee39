#include "catalog/model_staging.hpp"

#include "core/sha256.hpp"
#include "json/bounded_parse.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace trellis::catalog {
namespace {

// A scratch file: nothing in it must survive a crash, and it should cost the
// import little memory (a page cache of 256 KiB) whatever the course's size.
constexpr const char* kSchema =
    "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -256; PRAGMA foreign_keys = OFF;"
    "CREATE TABLE nodes ("
    " position INTEGER PRIMARY KEY,"
    " identifier TEXT NOT NULL UNIQUE,"
    " parent TEXT NOT NULL,"
    " kind TEXT NOT NULL,"
    " title TEXT NOT NULL,"
    " launchable INTEGER NOT NULL,"
    " container INTEGER NOT NULL,"
    " module INTEGER NOT NULL,"
    " top_level INTEGER NOT NULL,"
    " facts TEXT NOT NULL,"
    " fingerprint TEXT NOT NULL,"
    " body TEXT NOT NULL);"
    "CREATE INDEX nodes_by_parent ON nodes(parent);"
    "CREATE TABLE resources (seq INTEGER PRIMARY KEY, body TEXT NOT NULL);"
    "BEGIN;";

std::string where_streamed(const json& node, int64_t position) {
  auto id = node.find("identifier");
  if (id != node.end() && id->is_string()) return "the node '" + id->get<std::string>() + "'";
  return "the node at position " + std::to_string(position);
}

}  // namespace

ModelStaging::ModelStaging(fs::path file, store::Database db) : file_(std::move(file)), db_(std::move(db)) {}

ModelStaging::~ModelStaging() {
  { store::Database closing(std::move(db_)); }  // closed before its file goes
  std::error_code ec;
  fs::remove(file_, ec);
}

Result<std::unique_ptr<ModelStaging>> ModelStaging::create(const fs::path& file) {
  std::error_code ec;
  if (fs::exists(file, ec)) return make_error(ErrorKind::internal, "staging file " + file.string() + " exists");
  auto db = store::Database::open(file);
  if (!db) return db.error();
  std::unique_ptr<ModelStaging> staging(new ModelStaging(file, std::move(db).value()));
  if (auto st = staging->db_.exec(kSchema); !st) return st.error();
  return staging;
}

Status ModelStaging::stage_header(json header) {
  if (header_) return model_malformed("$", "the course was handed over twice");
  auto facts = check_course_header(header);
  if (!facts) return facts.error();
  facts_ = std::move(facts).value();
  header_ = header.dump(-1, ' ', false, json::error_handler_t::replace);
  return {};
}

Status ModelStaging::stage_node(json node, const std::string& parent, int64_t position, const std::string& where) {
  node.erase("children");
  auto facts = check_node(node, where);
  if (!facts) return facts.error();
  auto module_facts = module_facts_of(facts_.facts, node, where);
  if (!module_facts) return module_facts.error();
  tally_node(facts_.facts, node, facts->kind);
  std::string body = node.dump(-1, ' ', false, json::error_handler_t::replace);
  auto insert = db_.prepare(
      "INSERT INTO nodes(position, identifier, parent, kind, title, launchable, container, module, top_level, facts,"
      " fingerprint, body) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
  if (!insert) return insert.error();
  insert->bind(1, position).bind(2, facts->identifier).bind(3, parent).bind(4, facts->kind).bind(5, facts->title);
  insert->bind(6, facts->launchable ? 1 : 0).bind(7, facts->container ? 1 : 0).bind(8, facts->module ? 1 : 0);
  insert->bind(9, facts->top_level ? 1 : 0).bind(10, module_facts->dump());
  insert->bind(11, sha256_hex(parent + '\n' + body)).bind(12, body);
  if (auto st = insert->run(); !st) {
    if (st.error().kind != ErrorKind::conflict) return st.error();
    if (st.error().message.find("identifier") != std::string::npos)
      return model_malformed(where + ".identifier", "'" + facts->identifier + "' appears twice in the tree");
    return model_malformed(where + ".position", "position " + std::to_string(position) + " is used twice");
  }
  return {};
}

Status ModelStaging::stage_resource(const json& resource, const std::string& where) {
  if (!resource.is_object()) return model_malformed(where, "must be an object");
  auto id = resource.find("identifier");
  if (id == resource.end() || !id->is_string() || id->get_ref<const std::string&>().empty())
    return model_malformed(where + ".identifier", "must be a non-empty string");
  auto insert = db_.prepare("INSERT INTO resources(seq, body) VALUES(?1, ?2)");
  if (!insert) return insert.error();
  insert->bind(1, resources_).bind(2, resource.dump(-1, ' ', false, json::error_handler_t::replace));
  TRELLIS_TRY(insert->run());
  ++resources_;
  return {};
}

Status ModelStaging::begin_course(std::string_view text) {
  if (whole_) return model_malformed("$", "the course was already handed over as one document");
  auto parsed = parse_json(text);
  if (!parsed) return model_malformed("$", parsed.error().message);
  json header = std::move(parsed).value();
  if (header.is_object() && (header.contains("nodes") || header.contains("resources")))
    return model_malformed("$.nodes", "a streamed course hands its nodes and resources over one by one");
  TRELLIS_TRY(stage_header(std::move(header)));
  streamed_ = true;
  return {};
}

Status ModelStaging::add_node(std::string_view text) {
  if (!streamed_) return model_malformed("$.nodes", "a node came before the course (begin_course)");
  auto parsed = parse_json(text);
  if (!parsed) return model_malformed("a streamed node", parsed.error().message);
  json node = std::move(parsed).value();
  if (!node.is_object()) return model_malformed("a streamed node", "must be a JSON object");
  auto position = node.find("position");
  if (position == node.end() || !position->is_number_integer() || position->get<int64_t>() < 0)
    return model_malformed(where_streamed(node, -1) + ".position", "must be an integer from 0");
  int64_t at = position->get<int64_t>();
  auto parent = node.find("parent");
  if (parent == node.end() || !parent->is_string())
    return model_malformed(where_streamed(node, at) + ".parent", "must be a string (\"\" at the top)");
  std::string parent_id = parent->get<std::string>();
  if (node.contains("children"))
    return model_malformed(where_streamed(node, at) + ".children", "a streamed node names its parent instead");
  node.erase("position");
  node.erase("parent");
  std::string where = where_streamed(node, at);
  return stage_node(std::move(node), parent_id, at, where);
}

Status ModelStaging::add_resource(std::string_view text) {
  if (!streamed_) return model_malformed("$.resources", "a resource came before the course (begin_course)");
  auto parsed = parse_json(text);
  if (!parsed) return model_malformed("a streamed resource", parsed.error().message);
  const json& resource = *parsed;
  return stage_resource(resource, "$.resources[" + std::to_string(resources_) + "]");
}

Status ModelStaging::set_course(std::string_view text) {
  if (streamed_ || whole_) return model_malformed("$", "the course was handed over twice");
  auto model = parse_course_model(text);
  if (!model) return model.error();
  whole_ = true;
  json& doc = model->document;
  json nodes = std::move(doc["nodes"]);
  json resources = doc.contains("resources") ? std::move(doc["resources"]) : json::array();
  doc.erase("nodes");
  doc.erase("resources");
  TRELLIS_TRY(stage_header(std::move(doc)));
  // parse_course_model checked the tree (depth included): stage it in pre-order.
  int64_t position = 0;
  std::function<Status(json&, const std::string&, const std::string&)> walk =
      [&](json& list, const std::string& parent, const std::string& where) -> Status {
    for (size_t i = 0; i < list.size(); ++i) {
      std::string at = where + "[" + std::to_string(i) + "]";
      json children = list[i].contains("children") ? std::move(list[i]["children"]) : json::array();
      std::string id = list[i]["identifier"].get<std::string>();
      TRELLIS_TRY(stage_node(std::move(list[i]), parent, position++, at));
      TRELLIS_TRY(walk(children, id, at + ".children"));
    }
    return {};
  };
  TRELLIS_TRY(walk(nodes, "", "$.nodes"));
  for (size_t i = 0; i < resources.size(); ++i)
    TRELLIS_TRY(stage_resource(resources[i], "$.resources[" + std::to_string(i) + "]"));
  return {};
}

Result<ModelSummary> ModelStaging::finish() {
  if (!header_) return model_malformed("$", "no course was handed over");
  // Every parent is a node that comes before its children: no orphans, no cycles.
  auto orphan = db_.prepare(
      "SELECT n.identifier, n.parent, p.identifier IS NULL FROM nodes n LEFT JOIN nodes p ON p.identifier = n.parent"
      " WHERE n.parent <> '' AND (p.identifier IS NULL OR p.position >= n.position) ORDER BY n.position LIMIT 1");
  if (!orphan) return orphan.error();
  auto row = orphan->step();
  if (!row) return row.error();
  if (row.value())
    return model_malformed("the node '" + orphan->text(0) + "'.parent",
                           orphan->integer(2) != 0 ? "'" + orphan->text(1) + "' is no node of the tree"
                                                   : "its parent '" + orphan->text(1) + "' must come before it");
  auto top = db_.prepare("SELECT identifier FROM nodes WHERE top_level AND parent <> '' LIMIT 1");
  if (!top) return top.error();
  row = top->step();
  if (!row) return row.error();
  if (row.value())
    return model_malformed("the node '" + top->text(0) + "'.top_level", "the node must be at the top of the tree");
  auto depth = db_.prepare(
      "WITH RECURSIVE d(identifier, depth) AS (SELECT identifier, 0 FROM nodes WHERE parent = ''"
      " UNION ALL SELECT n.identifier, d.depth + 1 FROM nodes n JOIN d ON n.parent = d.identifier"
      " WHERE d.depth <= ?1) SELECT coalesce(max(depth), 0) FROM d");
  if (!depth) return depth.error();
  depth->bind(1, kMaxTreeDepth);
  row = depth->step();
  if (!row) return row.error();
  if (depth->integer(0) > kMaxTreeDepth)
    return model_malformed("$.nodes", "the tree is deeper than " + std::to_string(kMaxTreeDepth));

  ModelSummary summary{facts_.format, facts_.identifier, facts_.title, {}, course_facts_json(facts_.facts),
                       facts_.facts.summary, {}};
  auto counts = db_.prepare(
      "SELECT count(*), count(*) FILTER (WHERE module), count(*) FILTER (WHERE module AND launchable),"
      " count(*) FILTER (WHERE container) FROM nodes");
  if (!counts) return counts.error();
  row = counts->step();
  if (!row) return row.error();
  summary.counts = Counts{static_cast<int>(counts->integer(0)), static_cast<int>(counts->integer(1)),
                          static_cast<int>(counts->integer(2)), static_cast<int>(counts->integer(3)),
                          static_cast<int>(resources_)};
  Sha256 digest;
  digest.update(*header_);
  TRELLIS_TRY(for_each_node([&](const StagedNode& n) -> Status {
    digest.update("\n" + n.fingerprint);
    return {};
  }));
  TRELLIS_TRY(for_each_resource([&](std::string_view body) -> Status {
    digest.update("\n");
    digest.update(body);
    return {};
  }));
  summary.digest = digest.hex();
  return summary;
}

Status ModelStaging::for_each_node(const std::function<Status(const StagedNode&)>& visit) {
  auto st = db_.prepare(
      "SELECT position, identifier, parent, kind, title, launchable, module, facts, fingerprint, body FROM nodes"
      " ORDER BY position");
  if (!st) return st.error();
  StagedNode n;
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) return {};
    n.position = st->integer(0);
    n.identifier = st->text(1);
    n.parent = st->text(2);
    n.kind = st->text(3);
    n.title = st->text(4);
    n.launchable = st->integer(5) != 0;
    n.module = st->integer(6) != 0;
    n.facts = st->text(7);
    n.fingerprint = st->text(8);
    n.body = st->text(9);
    TRELLIS_TRY(visit(n));
  }
}

Status ModelStaging::for_each_resource(const std::function<Status(std::string_view)>& visit) {
  auto st = db_.prepare("SELECT body FROM resources ORDER BY seq");
  if (!st) return st.error();
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) return {};
    TRELLIS_TRY(visit(st->text(0)));
  }
}

}  // namespace trellis::catalog
