#include "app/host_settings.hpp"

#include <nlohmann/json.hpp>

#include "community/community_statements.hpp"
#include "community/input_rules.hpp"
#include "core/closest_name.hpp"
#include "knowledge/knowledge_settings.hpp"
#include "package/limits.hpp"
#include "player/player_settings.hpp"
#include "plugins/host_services.hpp"
#include "records/forward_settings.hpp"
#include "store/store.hpp"

namespace trellis {
namespace {

// "15m" rather than "900": the way an admin writes the interval.
std::string duration_text(std::chrono::seconds s) {
  auto n = s.count();
  if (n != 0 && n % 3600 == 0) return std::to_string(n / 3600) + "h";
  if (n != 0 && n % 60 == 0) return std::to_string(n / 60) + "m";
  return std::to_string(n) + "s";
}

std::vector<HostSetting> make_settings() {
  std::vector<HostSetting> out;
  // Defaults come from the structs the domains fill, so they are written once.
  const package::Limits limits;
  for (const auto& s : package::limit_settings())
    out.push_back({s.key, std::to_string(limits.*(s.field)), "import refuses a package above this: " + s.description});
  out.push_back({"import.schema_dir", std::nullopt,
                 "folder of trusted XML schemas importers validate against (unset: the package's own)"});
  const knowledge::KnowledgeSettings knowledge;
  out.push_back({"connector.timeout_ms", std::to_string(knowledge.connector_timeout.count()),
                 "deadline of each connector search and fetch call, in ms (1-600000)"});
  out.push_back({"connector.sync_timeout_ms", std::to_string(knowledge.sync_timeout.count()),
                 "deadline of each connector sync call, in ms (1-3600000)"});
  out.push_back({"connector.sync_interval", duration_text(knowledge.sync_interval),
                 "how often `serve` syncs every enabled connector (90, 90s, 15m, 2h; 0 turns it off)"});
  out.push_back({"connector.max_sync_items", std::to_string(knowledge.max_sync_items),
                 "a sync sending more items fails, nothing applied (1-10000000)"});
  out.push_back({"knowledge.auto_attach_score", std::nullopt,
                 "after an import, suggestions scoring at least this (0..1) are attached (unset: never)"});
  out.push_back({"plugins.http_rate_per_second", std::to_string(plugins::kDefaultHttpRatePerSecond),
                 "each plugin's outgoing HTTP requests per second, in bursts of as many (1-10000)"});
  out.push_back({"community.max_post_bytes", std::to_string(community::PostLimits{}.max_post_bytes),
                 "the largest community post body, in bytes of UTF-8 Markdown"});
  out.push_back({"community.home_page", std::string(community::kDefaultHomePage),
                 "homePage (an IRI) of the xAPI accounts of authors who are not e-mail addresses"});
  out.push_back({"records.forward_interval_seconds", std::to_string(records::kDefaultForwardIntervalSeconds),
                 "how often `serve` forwards statements to the destinations, in seconds (1-86400)"});
  out.push_back({"player.token_ttl_seconds", std::to_string(player::kDefaultTokenTtlSeconds),
                 "how long a launch URL works, in seconds (60-604800)"});
  out.push_back({"player.content_origin", std::nullopt,
                 "origin launch URLs name, e.g. http://localhost:8081 (unset: http:// + serve's --content-listen)"});
  out.push_back({"player.api_origin", std::nullopt,
                 "origin cmi5 and xAPI content reach the LRS at, e.g. https://lms.example.org (unset: serve's --listen)"});
  return out;
}

}  // namespace

const std::vector<HostSetting>& host_settings() {
  static const std::vector<HostSetting> settings = make_settings();
  return settings;
}

Result<const HostSetting*> find_host_setting(std::string_view key) {
  std::vector<std::string> keys;
  for (const auto& s : host_settings()) {
    if (s.key == key) return &s;
    keys.push_back(s.key);
  }
  std::string message = "unknown setting '" + std::string(key) + "'";
  if (auto near = closest_name(key, keys)) message += "; did you mean " + *near + "?";
  message += " Known settings:";
  for (const auto& k : keys) message += " " + k;
  message += " (trellis settings list describes them)";
  return make_error(ErrorKind::invalid_input, message);
}

Status check_host_settings(store::Database& db) {
  if (auto r = package::load_limits(db); !r) return r.error();
  if (auto r = knowledge::load_knowledge_settings(db); !r) return r.error();
  if (auto r = community::load_post_limits(db); !r) return r.error();
  if (auto r = community::load_home_page(db); !r) return r.error();
  if (auto r = records::load_forward_interval(db); !r) return r.error();
  if (auto r = player::load_token_ttl(db); !r) return r.error();
  if (auto r = player::load_content_origin(db); !r) return r.error();
  return {};
}

Result<nlohmann::json> describe_host_setting(store::Database& db, const HostSetting& setting) {
  auto stored = store::get_setting(db, setting.key);
  if (!stored) return stored.error();
  auto or_null = [](const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
  const auto& effective = stored->has_value() ? *stored : setting.default_value;
  return nlohmann::json{{"key", setting.key},
                        {"value", or_null(*stored)},
                        {"default", or_null(setting.default_value)},
                        {"effective", or_null(effective)},
                        {"description", setting.description}};
}

}  // namespace trellis
