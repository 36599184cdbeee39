#include "http/community_routes.hpp"

#include <nlohmann/json.hpp>

#include "app/runtime.hpp"
#include "community/community_json.hpp"
#include "json/bounded_parse.hpp"
#include "community/community_service.hpp"
#include "community/input_rules.hpp"
#include "core/utf8.hpp"
#include "http/admin_gate.hpp"
#include "http/problem.hpp"
#include "http/read_gate.hpp"
#include "http/thread_page.hpp"
#include "http/route_rules.hpp"
#include "lrs/credentials.hpp"

namespace trellis {
namespace {

using json = nlohmann::json;
using community::PostLimits;

// Discussions name people and their posts become learning records, so the API
// takes the same LRS keys (scope "all") an LMS already holds for /xapi/; the key
// then vouches for the statements (their authority), as it does in the LRS.
// Reading follows the knowledge read rule (http/read_gate.hpp), as search does.

// The declared limit of a write route; its guard replaces it by request_cap().
constexpr uint64_t kWriteBody = 1024 * 1024;

// JSON escapes can make a body up to six times its text (\u00e9), plus room for
// the other fields; past that the request is refused before it is received.
uint64_t request_cap(const PostLimits& limits) { return 6 * static_cast<uint64_t>(limits.max_post_bytes) + 64 * 1024; }

Error over_cap(uint64_t cap) {
  return make_error(ErrorKind::invalid_input, "the request body is over " + std::to_string(cap) +
                                                  " bytes (from setting community.max_post_bytes)");
}

// Reads: the key, before anything else is looked at; the rule search applies to threads.
http::Guard thread_read_guard(Runtime& runtime) { return http::id_guard(&http::is_slug, read_guard(runtime, "thread")); }

// Writes: the key, then the body limit from community.max_post_bytes. A
// Content-Length past it is refused as before (422) without receiving the body;
// a chunked body past it is cut by the server (413).
http::Guard write_guard(Runtime& runtime) {
  return http::id_guard(&http::is_slug, [&runtime](http::Request& req, http::Response& res) {
    if (!authorise(runtime, kPeopleGate, req, res)) return false;
    auto lease = runtime.pool.acquire();
    if (!lease) {
      http::send_error(res, lease.error());
      return false;
    }
    auto limits = community::load_post_limits(**lease);
    if (!limits) {
      http::send_error(res, limits.error());
      return false;
    }
    req.body_limit = request_cap(*limits);
    if (auto declared = http::declared_length(req); declared && *declared > req.body_limit) {
      http::send_error(res, over_cap(req.body_limit));
      return false;
    }
    return true;
  });
}

Result<json> read_json_object(const std::string& body) {
  if (!is_valid_utf8(body)) return make_error(ErrorKind::invalid_input, "the request body is not valid UTF-8");
  auto bounded = parse_json(body);
  if (!bounded) return bounded.error();
  json parsed = std::move(bounded).value();
  if (parsed.is_discarded() || !parsed.is_object())
    return make_error(ErrorKind::usage, "the request body must be a JSON object");
  return parsed;
}

Result<std::string> string_field(const json& body, const char* name) {
  if (!body.contains(name)) return make_error(ErrorKind::invalid_input, std::string("'") + name + "' is required");
  if (!body[name].is_string())
    return make_error(ErrorKind::invalid_input, std::string("'") + name + "' must be a string");
  return body[name].get<std::string>();
}

Result<std::vector<std::string>> tags_field(const json& body) {
  std::vector<std::string> tags;
  if (!body.contains("tags")) return tags;
  if (!body["tags"].is_array()) return make_error(ErrorKind::invalid_input, "'tags' must be an array of strings");
  for (const auto& t : body["tags"]) {
    if (!t.is_string()) return make_error(ErrorKind::invalid_input, "'tags' must be an array of strings");
    tags.push_back(t.get<std::string>());
  }
  return tags;
}

// Every handler that changes something: the body parsed, then `work` with the
// authority of the key the guard accepted.
template <typename Work>
void with_json_body(Runtime& runtime, const http::Request& req, http::Response& res, Work work) {
  const lrs::Principal* caller = caller_of(req);
  if (!caller) return http::send_problem(res, 500, "Internal Server Error", "the route has no key check");
  auto body = read_json_object(req.body);
  if (!body) return http::send_error(res, body.error());
  auto lease = runtime.pool.acquire();
  if (!lease) return http::send_error(res, lease.error());
  work(**lease, *body, caller->authority);
}

void module_routes(http::Router& r, Runtime& runtime) {
  const std::string path = "/api/v1/modules/{id}/discussions";
  r.add(http::route("GET", path,
         [&runtime](http::Request& req, http::Response& res) {
           auto lease = runtime.pool.acquire();
           if (!lease) return http::send_error(res, lease.error());
           auto list = community::list_discussions(**lease, req.capture(0));
           if (!list) return http::send_error(res, list.error());
           http::send_json(res, 200, community::discussions_json(*list).dump());
         },
         thread_read_guard(runtime)));
  r.add(http::route("POST", path,
         [&runtime](http::Request& req, http::Response& res) {
           with_json_body(runtime, req, res, [&](store::Database& db, const json& body, const json& authority) {
             community::NewThread in;
             in.module_id = req.capture(0);
             const std::pair<const char*, std::string*> fields[] = {
                 {"title", &in.title}, {"body", &in.body}, {"author", &in.author}};
             for (auto [name, field] : fields) {
               auto value = string_field(body, name);
               if (!value) return http::send_error(res, value.error());
               *field = std::move(value.value());
             }
             auto tags = tags_field(body);
             if (!tags) return http::send_error(res, tags.error());
             in.tags = std::move(tags.value());
             in.authority = authority;
             auto view = community::start_thread(db, in);
             if (!view) return http::send_error(res, view.error());
             res.set_header("Location", "/api/v1/threads/" + view->thread.id);
             http::send_json(res, 201, community::thread_json(*view).dump());
           });
         },
         write_guard(runtime), http::BodyMode::memory, kWriteBody));
}

void thread_routes(http::Router& r, Runtime& runtime) {
  const std::string thread = "/api/v1/threads/{id}";
  r.add(http::route("GET", thread,
         [&runtime](http::Request& req, http::Response& res) {
           auto lease = runtime.pool.acquire();
           if (!lease) return http::send_error(res, lease.error());
           auto view = community::read_thread(**lease, req.capture(0));
           if (!view) return http::send_error(res, view.error());
           res.set_header("Vary", "Accept");
           if (!wants_html(req)) return http::send_json(res, 200, community::thread_json(*view).dump());
           res.status = 200;
           res.set_header("Content-Security-Policy", kThreadPagePolicy);
           res.set_header("X-Content-Type-Options", "nosniff");
           res.set_body(thread_page(*view), "text/html; charset=utf-8");
         },
         thread_read_guard(runtime)));
  r.add(http::route("POST", thread + "/posts",
         [&runtime](http::Request& req, http::Response& res) {
           with_json_body(runtime, req, res, [&](store::Database& db, const json& body, const json& authority) {
             community::NewReply in;
             in.thread_id = req.capture(0);
             auto text = string_field(body, "body");
             if (!text) return http::send_error(res, text.error());
             auto author = string_field(body, "author");
             if (!author) return http::send_error(res, author.error());
             in.body = std::move(text.value());
             in.author = std::move(author.value());
             in.authority = authority;
             auto post = community::reply(db, in);
             if (!post) return http::send_error(res, post.error());
             res.set_header("Location", "/api/v1/threads/" + post->thread_id + "#" + post->id);
             http::send_json(res, 201, community::post_json(*post).dump());
           });
         },
         write_guard(runtime), http::BodyMode::memory, kWriteBody));
  r.add(http::route("POST", thread + "/accept",
         [&runtime](http::Request& req, http::Response& res) {
           with_json_body(runtime, req, res, [&](store::Database& db, const json& body, const json& authority) {
             community::Acceptance in;
             in.thread_id = req.capture(0);
             auto post_id = string_field(body, "post_id");
             if (!post_id) return http::send_error(res, post_id.error());
             in.post_id = std::move(post_id.value());
             in.authority = authority;
             if (body.contains("by")) {
               auto by = string_field(body, "by");
               if (!by) return http::send_error(res, by.error());
               in.accepted_by = std::move(by.value());
             }
             auto view = community::accept_answer(db, in);
             if (!view) return http::send_error(res, view.error());
             http::send_json(res, 200, community::thread_json(*view).dump());
           });
         },
         write_guard(runtime), http::BodyMode::memory, kWriteBody));
}

void post_routes(http::Router& r, Runtime& runtime) {
  r.add(http::route("PATCH", "/api/v1/posts/{id}",
         [&runtime](http::Request& req, http::Response& res) {
           with_json_body(runtime, req, res, [&](store::Database& db, const json& body, const json&) {
             auto text = string_field(body, "body");
             if (!text) return http::send_error(res, text.error());
             auto post = community::edit_post(db, req.capture(0), *text);
             if (!post) return http::send_error(res, post.error());
             http::send_json(res, 200, community::post_json(*post).dump());
           });
         },
         write_guard(runtime), http::BodyMode::memory, kWriteBody));
}

}  // namespace

void register_community_routes(http::Router& router, Runtime& runtime) {
  module_routes(router, runtime);
  thread_routes(router, runtime);
  post_routes(router, runtime);
}

}  // namespace trellis
