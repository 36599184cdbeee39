#include "player/xapi_launch.hpp"

#include <map>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "core/hex.hpp"
#include "core/sha256.hpp"
#include "core/uri_component.hpp"
#include "lrs/au_session_directory.hpp"
#include "lrs/host_statements.hpp"
#include "player/au_session_facts.hpp"
#include "player/au_session_store.hpp"
#include "player/cmi5_lms_duties.hpp"
#include "player/launch_token.hpp"
#include "player/player_authority.hpp"
#include "records/document_store.hpp"
#include "json/bounded_parse.hpp"
#include "xapi/agent.hpp"
#include "xapi/timestamp.hpp"

namespace trellis::player {
namespace {

using json = nlohmann::json;
using Values = std::map<std::string, json>;

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string new_au_key() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) std::abort();  // no randomness: no safe credential can exist
  return std::string(lrs::kAuKeyPrefix) + hex_encode(bytes, sizeof bytes);
}

// Every string that is exactly a placeholder becomes its value.
json fill(const json& node, const Values& values) {
  if (node.is_string()) {
    auto it = values.find(node.get<std::string>());
    return it == values.end() ? node : it->second;
  }
  if (node.is_array()) {
    json out = json::array();
    for (const auto& item : node) out.push_back(fill(item, values));
    return out;
  }
  if (node.is_object()) {
    json out = json::object();
    for (const auto& [k, v] : node.items()) out[k] = fill(v, values);
    return out;
  }
  return node;
}

std::string query_text(const json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

// The content's URL: its href under the token's content path, the plan's
// query after the href's own (section 8.1 of cmi5: the LMS appends).
// An AU hosted elsewhere (an absolute URL in the course structure) is
// launched at that URL; it reaches the LRS across origins (the LRS answers CORS).
std::string content_url(const XapiLaunchPlace& place, const std::string& href, bool external, const json& query,
                        const Values& values) {
  std::string path = href;
  std::string fragment;
  if (auto hash = path.find('#'); hash != std::string::npos) {
    fragment = path.substr(hash);
    path.resize(hash);
  }
  std::string url = external ? path : place.content_origin + "/play/" + place.launch_token + "/content/" + path;
  char sep = path.find('?') == std::string::npos ? '?' : '&';
  if (query.is_object())
    for (const auto& [name, value] : query.items()) {
      url += sep;
      sep = '&';
      url += encode_uri_component(name) + "=" + encode_uri_component(query_text(fill(value, values)));
    }
  return url + fragment;
}

Status write_document(store::Database& db, const json& doc, const std::string& now) {
  std::string resource = doc.value("resource", "");
  records::DocumentKey key;
  if (!doc.contains("agent") || !doc["agent"].is_object())
    return make_error(ErrorKind::internal, "a launch plan's document names no agent");
  key.agent = xapi::agent_key(doc["agent"]);
  if (resource == "state") {
    key.kind = records::DocumentKind::state;
    key.activity = doc.value("activityId", "");
    key.registration = doc.value("registration", "");
    key.doc_id = doc.value("stateId", "");
  } else if (resource == "agent_profile") {
    key.kind = records::DocumentKind::agent_profile;
    key.doc_id = doc.value("profileId", "");
  } else {
    return make_error(ErrorKind::internal, "a launch plan's document is of resource '" + resource + "'");
  }
  if (key.doc_id.empty()) return make_error(ErrorKind::internal, "a launch plan's document has no id");
  if (doc.value("keep_existing", false)) {
    auto existing = records::find_document(db, key);
    if (!existing) return existing.error();
    if (*existing) return {};
  }
  records::Document stored;
  stored.content_type = "application/json";
  stored.content = doc.value("content", json::object()).dump();
  stored.etag = records::document_etag(stored.content);
  stored.updated = now;
  return records::put_document(db, key, stored);
}

// cmi5 9.3.8: a session still open when the same AU is launched again was
// left by its AU; the LMS says so, and the old credential may send nothing more.
Status abandon_open_sessions(store::Database& db, const Attempt& attempt, int64_t now) {
  AuSessionStore sessions(db);
  auto open = sessions.open_sessions(attempt.id);
  if (!open) return open.error();
  for (const auto& row : *open) {
    auto facts = parse_facts(row.facts);
    if (!facts) return facts.error();
    facts->session.abandoned = true;
    TRELLIS_TRY(sessions.update_facts(row.key, facts_json(*facts), std::string("abandoned")));
    if (row.rules != "cmi5") continue;
    auto launched = xapi::parse_timestamp(row.launched_at);
    TRELLIS_TRY(lrs::record_host_statement(
        db, cmi5_lms::abandoned_statement(*facts, launched ? launched->micros : now, now), player_authority()));
  }
  return {};
}

bool plan_uses(const json& plan, const std::string& placeholder) {
  const json& query = plan.contains("query") ? plan["query"] : json();
  if (!query.is_object()) return false;
  for (const auto& [name, value] : query.items())
    if (value.is_string() && value.get<std::string>() == placeholder) return true;
  return false;
}

}  // namespace

std::string fetch_path(const std::string& fetch_token) { return "/xapi-launch/fetch/" + fetch_token; }

json xapi_launch_context(const Registration& reg, const RunModule& module, const Learner& learner,
                         const std::string& session_id) {
  return {{"actor", cmi5_lms::launch_actor(learner)},
          {"registration", reg.xapi_registration},
          {"activity_id", cmi5_lms::au_activity_id(module.module_id)},
          {"module_identifier", module.identifier},
          {"session_id", session_id},
          {"timestamp", xapi::format_timestamp(xapi::now_micros())}};
}

Result<std::string> start_xapi_session(store::Database& db, const Registration& reg, const CourseRun& run,
                                       const RunModule& module, const Learner& learner, const Attempt& attempt,
                                       const json& plan, const std::string& session_id, const XapiLaunchPlace& place) {
  auto href = launch_href(module, true);
  if (!href) return href.error();
  const json session_plan = plan.value("session", json::object());
  std::string rules = session_plan.value("rules", "none");
  if (rules != "cmi5" && rules != "none")
    return make_error(ErrorKind::internal, "a launch plan asks for session rules '" + rules + "', which the LRS has not");
  int64_t now = xapi::now_micros();
  std::string now_text = xapi::format_timestamp(now);
  TRELLIS_TRY(abandon_open_sessions(db, attempt, now));

  AuSessionRow row;
  row.key = new_au_key();
  row.registration_id = reg.id;
  row.attempt_id = attempt.id;
  row.session_id = session_id;
  row.rules = rules;
  row.launched_at = now_text;
  row.expires_at = place.expires_at;
  Values values;
  json actor = cmi5_lms::launch_actor(learner);
  if (plan_uses(plan, "{fetch}")) {
    NewToken fetch = new_launch_token();
    row.fetch_hash = fetch.hash;
    values["{fetch}"] = place.api_origin + fetch_path(fetch.token);
  }
  if (plan_uses(plan, "{auth}")) {
    // No fetch step: the credential travels in the launch URL itself (the
    // xAPI launch convention), so it is handed out now.
    NewToken secret = new_launch_token();
    row.secret_sha256 = secret.hash;
    row.fetched_at = now_text;
    values["{auth}"] = "Basic " + base64(row.key + ":" + secret.token);
  }
  values["{endpoint}"] = place.api_origin + "/xapi/";
  values["{actor}"] = actor;
  values["{registration}"] = reg.xapi_registration;
  values["{activity_id}"] = cmi5_lms::au_activity_id(module.module_id);
  values["{module_identifier}"] = module.identifier;
  values["{timestamp}"] = now_text;
  std::string url = content_url(place, *href, is_external(module), plan.value("query", json::object()), values);
  values["{launch_url}"] = url;

  lrs::cmi5::AuSession facts;
  facts.registration = reg.xapi_registration;
  facts.session_id = session_id;
  // The activity the content states about: the LMS's id unless the plan
  // names another (a TinCan activity keeps the publisher's).
  json named = fill(session_plan.value("activity_id", json("{activity_id}")), values);
  facts.au_activity_id = named.is_string() ? named.get<std::string>() : cmi5_lms::au_activity_id(module.module_id);
  facts.actor = actor;
  facts.context_template = session_plan.value("context_template", json::object());
  facts.launch_mode = launch_mode_from(session_plan.value("launch_mode", "Normal"));
  if (session_plan.contains("mastery_score") && session_plan["mastery_score"].is_number())
    facts.mastery_score = session_plan["mastery_score"].get<double>();
  json status = parse_json_or_discarded(attempt.status, kStoredJson);
  if (status.is_object()) {
    facts.in_registration.completed = status.value("completion", "") == "completed";
    facts.in_registration.passed = status.value("success", "") == "passed";
  }
  row.facts = facts_json(facts);
  TRELLIS_TRY(AuSessionStore(db).insert(row));

  // A block or course whose AUs all have moveOn NotApplicable (or were
  // waived) is satisfied before any of them runs (cmi5 9.6.1.1): said first.
  if (rules == "cmi5") {
    auto owed = cmi5_lms::newly_satisfied(db, reg, run, actor, session_id);
    if (!owed) return owed.error();
    for (auto& statement : *owed) TRELLIS_TRY(lrs::record_host_statement(db, std::move(statement), player_authority()));
  }
  if (plan.contains("documents") && plan["documents"].is_array())
    for (const auto& doc : plan["documents"]) TRELLIS_TRY(write_document(db, fill(doc, values), now_text));
  if (plan.contains("statements") && plan["statements"].is_array())
    for (const auto& statement : plan["statements"])
      TRELLIS_TRY(lrs::record_host_statement(db, fill(statement, values), player_authority()));
  return url;
}

Result<json> redeem_fetch(store::Database& db, const std::string& fetch_token) {
  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  AuSessionStore sessions(db);
  auto row = sessions.find_by_fetch(token_hash(fetch_token));
  if (!row) return row.error();
  // cmi5 8.2.3: error-code 1 for a URL already used (or never issued), 2 for
  // a security refusal, 3 otherwise; always a JSON answer the AU can read.
  if (!*row || (*row)->fetched_at)
    return json{{"error-code", "1"}, {"error-text", "this fetch URL has been used already or was never issued"}};
  if ((*row)->ended)
    return json{{"error-code", "1"}, {"error-text", "this launch's session has ended; launch the AU again"}};
  if ((*row)->expires_at < xapi::format_timestamp(xapi::now_micros()))
    return json{{"error-code", "1"}, {"error-text", "this fetch URL has expired; launch the AU again"}};
  NewToken secret = new_launch_token();
  auto redeemed = sessions.redeem_fetch((*row)->key, secret.hash, xapi::format_timestamp(xapi::now_micros()));
  if (!redeemed) return redeemed.error();
  if (!*redeemed) return json{{"error-code", "1"}, {"error-text", "this fetch URL has been used already"}};
  TRELLIS_TRY(tx->commit());
  return json{{"auth-token", base64((*row)->key + ":" + secret.token)}};
}

}  // namespace trellis::player
