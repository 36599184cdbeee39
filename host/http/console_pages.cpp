#include "http/console_pages.hpp"

#include "http/html_text.hpp"
#include "http/console_layout.hpp"

namespace trellis {
namespace {

std::string page(const AssetVersions& assets, const std::string& title, const std::string& body) {
  return page_shell(assets.url("console.css"), title, "", body);
}

std::string problem_block(const std::optional<std::string>& problem) {
  if (!problem) return "";
  return "<p class=\"error\" role=\"alert\" id=\"form-error\">" + html_text(*problem) + "</p>\n";
}

}  // namespace

std::string login_page(const AssetVersions& assets, const std::string& name, const std::optional<std::string>& problem) {
  std::string described = problem ? " aria-describedby=\"form-error\"" : "";
  return page(assets, "Sign in",
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

std::string invite_page(const AssetVersions& assets, const std::string& token, const std::optional<std::string>& problem) {
  std::string described = problem ? " aria-describedby=\"form-error\"" : "";
  return page(assets, "Choose your password",
              problem_block(problem) +
                  "<form method=\"post\" action=\"/console/invite/" + html_text(token) + "\">\n"
                  "<label for=\"password\">New password (at least 12 characters)</label>\n"
                  "<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"new-password\""
                  " required minlength=\"12\" maxlength=\"1024\"" + described + ">\n"
                  "<button type=\"submit\">Set password and sign in</button>\n</form>\n");
}

}  // namespace trellis
