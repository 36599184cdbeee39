#include "records/destinations.hpp"

#include "json/bounded_parse.hpp"
#include "plugins/plugin_settings.hpp"
#include "records/outbox_store.hpp"
#include "store/store.hpp"

namespace trellis::records {
namespace {

constexpr const char* kPlugin = "lrs-forward";
constexpr const char* kSetting = "destinations";

Result<nlohmann::json> read_all(store::Database& db) {
  auto settings = plugins::plugin_settings(db, kPlugin);
  if (!settings) return settings.error();
  auto text = settings->find(kSetting);
  if (text == settings->end()) return nlohmann::json::object();
  auto all = parse_json_or_discarded(text->second, kRequestJson);
  if (!all.is_object())
    return make_error(ErrorKind::environment, "the lrs-forward 'destinations' setting is not a JSON object");
  return all;
}

Status check(const Destination& d) {
  auto bad = [&d](const std::string& why) { return make_error(ErrorKind::usage, "destination '" + d.name + "': " + why); };
  if (d.name.empty() || d.name.find_first_of(" \t\r\n") != std::string::npos) return bad("the name must be one word");
  if (d.url.rfind("http://", 0) != 0 && d.url.rfind("https://", 0) != 0) return bad("--url must be http(s)");
  if (d.privacy != "as-is" && d.privacy != "mbox_sha1sum" && d.privacy != "pseudonym")
    return bad("--privacy must be as-is, mbox_sha1sum or pseudonym");
  if (d.privacy == "pseudonym" && d.pseudonym_secret.size() < 16)
    return bad("pseudonym privacy needs --pseudonym-secret of at least 16 characters");
  if (d.timeout_ms <= 0) return bad("--timeout-ms must be positive");
  return {};
}

}  // namespace

Status add_destination(store::Database& db, const Destination& d) {
  TRELLIS_TRY(check(d));
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  auto all = read_all(db);
  if (!all) return all.error();
  (*all)[d.name] = {{"url", d.url},
                    {"key", d.key},
                    {"secret", d.secret},
                    {"privacy", d.privacy},
                    {"pseudonym_secret", d.pseudonym_secret},
                    {"pseudonym_home_page", d.pseudonym_home_page.empty() ? "urn:trellis:pseudonym" : d.pseudonym_home_page},
                    {"timeout_ms", d.timeout_ms}};
  TRELLIS_TRY(plugins::set_plugin_setting(db, kPlugin, kSetting, all->dump()));
  TRELLIS_TRY(add_destination_state(db, d.name));
  TRELLIS_TRY(store::audit(db, "cli", "records.destination.add", d.name, d.url + " privacy " + d.privacy));
  return tx->commit();
}

Result<bool> remove_destination(store::Database& db, const std::string& name) {
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  auto all = read_all(db);
  if (!all) return all.error();
  bool had = all->erase(name) > 0;
  TRELLIS_TRY(plugins::set_plugin_setting(db, kPlugin, kSetting, all->dump()));
  auto removed = remove_destination_state(db, name);
  if (!removed) return removed.error();
  if (!had && !*removed) return false;
  TRELLIS_TRY(store::audit(db, "cli", "records.destination.remove", name));
  TRELLIS_TRY(tx->commit());
  return true;
}

Result<nlohmann::json> describe_destinations(store::Database& db) {
  auto all = read_all(db);
  if (!all) return all.error();
  auto states = list_destination_states(db);
  if (!states) return states.error();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : *states) {
    nlohmann::json d = all->value(s.name, nlohmann::json::object());
    out.push_back({{"name", s.name},
                   {"url", d.value("url", "")},
                   {"key", d.value("key", "")},
                   {"privacy", d.value("privacy", "as-is")},
                   {"cursor", s.cursor_seq},
                   {"failures", s.failures},
                   {"last_error", s.last_error},
                   {"last_run", s.last_run}});
  }
  return out;
}

}  // namespace trellis::records
