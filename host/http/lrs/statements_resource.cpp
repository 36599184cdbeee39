// The Statements resource: POST (one or many, JSON or multipart/mixed with
// attachments), PUT by statementId, and GET (one by id, or a filtered page with a
// `more` link that stays stable while statements keep arriving).
#include "http/lrs/statements_resource.hpp"

#include <map>
#include <set>
#include <string_view>

#include "core/sha256.hpp"
#include "core/uri_component.hpp"
#include "json/bounded_parse.hpp"
#include "xapi/identifiers.hpp"
#include "lrs/filter_text.hpp"
#include "lrs/jws.hpp"
#include "lrs/multipart.hpp"
#include "lrs/statement_format.hpp"
#include "lrs/statement_prep.hpp"
#include "lrs/statement_validator.hpp"
#include "xapi/timestamp.hpp"
#include "records/statement_store.hpp"
#include "lrs/au_progress.hpp"
#include "lrs/au_session_directory.hpp"
#include "store/database.hpp"

namespace trellis::lrs {
namespace {

using json = nlohmann::json;

struct IncomingBatch {
  json statements;  // always an array
  bool single = false;
  std::vector<records::NewAttachment> attachments;
};

// The `more` link's query as it was always written: names as they are (only
// known parameters get here), sorted (the order a multimap keeps), values
// percent-encoded but for ASCII letters, digits and -_.!~*'().
std::string query_string(const std::multimap<std::string, std::string>& params) {
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out += '&';
    out += k;
    out += '=';
    out += encode_uri_component(v);
  }
  return out;
}

bool only_signature_or_file(const json& a) { return a.contains("fileUrl"); }

// Reads the body as JSON or multipart/mixed and checks attachments against parts.
Result<IncomingBatch> read_batch(const XapiRequest& req) {
  IncomingBatch batch;
  std::string ct = req.content_type();
  std::vector<MimePart> parts;
  std::string statement_text;
  if (ct == "multipart/mixed") {
    auto boundary = multipart_boundary(req.header("content-type"));
    if (!boundary) return make_error(ErrorKind::invalid_input, "multipart/mixed needs a boundary");
    auto parsed = parse_multipart(req.body, *boundary);
    if (!parsed) return parsed.error();
    parts = std::move(*parsed);
    if (parts.empty()) return make_error(ErrorKind::invalid_input, "multipart body has no statement part");
    std::string first_ct = parts.front().headers["content-type"];
    if (first_ct.rfind("application/json", 0) != 0)
      return make_error(ErrorKind::invalid_input, "the first part of a multipart body must be application/json");
    statement_text = parts.front().body;
  } else if (ct == "application/json") {
    statement_text = req.body;
  } else {
    // xAPI 1.0.3 Communication 2.1.2 names the two; a body without a type is not
    // taken for JSON.
    return make_error(ErrorKind::invalid_input,
                      "statements must be sent with Content-Type application/json or multipart/mixed (" +
                          (ct.empty() ? std::string("none was given") : "got '" + ct + "'") + ")");
  }
  auto parsed = parse_json(statement_text);
  if (!parsed) return parsed.error();
  json body = std::move(parsed).value();
  if (body.is_object()) {
    batch.single = true;
    batch.statements = json::array({body});
  } else if (body.is_array()) {
    batch.statements = std::move(body);
  } else {
    return make_error(ErrorKind::invalid_input, "the body must be a statement or an array of statements");
  }
  for (size_t i = 0; i < batch.statements.size(); ++i)
    TRELLIS_TRY(validate_statement(batch.statements[i], req.version));

  std::map<std::string, MimePart*> by_hash;
  for (size_t i = 1; i < parts.size(); ++i) {
    auto& p = parts[i];
    auto hash = p.headers.find("x-experience-api-hash");
    if (hash == p.headers.end())
      return make_error(ErrorKind::invalid_input, "an attachment part lacks X-Experience-API-Hash");
    if (req.version == xapi::XapiVersion::v2_0 || p.headers.count("content-transfer-encoding")) {
      auto cte = p.headers.find("content-transfer-encoding");
      if (cte == p.headers.end() || cte->second != "binary")
        return make_error(ErrorKind::invalid_input, "attachment parts must have Content-Transfer-Encoding: binary");
    }
    by_hash[hash->second] = &p;
  }
  std::set<std::string> used;
  for (const auto& s : batch.statements) {
    if (!s.contains("attachments")) continue;
    for (const auto& a : s["attachments"]) {
      std::string sha2 = a["sha2"].get<std::string>();
      auto part = by_hash.find(sha2);
      bool signature = a["usageType"] == kSignatureUsageType;
      if (part == by_hash.end()) {
        if (only_signature_or_file(a) && !signature) continue;
        return make_error(ErrorKind::invalid_input, "no multipart part carries the attachment with sha2 " + sha2);
      }
      if (sha256_hex(part->second->body) != sha2)
        return make_error(ErrorKind::invalid_input, "the attachment part " + sha2 + " does not match its hash");
      if (signature) {
        if (a["contentType"] != "application/octet-stream")
          return make_error(ErrorKind::invalid_input, "a signature attachment must be application/octet-stream");
        TRELLIS_TRY(verify_signed_statement(part->second->body, s));
      }
      if (used.insert(sha2).second) {
        std::string part_ct = part->second->headers["content-type"];
        batch.attachments.push_back({sha2, part_ct.empty() ? a["contentType"].get<std::string>() : part_ct,
                                     part->second->body});
      }
    }
  }
  for (const auto& [hash, part] : by_hash)
    if (!used.count(hash))
      return make_error(ErrorKind::invalid_input, "the attachment part " + hash + " belongs to no statement");
  return batch;
}

// An AU session's credential: under the cmi5 rules the batch is checked as a
// whole before anything is stored (false after answering 403 with the rule it
// breaks); otherwise what it says of the activity is only observed. `after`
// is the session once the batch is in.
bool meets_cmi5_rules(const XapiRequest& req, const IncomingBatch& batch, std::optional<cmi5::AuSession>& after,
                      http::Response& res) {
  if (!req.principal.au_session) return true;
  std::vector<const json*> statements;
  for (const auto& s : batch.statements) statements.push_back(&s);
  if (!req.principal.au_cmi5_rules) {
    after = observe_progress(*req.principal.au_session, statements);
    return true;
  }
  cmi5::AuSession next;
  if (auto violation = cmi5::check_statements(*req.principal.au_session, statements, next)) {
    xapi_error(res, 403, "cmi5 " + violation->requirement + ": " + violation->message);
    return false;
  }
  after = std::move(next);
  return true;
}

Result<std::vector<std::string>> store_batch(LrsContext& ctx, const XapiRequest& req, IncomingBatch batch,
                                             const std::optional<cmi5::AuSession>& au_after = std::nullopt) {
  std::vector<records::NewStatement> prepared;
  std::set<std::string> ids;
  for (auto& s : batch.statements) {
    prepared.push_back(prepare_statement(std::move(s), req.version, req.principal.authority));
    if (!ids.insert(prepared.back().id).second)
      return make_error(ErrorKind::invalid_input, "statement id " + prepared.back().id + " appears twice in the batch");
  }
  auto writer = ctx.runtime.pool.acquire_writer();
  if (!writer) return writer.error();
  if (!au_after || !ctx.runtime.au_sessions)
    return records::insert_statements(**writer, std::move(prepared), batch.attachments, &same_statement);
  // The session's progress commits with its statements, or neither does.
  auto tx = store::Transaction::begin(**writer);
  if (!tx) return tx.error();
  auto stored = records::store_statements(**writer, std::move(prepared), batch.attachments, &same_statement);
  if (!stored) return stored.error();
  TRELLIS_TRY(ctx.runtime.au_sessions->record_progress(**writer, req.principal.key, *au_after));
  TRELLIS_TRY(tx->commit());
  return stored;
}

void post_statements(LrsContext& ctx, const XapiRequest& req, http::Response& res) {
  auto batch = read_batch(req);
  if (!batch) return xapi_error(res, batch.error());
  std::optional<cmi5::AuSession> au_after;
  if (!meets_cmi5_rules(req, *batch, au_after, res)) return;
  auto ids = store_batch(ctx, req, std::move(*batch), au_after);
  if (!ids) return xapi_error(res, ids.error());
  res.status = 200;
  res.set_body(json(*ids).dump(), "application/json");
}

void put_statement(LrsContext& ctx, const XapiRequest& req, http::Response& res) {
  auto id = req.param("statementId");
  if (!id) return xapi_error(res, 400, "PUT needs the statementId parameter");
  if (!xapi::is_uuid(*id)) return xapi_error(res, 400, "statementId must be a UUID");
  if (req.params.size() != 1) return xapi_error(res, 400, "PUT statements takes only statementId");
  auto batch = read_batch(req);
  if (!batch) return xapi_error(res, batch.error());
  if (!batch->single) return xapi_error(res, 400, "PUT takes a single statement");
  json& s = batch->statements[0];
  if (s.contains("id") && s["id"] != *id) return xapi_error(res, 400, "the statement's id differs from statementId");
  s["id"] = *id;
  std::optional<cmi5::AuSession> au_after;
  if (!meets_cmi5_rules(req, *batch, au_after, res)) return;
  auto ids = store_batch(ctx, req, std::move(*batch), au_after);
  if (!ids) return xapi_error(res, ids.error());
  res.status = 204;
}

struct GetOptions {
  StatementFormat format = StatementFormat::exact;
  bool attachments = false;
};

std::optional<bool> boolean_param(const XapiRequest& req, const std::string& name, std::string& error) {
  auto v = req.param(name);
  if (!v) return false;
  if (*v == "true") return true;
  if (*v == "false") return false;
  error = name + " must be true or false";
  return std::nullopt;
}

void send_statements(const XapiRequest& req, http::Response& res, const json& body,
                     const std::vector<json>& statements, const GetOptions& opts, LrsContext& ctx) {
  if (!opts.attachments) {
    res.set_body(body.dump(), "application/json");
    return;
  }
  std::vector<MimePart> parts;
  parts.push_back({{{"Content-Type", "application/json"}}, body.dump()});
  std::set<std::string> seen;
  auto lease = ctx.runtime.pool.acquire();
  if (!lease) return xapi_error(res, lease.error());
  for (const auto& s : statements) {
    if (!s.contains("attachments")) continue;
    for (const auto& a : s["attachments"]) {
      std::string sha2 = a["sha2"].get<std::string>();
      if (!seen.insert(sha2).second) continue;
      auto found = records::find_attachment(**lease, sha2);
      if (!found) return xapi_error(res, found.error());
      if (!*found) continue;
      parts.push_back({{{"Content-Type", (*found)->content_type},
                        {"Content-Transfer-Encoding", "binary"},
                        {"X-Experience-API-Hash", sha2}},
                       (*found)->content});
    }
  }
  std::string boundary = "trellis-" + random_uuid();
  (void)req;
  res.set_body(write_multipart(parts, boundary), "multipart/mixed; boundary=" + boundary);
}

void set_time_headers(http::Response& res, const std::string& last_modified) {
  if (!last_modified.empty()) {
    auto t = xapi::parse_timestamp(last_modified);
    if (t) {
      std::time_t secs = static_cast<std::time_t>(t->micros / 1000000);
      std::tm tm{};
      gmtime_r(&secs, &tm);
      char buf[64];
      std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
      res.set_header("Last-Modified", buf);
    }
  }
}

void get_statements(LrsContext& ctx, const XapiRequest& req, http::Response& res) {
  static const std::set<std::string> known = {"statementId", "voidedStatementId", "agent",    "verb",
                                              "activity",    "registration",      "related_activities",
                                              "related_agents", "since",          "until",    "limit",
                                              "format",      "attachments",       "ascending", "cursor"};
  for (const auto& [k, v] : req.params)
    if (!known.count(k)) return xapi_error(res, 400, "unknown parameter '" + k + "'");
  std::string error;
  GetOptions opts;
  if (auto f = req.param("format")) {
    if (*f == "ids") opts.format = StatementFormat::ids;
    else if (*f == "canonical") opts.format = StatementFormat::canonical;
    else if (*f != "exact") return xapi_error(res, 400, "format must be ids, exact or canonical");
  }
  auto attachments = boolean_param(req, "attachments", error);
  if (!attachments) return xapi_error(res, 400, error);
  opts.attachments = *attachments;
  std::string lang = req.header("accept-language");

  auto lease = ctx.runtime.pool.acquire();
  if (!lease) return xapi_error(res, lease.error());

  auto id = req.param("statementId");
  auto voided_id = req.param("voidedStatementId");
  if (id || voided_id) {
    if (id && voided_id) return xapi_error(res, 400, "statementId and voidedStatementId exclude each other");
    for (const auto& [k, v] : req.params)
      if (k != "statementId" && k != "voidedStatementId" && k != "format" && k != "attachments")
        return xapi_error(res, 400, "'" + k + "' cannot be combined with a statement id");
    std::string wanted = id ? *id : *voided_id;
    if (!xapi::is_uuid(wanted)) return xapi_error(res, 400, "the statement id must be a UUID");
    auto found = records::find_statement(**lease, wanted);
    if (!found) return xapi_error(res, found.error());
    if (!*found || (*found)->voided != bool(voided_id))
      return xapi_error(res, 404, "no " + std::string(voided_id ? "voided " : "") + "statement " + wanted);
    json s = format_statement(parse_json_or_discarded((*found)->statement, kStoredJson), opts.format, lang);
    set_time_headers(res, (*found)->stored);
    send_statements(req, res, s, {s}, opts, ctx);
    return;
  }

  records::StatementQuery q;
  auto filter = parse_xapi_filter({req.param("agent"), req.param("verb"), req.param("activity"),
                                   req.param("registration"), req.param("since"), req.param("until")},
                                  req.version);
  if (!filter) return xapi_error(res, filter.error());
  q.filter = std::move(*filter);
  if (auto limit = req.param("limit")) {
    try {
      size_t used = 0;
      long long n = std::stoll(*limit, &used);
      if (used != limit->size() || n < 0) throw std::invalid_argument("limit");
      q.limit = static_cast<int>(std::min<long long>(n, 1000000));
    } catch (const std::exception&) {
      return xapi_error(res, 400, "limit must be a non-negative integer");
    }
  }
  auto related_agents = boolean_param(req, "related_agents", error);
  auto related_activities = boolean_param(req, "related_activities", error);
  auto ascending = boolean_param(req, "ascending", error);
  if (!related_agents || !related_activities || !ascending) return xapi_error(res, 400, error);
  q.filter.related_agents = *related_agents;
  q.filter.related_activities = *related_activities;
  q.ascending = *ascending;
  if (auto cursor = req.param("cursor")) {
    long long after = 0, max = 0;
    if (std::sscanf(cursor->c_str(), "%lld.%lld", &after, &max) != 2)
      return xapi_error(res, 400, "cursor is not one this LRS issued");
    q.after_seq = after;
    q.max_seq = max;
  }

  auto page = records::query_statements(**lease, q);
  if (!page) return xapi_error(res, page.error());
  json list = json::array();
  std::vector<json> raw;
  std::string last_modified;
  for (const auto& s : page->statements) {
    raw.push_back(format_statement(parse_json_or_discarded(s.statement, kStoredJson), opts.format, lang));
    list.push_back(raw.back());
    if (s.stored > last_modified) last_modified = s.stored;
  }
  std::string more;
  if (page->more) {
    std::multimap<std::string, std::string> next;
    for (const auto& [k, v] : req.params)
      if (k != "cursor") next.emplace(k, v);
    next.emplace("cursor", std::to_string(page->statements.back().seq) + "." + std::to_string(page->max_seq));
    more = "/xapi/statements?" + query_string(next);
  }
  json body = {{"statements", list}, {"more", more}};
  set_time_headers(res, last_modified);
  send_statements(req, res, body, raw, opts, ctx);
}

}  // namespace

void statements_resource(LrsContext& ctx, const XapiRequest& req, http::Response& res) {
  if (req.method == "POST") return post_statements(ctx, req, res);
  if (req.method == "PUT") return put_statement(ctx, req, res);
  if (req.method == "GET" || req.method == "HEAD") {
    res.set_header("X-Experience-API-Consistent-Through", xapi::format_timestamp(xapi::now_micros()));
    return get_statements(ctx, req, res);
  }
  xapi_error(res, 405, "the Statements resource takes GET, HEAD, PUT and POST");
}

}  // namespace trellis::lrs
