#include "http/community_routes.hpp"
#include "core/utf8.hpp"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "http/admin_gate.hpp"
#include "app/runtime.hpp"
#include "community/community_json.hpp"
#include "community/community_service.hpp"
#include "community/input_rules.hpp"
#include "lrs/credentials.hpp"
#include "package/entry_name.hpp"
#include "http/http_server.hpp"
#include "http/problem.hpp"

namespace trellis {
namespace {

using json = nlohmann::json;
using community::PostLimits;

constexpr const char* kId = "([A-Za-z0-9_\\-]+)";

// JSON escapes can make a body up to six times its text (\u00e9), plus room for
// the other fields; past that the request is refused before it is held whole.
uint64_t request_cap(const PostLimits& limits) { return 6 * static_cast<uint64_t>(limits.max_post_bytes) + 64 * 1024; }

// Discussions name people and their posts become learning records, so the API
// takes the same LRS keys (scope "all") an LMS already holds for /xapi/; the key
// then vouches for the statements (their authority), as it does in the LRS.
std::optional<lrs::Principal> require_key(Runtime& runtime, const httplib::Request& req, httplib::Response& res) {
  return require_scope(runtime, req, res,
                       {lrs::kScopeXapi, "'all'", "trellis",
                        "discussions need HTTP Basic credentials of an LRS key (`trellis lrs key create`)"});
}

Result<json> read_json_object(const httplib::ContentReader& reader, uint64_t cap) {
  std::string body;
  bool too_big = false;
  reader([&](const char* data, size_t len) {
    if (body.size() + len > cap) {
      too_big = true;
      return false;
    }
    body.append(data, len);
    return true;
  });
  if (too_big)
    return make_error(ErrorKind::invalid_input, "the request body is over " + std::to_string(cap) +
                                                    " bytes (from setting community.max_post_bytes)");
  if (!is_valid_utf8(body)) return make_error(ErrorKind::invalid_input, "the request body is not valid UTF-8");
  json parsed = json::parse(body, nullptr, false);
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

// Every handler that changes something: limits read, body parsed, then `work`.
template <typename Work>
void with_json_body(Runtime& runtime, const httplib::Request& req, httplib::Response& res,
                    const httplib::ContentReader& reader, Work work) {
  auto caller = require_key(runtime, req, res);
  if (!caller) return;
  auto lease = runtime.pool.acquire();
  if (!lease) return http::send_error(res, lease.error());
  auto limits = community::load_post_limits(**lease);
  if (!limits) return http::send_error(res, limits.error());
  auto body = read_json_object(reader, request_cap(*limits));
  if (!body) return http::send_error(res, body.error());
  work(**lease, *body, caller->authority);
}

void module_routes(httplib::Server& r, Runtime& runtime) {
  std::string path = std::string("/api/v1/modules/") + kId + "/discussions";
  r.Get(path, [&runtime](const httplib::Request& req, httplib::Response& res) {
    if (!require_key(runtime, req, res)) return;
    auto lease = runtime.pool.acquire();
    if (!lease) return http::send_error(res, lease.error());
    auto list = community::list_discussions(**lease, req.matches[1]);
    if (!list) return http::send_error(res, list.error());
    http::send_json(res, 200, community::discussions_json(*list).dump());
  });
  r.Post(path, [&runtime](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    with_json_body(runtime, req, res, reader, [&](store::Database& db, const json& body, const json& authority) {
      community::NewThread in;
      in.module_id = req.matches[1];
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
  });
}

void thread_routes(httplib::Server& r, Runtime& runtime) {
  std::string thread = std::string("/api/v1/threads/") + kId;
  r.Get(thread, [&runtime](const httplib::Request& req, httplib::Response& res) {
    if (!require_key(runtime, req, res)) return;
    auto lease = runtime.pool.acquire();
    if (!lease) return http::send_error(res, lease.error());
    auto view = community::read_thread(**lease, req.matches[1]);
    if (!view) return http::send_error(res, view.error());
    http::send_json(res, 200, community::thread_json(*view).dump());
  });
  r.Post(thread + "/posts",
         [&runtime](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
           with_json_body(runtime, req, res, reader, [&](store::Database& db, const json& body, const json& authority) {
             community::NewReply in;
             in.thread_id = req.matches[1];
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
         });
  r.Post(thread + "/accept",
         [&runtime](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
           with_json_body(runtime, req, res, reader, [&](store::Database& db, const json& body, const json& authority) {
             community::Acceptance in;
             in.thread_id = req.matches[1];
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
         });
}

void post_routes(httplib::Server& r, Runtime& runtime) {
  r.Patch(std::string("/api/v1/posts/") + kId,
          [&runtime](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
            with_json_body(runtime, req, res, reader, [&](store::Database& db, const json& body, const json&) {
              auto text = string_field(body, "body");
              if (!text) return http::send_error(res, text.error());
              auto post = community::edit_post(db, req.matches[1], *text);
              if (!post) return http::send_error(res, post.error());
              http::send_json(res, 200, community::post_json(*post).dump());
            });
          });
}

}  // namespace

void register_community_routes(http::HttpServer& server, Runtime& runtime) {
  auto& r = server.routes();
  module_routes(r, runtime);
  thread_routes(r, runtime);
  post_routes(r, runtime);
}

}  // namespace trellis
