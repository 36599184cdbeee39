#include "http/console_guard.hpp"

#include "http/console_reply.hpp"
#include "http/console_session.hpp"
#include "http/problem.hpp"

namespace trellis {
namespace {

int rank(const std::string& role) {
  if (role == "admin") return 2;
  if (role == "designer") return 1;
  return 0;
}

const char* floor_name(ConsoleRole floor) {
  switch (floor) {
    case ConsoleRole::learner: return "a signed-in user";
    case ConsoleRole::designer: return "a course designer or an administrator";
    case ConsoleRole::admin: return "an administrator";
  }
  return "";
}

}  // namespace

bool role_reaches(const std::string& role, ConsoleRole floor) { return rank(role) >= static_cast<int>(floor); }

http::Guard console_guard(Runtime& runtime, ConsoleRole floor) {
  return [&runtime, floor](http::Request& req, http::Response& res) {
    auto found = session_of(runtime, req);
    if (found.error) {
      http::send_error(res, *found.error);
      return false;
    }
    if (!found.session) {
      redirect(res, "/console/login");
      return false;
    }
    if (!role_reaches(found.session->role, floor)) {
      send_words(res, 403, "Not for your role",
                 std::string("This page is for ") + floor_name(floor) + "; you are signed in as " +
                     found.session->user_name + " (" + found.session->role + ").");
      return false;
    }
    req.caller = std::move(*found.session);
    return true;
  };
}

const accounts::Session& console_user(const http::Request& req) {
  return std::any_cast<const accounts::Session&>(req.caller);
}

}  // namespace trellis
