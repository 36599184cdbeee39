#include "catalog/course_facts.hpp"

#include <set>

#include "catalog/course_model.hpp"

namespace trellis::catalog {
namespace {

using nlohmann::json;

constexpr size_t kMaxNameLength = 64;
constexpr size_t kMaxFacts = 32;
constexpr size_t kMaxFactText = 256;

// Members the host itself puts in reports, course rows and module rows: a fact
// beside them must not pose as one of them.
const std::set<std::string, std::less<>>& host_members() {
  static const std::set<std::string, std::less<>> names = {
      "accepted", "containers", "course_id", "detected", "diagnostics", "folder", "format", "href",
      "id", "identifier", "imported_at", "items", "kind", "launchable", "model", "modules",
      "nodes", "package", "parent", "previous_version", "resources", "sha256", "stored", "title",
      "unchanged", "version", "versions"};
  return names;
}

// The counts the host derives from the tree (Counts); a summary may name them.
const std::set<std::string, std::less<>>& host_counts() {
  static const std::set<std::string, std::less<>> names = {"nodes", "items", "launchable", "containers",
                                                           "resources"};
  return names;
}

bool is_scalar(const json& v) {
  if (v.is_string()) return v.get_ref<const std::string&>().size() <= kMaxFactText;
  return v.is_null() || v.is_boolean() || v.is_number();
}

std::string scalar_rule() {
  return "must be a string of at most " + std::to_string(kMaxFactText) + " bytes, a number, true, false or null";
}

// An object of at most kMaxFacts members, each named by the model-name rule and
// not a host member.
Status check_names(const json& obj, const std::string& where) {
  if (!obj.is_object()) return model_malformed(where, "must be an object");
  if (obj.size() > kMaxFacts) return model_malformed(where, "has more than " + std::to_string(kMaxFacts) + " members");
  for (const auto& [name, value] : obj.items()) {
    if (!is_model_name(name)) return model_malformed(where + "." + name, kModelNameRule);
    if (host_members().count(name) != 0)
      return model_malformed(where + "." + name, "'" + name + "' is a member the host reports itself");
  }
  return {};
}

Status read_tallies(const json& obj, CourseFacts& out) {
  TRELLIS_TRY(check_names(obj, "$.tallies"));
  for (const auto& [name, rule] : obj.items()) {
    std::string at = "$.tallies." + name;
    if (out.given.contains(name)) return model_malformed(at, "'" + name + "' is also a given fact");
    if (!rule.is_object() || rule.size() != 1 || !(rule.contains("kind") || rule.contains("flag")))
      return model_malformed(at, "must be {\"kind\": KIND} or {\"flag\": MEMBER}");
    const json& what = rule.begin().value();
    if (!what.is_string() || !is_model_name(what.get_ref<const std::string&>()))
      return model_malformed(at + "." + rule.begin().key(), kModelNameRule);
    Tally t{name, "", "", 0};
    (rule.contains("kind") ? t.kind : t.flag) = what.get<std::string>();
    out.tallies.push_back(std::move(t));
  }
  return {};
}

bool is_fact(const CourseFacts& facts, const std::string& name) {
  if (facts.given.contains(name)) return true;
  for (const auto& t : facts.tallies)
    if (t.name == name) return true;
  return false;
}

Status read_summary(const json& list, CourseFacts& out) {
  if (!list.is_array()) return model_malformed("$.summary", "must be an array");
  if (list.size() > kMaxFacts) return model_malformed("$.summary", "has more than " + std::to_string(kMaxFacts) + " parts");
  for (size_t i = 0; i < list.size(); ++i) {
    std::string at = "$.summary[" + std::to_string(i) + "]";
    const json& part = list[i];
    SummaryPart p;
    if (part.is_string()) {
      p.name = p.label = part.get<std::string>();
    } else if (part.is_object() && part.contains("name") && part["name"].is_string() && part.contains("label") &&
               part["label"].is_string()) {
      p.name = part["name"].get<std::string>();
      p.label = part["label"].get<std::string>();
    } else {
      return model_malformed(at, "must be a name or {\"name\": NAME, \"label\": TEXT}");
    }
    if (host_counts().count(p.name) == 0 && !is_fact(out, p.name))
      return model_malformed(at, "'" + p.name + "' is neither a count of the host nor a fact of the course");
    if (p.label.empty() || p.label.size() > kMaxNameLength)
      return model_malformed(at + ".label", "must be 1 to " + std::to_string(kMaxNameLength) + " bytes");
    out.summary.push_back(std::move(p));
  }
  return {};
}

}  // namespace

const char* const kModelNameRule =
    "must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or a digit";

bool is_model_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameLength) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  if (!alnum(name.front())) return false;
  for (char c : name)
    if (!alnum(c) && c != '.' && c != '_' && c != ':' && c != '-') return false;
  return true;
}

Result<CourseFacts> check_course_facts(const json& header) {
  CourseFacts out;
  if (auto given = header.find("facts"); given != header.end()) {
    TRELLIS_TRY(check_names(*given, "$.facts"));
    for (const auto& [name, value] : given->items())
      if (!is_scalar(value)) return model_malformed("$.facts." + name, scalar_rule());
    out.given = *given;
  }
  if (auto tallies = header.find("tallies"); tallies != header.end()) TRELLIS_TRY(read_tallies(*tallies, out));
  if (auto mods = header.find("module_facts"); mods != header.end()) {
    TRELLIS_TRY(check_names(*mods, "$.module_facts"));
    for (const auto& [name, value] : mods->items())
      if (!is_scalar(value)) return model_malformed("$.module_facts." + name, scalar_rule());
    out.module_facts = *mods;
  }
  if (auto summary = header.find("summary"); summary != header.end()) {
    TRELLIS_TRY(read_summary(*summary, out));
  } else {
    out.summary = {{"items", "items"}, {"launchable", "launchable"}, {"resources", "resources"}};
  }
  return out;
}

void tally_node(CourseFacts& facts, const json& node, std::string_view kind) {
  for (auto& t : facts.tallies) {
    if (!t.kind.empty()) {
      if (t.kind == kind) ++t.count;
      continue;
    }
    auto it = node.find(t.flag);
    if (it != node.end() && it->is_boolean() && it->get<bool>()) ++t.count;
  }
}

Result<json> module_facts_of(const CourseFacts& facts, const json& node, const std::string& where) {
  json out = json::object();
  for (const auto& [name, fallback] : facts.module_facts.items()) {
    auto it = node.find(name);
    if (it == node.end()) {
      out[name] = fallback;
      continue;
    }
    if (!is_scalar(*it)) return model_malformed(where + "." + name, "a module fact " + scalar_rule());
    out[name] = *it;
  }
  return out;
}

json course_facts_json(const CourseFacts& facts) {
  json out = facts.given;
  for (const auto& t : facts.tallies) out[t.name] = t.count;
  return out;
}

void put_facts(json& out, const json& facts) {
  if (!facts.is_object()) return;
  for (const auto& [name, value] : facts.items())
    if (!out.contains(name)) out[name] = value;
}

}  // namespace trellis::catalog
