#include "http/console_pages.hpp"

#include "http/html_text.hpp"
#include "xapi/timestamp.hpp"

namespace trellis {
namespace {

std::string page(const AssetVersions& assets, const std::string& title, const std::string& header_extra,
                 const std::string& body) {
  return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>" + html_text(title) + " - Trellis</title>\n"
         "<link rel=\"stylesheet\" href=\"" + html_text(assets.url("console.css")) + "\">\n"
         "</head>\n<body>\n<header><span class=\"brand\">Trellis</span>" + header_extra + "</header>\n"
         "<main>\n<h1>" + html_text(title) + "</h1>\n" + body + "</main>\n</body>\n</html>\n";
}

std::string problem_block(const std::optional<std::string>& problem) {
  if (!problem) return "";
  return "<p class=\"error\" role=\"alert\" id=\"form-error\">" + html_text(*problem) + "</p>\n";
}

std::string hidden_csrf(const accounts::Session& session) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + html_text(session.csrf_token) + "\">";
}

}  // namespace

std::string login_page(const AssetVersions& assets, const std::string& name, const std::optional<std::string>& problem) {
  std::string described = problem ? " aria-describedby=\"form-error\"" : "";
  return page(assets, "Sign in", "",
              problem_block(problem) +
                  "<form method=\"post\" action=\"/console/login\">\n"
                  "<label for=\"name\">User name</label>\n"
                  "<input type=\"text\" id=\"name\" name=\"name\" autocomplete=\"username\" required maxlength=\"128\""
                  " value=\"" + html_text(name) + "\"" + described + ">\n"
                  "<label for=\"password\">Password</label>\n"
                  "<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\""
                  " required maxlength=\"1024\"" + described + ">\n"
                  "<button type=\"submit\">Sign in</button>\n</form>\n"
                  "<p class=\"hint\">No account yet? An administrator makes one with "
                  "<code>trellis user add NAME --role learner --invite</code>.</p>\n");
}

std::string home_page(const AssetVersions& assets, const accounts::Session& session) {
  std::string who = "<span>" + html_text(session.user_name) + " (" + html_text(session.role) + ")</span>";
  return page(assets, "Welcome, " + session.user_name, who,
              "<p>You are signed in as <strong>" + html_text(session.user_name) + "</strong> with the role <strong>" +
                  html_text(session.role) + "</strong>. Your session ends at " + html_text(xapi::display_timestamp(session.expires_at)) +
                  " (UTC).</p>\n"
                  "<form class=\"inline\" method=\"post\" action=\"/console/logout\">" + hidden_csrf(session) +
                  "<button type=\"submit\">Sign out</button></form>\n"
                  "<form class=\"inline\" method=\"post\" action=\"/console/logout-everywhere\">" +
                  hidden_csrf(session) + "<button type=\"submit\">Sign out everywhere</button></form>\n");
}

std::string invite_page(const AssetVersions& assets, const std::string& token, const std::optional<std::string>& problem) {
  std::string described = problem ? " aria-describedby=\"form-error\"" : "";
  return page(assets, "Choose your password", "",
              problem_block(problem) +
                  "<form method=\"post\" action=\"/console/invite/" + html_text(token) + "\">\n"
                  "<label for=\"password\">New password (at least 12 characters)</label>\n"
                  "<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"new-password\""
                  " required minlength=\"12\" maxlength=\"1024\"" + described + ">\n"
                  "<button type=\"submit\">Set password and sign in</button>\n</form>\n");
}

}  // namespace trellis
