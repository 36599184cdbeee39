#include "http/lrs/documents_resource.hpp"

#include <set>

#include "core/log.hpp"
#include "json/bounded_parse.hpp"
#include "xapi/agent.hpp"
#include "xapi/identifiers.hpp"
#include "lrs/statement_validator.hpp"
#include "xapi/timestamp.hpp"

namespace trellis::lrs {
namespace {

using json = nlohmann::json;
using records::DocumentKind;

struct Addressed {
  records::DocumentKey key;
  bool has_id = false;
  std::optional<std::string> since;
};

const char* id_param(DocumentKind kind) { return kind == DocumentKind::state ? "stateId" : "profileId"; }

Result<Addressed> address(DocumentKind kind, const XapiRequest& req) {
  auto bad = [](const std::string& m) { return make_error(ErrorKind::invalid_input, m); };
  Addressed a;
  a.key.kind = kind;
  std::set<std::string> allowed = {id_param(kind), "since"};
  if (kind != DocumentKind::agent_profile) {
    allowed.insert("activityId");
    auto activity = req.param("activityId");
    if (!activity) return bad("activityId is required");
    if (!xapi::is_iri(*activity)) return bad("activityId must be an IRI");
    a.key.activity = *activity;
  }
  if (kind != DocumentKind::activity_profile) {
    allowed.insert("agent");
    auto agent = req.param("agent");
    if (!agent) return bad("agent is required");
    json parsed = parse_json_or_discarded(*agent, kRequestJson);
    if (parsed.is_discarded()) return bad("agent is not JSON");
    TRELLIS_TRY(validate_agent_parameter(parsed, req.version));
    a.key.agent = xapi::agent_key(parsed);
  }
  if (kind == DocumentKind::state) {
    allowed.insert("registration");
    if (auto reg = req.param("registration")) {
      if (!xapi::is_uuid(*reg)) return bad("registration must be a UUID");
      a.key.registration = *reg;
    }
  }
  for (const auto& [k, v] : req.params)
    if (!allowed.count(k)) return bad("unknown parameter '" + k + "'");
  if (auto id = req.param(id_param(kind))) {
    a.key.doc_id = *id;
    a.has_id = true;
  }
  if (auto since = req.param("since")) {
    auto t = xapi::parse_timestamp(*since);
    if (!t) return bad("since must be an ISO 8601 timestamp");
    a.since = xapi::format_timestamp(t->micros);
  }
  return a;
}

std::string http_date(const std::string& iso) {
  auto t = xapi::parse_timestamp(iso);
  if (!t) return {};
  std::time_t secs = static_cast<std::time_t>(t->micros / 1000000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

bool etag_matches(const std::string& header, const std::string& etag) {
  if (header == "*") return true;
  size_t pos = 0;
  while (pos < header.size()) {
    size_t comma = header.find(',', pos);
    std::string item = header.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    item.erase(0, item.find_first_not_of(' '));
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (item.rfind("W/", 0) == 0) item = item.substr(2);
    if (item == etag || "\"" + item + "\"" == etag) return true;
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return false;
}

// Returns a status to answer with (412/409/428) when the preconditions fail, else 0.
int check_preconditions(const XapiRequest& req, const std::optional<records::Document>& current, bool is_put) {
  std::string if_match = req.header("if-match");
  std::string if_none_match = req.header("if-none-match");
  if (!if_match.empty() && (!current || !etag_matches(if_match, current->etag))) return 412;
  if (!if_none_match.empty() && current && etag_matches(if_none_match, current->etag)) return 412;
  bool concurrency_required = req.version == xapi::XapiVersion::v2_0 || req.params.count("profileId");
  if (is_put && concurrency_required && if_match.empty() && if_none_match.empty()) {
    if (current) return 409;
    if (req.version == xapi::XapiVersion::v1_0) return 400;
  }
  return 0;
}

void write_document(DocumentKind kind, LrsContext& ctx, const XapiRequest& req, http::Response& res,
                    const Addressed& a, store::Database& db) {
  if (!a.has_id) return xapi_error(res, 400, std::string(id_param(kind)) + " is required");
  auto current = records::find_document(db, a.key);
  if (!current) return xapi_error(res, current.error());
  if (int status = check_preconditions(req, *current, req.method == "PUT")) {
    return xapi_error(res, status,
                      status == 409   ? "the document exists; send If-Match or If-None-Match"
                      : status == 400 ? "a profile PUT must send If-Match or If-None-Match"
                                    : "the document's ETag does not meet the request's precondition");
  }
  std::string ct = req.content_type();
  records::Document doc;
  doc.content_type = ct.empty() ? "application/octet-stream" : req.header("content-type");
  doc.content = req.body;
  if (req.method == "POST") {
    json incoming = parse_json_or_discarded(req.body, kStoredJson);
    bool incoming_json = ct == "application/json" && incoming.is_object();
    if (*current) {
      bool current_json = (*current)->content_type.rfind("application/json", 0) == 0;
      json stored = current_json ? parse_json_or_discarded((*current)->content, kStoredJson) : json();
      if (!incoming_json || !stored.is_object())
        return xapi_error(res, 400, "POST merges JSON objects; the stored or the sent document is not one");
      for (auto& [k, v] : incoming.items()) stored[k] = v;
      doc.content = stored.dump();
      doc.content_type = "application/json";
    } else if (ct == "application/json" && !incoming_json) {
      return xapi_error(res, 400, "POST of application/json must send a JSON object");
    }
  } else if (ct == "application/json" && parse_json_or_discarded(req.body, kStoredJson).is_discarded()) {
    return xapi_error(res, 400, "the document is declared application/json but is not JSON");
  }
  doc.etag = records::document_etag(doc.content);
  doc.updated = xapi::format_timestamp(xapi::now_micros());
  if (auto st = records::put_document(db, a.key, doc); !st) return xapi_error(res, st.error());
  (void)ctx;
  res.set_header("ETag", doc.etag);
  res.status = 204;
}

// An AU session under the cmi5 rules reads and writes only its own learner's
// documents, and never the ones the LMS writes for it. False after answering 403.
bool meets_cmi5_document_rules(DocumentKind kind, const XapiRequest& req, http::Response& res) {
  if (!req.principal.au_session || !req.principal.au_cmi5_rules) return true;
  cmi5::DocumentRequest request;
  request.resource = kind == DocumentKind::state              ? cmi5::DocumentRequest::Resource::state
                     : kind == DocumentKind::agent_profile    ? cmi5::DocumentRequest::Resource::agent_profile
                                                              : cmi5::DocumentRequest::Resource::activity_profile;
  request.method = req.method;
  request.document_id = req.param(id_param(kind)).value_or("");
  if (auto agent = req.param("agent")) request.agent = parse_json_or_discarded(*agent, kRequestJson);
  request.registration = req.param("registration");
  request.content_type = req.content_type();
  request.body = req.body;
  if (auto violation = cmi5::check_document_request(*req.principal.au_session, request)) {
    xapi_error(res, 403, "cmi5 " + violation->requirement + ": " + violation->message);
    return false;
  }
  return true;
}

// cmi5 section 11: an AU reads the learner preferences before it initializes;
// the session remembers that it did. A failure to remember is logged, not
// answered: the document was read.
void note_preferences_read(LrsContext& ctx, DocumentKind kind, const XapiRequest& req) {
  const auto& session = req.principal.au_session;
  if (!session || !req.principal.au_cmi5_rules || kind != DocumentKind::agent_profile ||
      req.param("profileId").value_or("") != cmi5::kLearnerPreferencesProfileId || session->session.preferences_read ||
      !ctx.runtime.au_sessions)
    return;
  cmi5::AuSession after = *session;
  after.session.preferences_read = true;
  auto writer = ctx.runtime.pool.acquire_writer();
  Status noted = writer ? ctx.runtime.au_sessions->record_progress(**writer, req.principal.key, after) : Status(writer.error());
  if (!noted) log::warn("lrs", "cannot note that AU session " + session->session_id + " read its preferences: " +
                                   noted.error().message);
}

}  // namespace

void document_resource(DocumentKind kind, LrsContext& ctx, const XapiRequest& req, http::Response& res) {
  auto a = address(kind, req);
  if (!a) return xapi_error(res, a.error());
  if (!meets_cmi5_document_rules(kind, req, res)) return;
  auto lease = ctx.runtime.pool.acquire();
  if (!lease) return xapi_error(res, lease.error());
  store::Database& db = **lease;

  if (req.method == "PUT" || req.method == "POST") return write_document(kind, ctx, req, res, *a, db);

  if (req.method == "GET" || req.method == "HEAD") {
    if (a->has_id) {
      if (a->since) return xapi_error(res, 400, "since lists documents; it cannot be combined with an id");
      auto doc = records::find_document(db, a->key);
      if (!doc) return xapi_error(res, doc.error());
      if (!*doc) return xapi_error(res, 404, "no such document");
      res.set_header("ETag", (*doc)->etag);
      res.set_header("Last-Modified", http_date((*doc)->updated));
      res.set_body((*doc)->content, (*doc)->content_type);
      res.status = 200;
      note_preferences_read(ctx, kind, req);
      return;
    }
    auto ids = records::list_document_ids(db, a->key, a->since);
    if (!ids) return xapi_error(res, ids.error());
    res.set_body(json(*ids).dump(), "application/json");
    res.status = 200;
    return;
  }

  if (req.method == "DELETE") {
    if (!a->has_id && kind != DocumentKind::state) return xapi_error(res, 400, "profileId is required");
    if (a->has_id) {
      auto current = records::find_document(db, a->key);
      if (!current) return xapi_error(res, current.error());
      if (int status = check_preconditions(req, *current, false))
        return xapi_error(res, status, "the document's ETag does not meet the request's precondition");
    }
    auto gone = records::delete_documents(db, a->key);
    if (!gone) return xapi_error(res, gone.error());
    res.status = 204;
    return;
  }
  xapi_error(res, 405, "document resources take GET, HEAD, PUT, POST and DELETE");
}

}  // namespace trellis::lrs
