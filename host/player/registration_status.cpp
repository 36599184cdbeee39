#include "player/registration_status.hpp"

#include <map>

#include "catalog/course_reader.hpp"
#include "json/bounded_parse.hpp"
#include "player/player_store.hpp"
#include "player/registrations.hpp"

namespace trellis::player {
namespace {

using json = nlohmann::json;

struct ModuleAttempts {
  int count = 0;
  json status = json::object();  // the latest attempt's
};

json member_or(const json& status, const char* key, json fallback) {
  return status.contains(key) ? status[key] : fallback;
}

std::string text_or(const json& status, const char* key, const char* fallback) {
  return status.contains(key) && status[key].is_string() ? status[key].get<std::string>() : fallback;
}

}  // namespace

Result<json> registration_status(store::Database& db, const std::string& registration_id) {
  auto reg = get_registration(db, registration_id);
  if (!reg) return reg.error();
  auto attempts = PlayerStore(db).attempts_of(registration_id);
  if (!attempts) return attempts.error();
  std::map<std::string, ModuleAttempts> by_module;
  for (const auto& a : *attempts) {  // oldest first: the last one seen is the latest
    auto& m = by_module[a.module_id];
    ++m.count;
    json parsed = parse_json_or_discarded(a.status, kStoredJson);
    m.status = parsed.is_object() ? parsed : json::object();
  }
  json out = registration_json(*reg);
  out["modules"] = json::array();
  bool completed = true;
  bool any_launchable = false;
  std::optional<bool> passed;
  TRELLIS_TRY(catalog::visit_version_modules(db, reg->course_id, reg->version, [&](const catalog::ModuleView& v) -> Status {
    if (!v.launchable) return {};
    any_launchable = true;
    const ModuleAttempts& m = by_module[v.module_id];
    std::string completion = text_or(m.status, "completion", "not attempted");
    std::string success = text_or(m.status, "success", "unknown");
    out["modules"].push_back({{"module_id", v.module_id},
                              {"identifier", v.identifier},
                              {"title", v.title},
                              {"completion", completion},
                              {"success", success},
                              {"score_scaled", member_or(m.status, "score_scaled", nullptr)},
                              {"score_raw", member_or(m.status, "score_raw", nullptr)},
                              {"total_seconds", member_or(m.status, "total_seconds", 0)},
                              {"attempts", m.count}});
    if (completion != "completed" && success != "passed") completed = false;
    if (success == "passed" || success == "failed") passed = passed.value_or(true) && success == "passed";
    return {};
  }));
  out["completed"] = any_launchable && completed;
  out["passed"] = passed ? json(*passed) : json();
  return out;
}

}  // namespace trellis::player
