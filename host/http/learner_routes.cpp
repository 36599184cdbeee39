#include "http/learner_routes.hpp"

#include <charconv>

#include "app/runtime_finder.hpp"
#include "community/community_service.hpp"
#include "http/console_guard.hpp"
#include "http/console_pages.hpp"
#include "http/console_reply.hpp"
#include "http/console_session.hpp"
#include "http/learner_data.hpp"
#include "http/learner_pages.hpp"
#include "http/problem.hpp"
#include "http/route_rules.hpp"
#include "knowledge/read_access.hpp"
#include "player/content_origin.hpp"
#include "player/launch.hpp"
#include "player/registrations.hpp"

namespace trellis {
namespace {

using Assets = std::shared_ptr<const AssetVersions>;

// A question, a reply: the community's own limits (community.max_post_bytes)
// say what is too long; this only bounds what the server reads.
constexpr uint64_t kPostForm = 256 * 1024;

int page_number(const http::Request& req) {
  auto text = req.query_value("page").value_or("1");
  int n = 1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  return ec == std::errc() && end == text.data() + text.size() ? n : 1;
}

// The form of a signed-in page: refused (403 in words) unless it came from the
// console with the session's CSRF token.
std::optional<FormFields> checked_form(const http::Request& req, http::Response& res) {
  if (!is_form(req)) {
    send_words(res, 415, "Not a form", "This address takes the console's forms only.");
    return std::nullopt;
  }
  auto form = http::parse_query(req.body);
  if (!csrf_allows(req, console_user(req), form_field(form, "csrf"))) {
    send_words(res, 403, "Refused",
               "That form did not come from this console page (its security token is missing or old). "
               "Go back, reload the page and send it again.");
    return std::nullopt;
  }
  return form;
}

template <typename Fn>
void with_db(Runtime& runtime, http::Response& res, Fn fn) {
  auto lease = runtime.pool.acquire();
  if (!lease) return send_words(res, 503, "Busy", lease.error().message);
  fn(**lease);
}

// A Launch form's answer is a 303 to the player on the content origin, and
// form-action governs where a form's redirects may go too: the course page
// names that one origin beside its own.
std::string policy_with_player(const std::string& content_origin) {
  std::string policy = kConsolePagePolicy;
  const std::string own = "form-action 'self'";
  policy.replace(policy.find(own), own.size(), own + " " + content_origin);
  return policy;
}

void show_course(Runtime& runtime, const AssetVersions& assets, const http::Request& req, http::Response& res,
                 const std::string& course_id, int status, std::optional<std::string> notice,
                 const std::optional<std::string>& content_origin) {
  with_db(runtime, res, [&](store::Database& db) {
    auto sheet = course_sheet(db, course_id, console_user(req));
    if (!sheet) return send_words(res, 500, "The course could not be read", sheet.error().message);
    if (!*sheet) return send_words(res, 404, "No such course", "There is no course '" + course_id + "'.");
    (*sheet)->notice = std::move(notice);
    auto origin = player::launch_origin(runtime.home, db, content_origin);
    if (!origin) (*sheet)->may_launch = false;
    send_page(res, status, course_page(assets, console_user(req), **sheet));
    if (origin) res.set_header("Content-Security-Policy", policy_with_player(*origin));
  });
}

void launch(Runtime& runtime, const AssetVersions& assets, const std::optional<std::string>& content_origin,
            http::Request& req, http::Response& res) {
  auto form = checked_form(req, res);
  if (!form) return;
  const auto& user = console_user(req);
  const std::string& course_id = req.capture(0);
  if (user.role != "learner")
    return show_course(runtime, assets, req, res, course_id, 403,
                       "Only learner accounts launch modules; preview for designers is not available yet.",
                       content_origin);
  auto lease = runtime.pool.acquire_writer();
  if (!lease) return send_words(res, 503, "Busy", lease.error().message);
  auto& db = **lease;
  auto reg = player::create_registration(db, course_id, user.user_name);
  if (!reg) return show_course(runtime, assets, req, res, course_id, 400, "The course could not start: " + reg.error().message, content_origin);
  auto origin = player::launch_origin(runtime.home, db, content_origin);
  if (!origin) return show_course(runtime, assets, req, res, course_id, 503, origin.error().message, content_origin);
  player::LaunchOrigins origins{*origin, [&runtime, &db] { return player::lrs_origin(runtime.home, db); }};
  auto ticket = player::issue_launch(db, reg->registration.id, form_field(*form, "module"), "Normal", origins,
                                     runtime_finder(runtime));
  if (!ticket) return show_course(runtime, assets, req, res, course_id, 400, "The module could not launch: " + ticket.error().message, content_origin);
  redirect(res, ticket->url);
}

void show_thread(Runtime& runtime, const AssetVersions& assets, const http::Request& req, http::Response& res,
                 const std::string& thread_id, int status, std::optional<std::string> problem) {
  with_db(runtime, res, [&](store::Database& db) {
    auto view = community::read_thread(db, thread_id);
    if (!view && view.error().kind == ErrorKind::not_found)
      return send_words(res, 404, "No such thread", "There is no thread '" + thread_id + "'.");
    if (!view) return send_words(res, 500, "The thread could not be read", view.error().message);
    send_page(res, status, console_thread_page(assets, console_user(req), *view, problem));
  });
}

// Runs `write` on the writer lane and answers why it was refused, or nullopt
// once the response is sent (the write's own redirect, or "busy"). The lease is
// given back before the caller re-renders a page on a reader connection.
template <typename Write>
std::optional<Error> refusal_of(Runtime& runtime, http::Response& res, Write write) {
  auto lease = runtime.pool.acquire_writer();
  if (!lease) {
    send_words(res, 503, "Busy", lease.error().message);
    return std::nullopt;
  }
  return write(**lease);
}

void ask(Runtime& runtime, const AssetVersions& assets, const std::optional<std::string>& content_origin,
         http::Request& req, http::Response& res) {
  auto form = checked_form(req, res);
  if (!form) return;
  const auto& user = console_user(req);
  auto refused = refusal_of(runtime, res, [&](store::Database& db) -> std::optional<Error> {
    community::NewThread in{req.capture(0), form_field(*form, "title"), form_field(*form, "body"), user.user_name, {},
                            session_principal(user).authority};
    auto started = community::start_thread(db, in);
    if (!started) return started.error();
    redirect(res, "/console/threads/" + started->thread.id);
    return std::nullopt;
  });
  if (!refused) return;
  if (refused->kind == ErrorKind::not_found) return send_words(res, 404, "No such module", refused->message);
  // The module's course page again, with the reason in words above it.
  std::optional<std::string> course_id;
  with_db(runtime, res, [&](store::Database& db) {
    if (auto view = community::list_discussions(db, req.capture(0))) course_id = view->module.course_id;
  });
  if (!course_id) return send_words(res, 400, "The question was not asked", refused->message);
  show_course(runtime, assets, req, res, *course_id, 400, "The question was not asked: " + refused->message,
              content_origin);
}

void answer(Runtime& runtime, const AssetVersions& assets, http::Request& req, http::Response& res) {
  auto form = checked_form(req, res);
  if (!form) return;
  const auto& user = console_user(req);
  auto refused = refusal_of(runtime, res, [&](store::Database& db) -> std::optional<Error> {
    auto posted = community::reply(db, {req.capture(0), form_field(*form, "body"), user.user_name,
                                        session_principal(user).authority});
    if (!posted) return posted.error();
    redirect(res, "/console/threads/" + req.capture(0) + "#post-" + posted->id);
    return std::nullopt;
  });
  if (!refused) return;
  if (refused->kind == ErrorKind::not_found) return send_words(res, 404, "No such thread", refused->message);
  show_thread(runtime, assets, req, res, req.capture(0), 400, "Your reply was not posted: " + refused->message);
}

void search(Runtime& runtime, const AssetVersions& assets, const http::Request& req, http::Response& res) {
  SearchSheet sheet;
  sheet.text = req.query_value("q").value_or("");
  sheet.kind = req.query_value("kind").value_or("");
  if (sheet.text.empty()) return send_page(res, 200, search_page(assets, console_user(req), sheet));
  knowledge::SearchRequest request;
  request.text = sheet.text;
  if (!sheet.kind.empty()) request.kinds = {sheet.kind};
  request.limit = 50;
  // A signed-in person of the organisation reads colleagues' threads and names.
  request.access = knowledge::ReadAccess::colleague();
  int status = 200;
  with_db(runtime, res, [&](store::Database& db) {
    auto found = knowledge::search(db, request);
    if (found) {
      sheet.results = std::move(*found);
    } else {
      sheet.problem = found.error().message;
      status = 400;
    }
    send_page(res, status, search_page(assets, console_user(req), sheet));
  });
}

}  // namespace

void register_learner_routes(http::Router& router, Runtime& runtime, Assets assets,
                             std::optional<std::string> content_origin) {
  auto signed_in = [&runtime] { return console_guard(runtime, ConsoleRole::learner); };
  router.add(http::route("GET", "/console/", [&runtime, assets](http::Request& req, http::Response& res) {
    with_db(runtime, res, [&](store::Database& db) {
      auto courses = courses_of_learner(db, console_user(req).user_name);
      if (!courses) return send_words(res, 500, "Your courses could not be read", courses.error().message);
      send_page(res, 200, my_courses_page(*assets, console_user(req), *courses));
    });
  }, signed_in()));
  router.add(http::route("GET", "/console/courses", [&runtime, assets](http::Request& req, http::Response& res) {
    with_db(runtime, res, [&](store::Database& db) {
      auto listing = catalog_listing(db, req.query_value("q").value_or(""), req.query_value("format").value_or(""),
                                     page_number(req));
      if (!listing) return send_words(res, 500, "The catalog could not be read", listing.error().message);
      send_page(res, 200, catalog_page(*assets, console_user(req), *listing));
    });
  }, signed_in()));
  router.add(http::route("GET", "/console/courses/{id}", [&runtime, assets, content_origin](http::Request& req,
                                                                                         http::Response& res) {
    show_course(runtime, *assets, req, res, req.capture(0), 200, std::nullopt, content_origin);
  }, http::id_guard(&http::is_slug, signed_in())));
  router.add(http::route("POST", "/console/courses/{id}/launch",
                         [&runtime, assets, content_origin](http::Request& req, http::Response& res) {
    launch(runtime, *assets, content_origin, req, res);
  }, http::id_guard(&http::is_slug, signed_in())));
  router.add(http::route("POST", "/console/modules/{id}/threads",
                         [&runtime, assets, content_origin](http::Request& req, http::Response& res) {
    ask(runtime, *assets, content_origin, req, res);
  }, http::id_guard(&http::is_slug, signed_in()), http::BodyMode::memory, kPostForm));
  router.add(http::route("GET", "/console/threads/{id}", [&runtime, assets](http::Request& req, http::Response& res) {
    show_thread(runtime, *assets, req, res, req.capture(0), 200, std::nullopt);
  }, http::id_guard(&http::is_slug, signed_in())));
  router.add(http::route("POST", "/console/threads/{id}/posts", [&runtime, assets](http::Request& req, http::Response& res) {
    answer(runtime, *assets, req, res);
  }, http::id_guard(&http::is_slug, signed_in()), http::BodyMode::memory, kPostForm));
  router.add(http::route("GET", "/console/search", [&runtime, assets](http::Request& req, http::Response& res) {
    search(runtime, *assets, req, res);
  }, signed_in()));
}

}  // namespace trellis
