#include "http/console_layout.hpp"

#include "http/html_text.hpp"

namespace trellis {
namespace {

std::string shell(const std::string& stylesheet_url, const std::string& title, const std::string& header_extra,
                  const std::string& body, const std::string& script_url) {
  std::string script = script_url.empty() ? "" : "<script src=\"" + html_text(script_url) + "\" defer></script>\n";
  return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>" + html_text(title) + " - Trellis</title>\n"
         "<link rel=\"stylesheet\" href=\"" + html_text(stylesheet_url) + "\">\n" + script +
         "</head>\n<body>\n<header><span class=\"brand\">Trellis</span>" + header_extra + "</header>\n"
         "<main>\n<h1>" + html_text(title) + "</h1>\n" + body + "</main>\n</body>\n</html>\n";
}

}  // namespace

std::string page_shell(const std::string& stylesheet_url, const std::string& title, const std::string& header_extra,
                       const std::string& body) {
  return shell(stylesheet_url, title, header_extra, body, "");
}

std::string hidden_csrf(const accounts::Session& user) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + html_text(user.csrf_token) + "\">";
}

std::string time_element(const std::string& stored) {
  // Stored timestamps are RFC 3339 UTC; the text stays readable without script.
  std::string shown = stored.size() >= 16 ? stored.substr(0, 10) + " " + stored.substr(11, 5) + " UTC" : stored;
  return "<time datetime=\"" + html_text(stored) + "\">" + html_text(shown) + "</time>";
}

std::string console_page(const AssetVersions& assets, const accounts::Session& user, const std::string& title,
                         const std::string& body) {
  std::string nav = "<nav aria-label=\"Console\"><ul>"
                    "<li><a href=\"/console/\">My courses</a></li>"
                    "<li><a href=\"/console/courses\">Courses</a></li>"
                    "<li><a href=\"/console/search\">Search</a></li>";
  nav += "</ul></nav>";
  std::string who = "<span class=\"who\">" + html_text(user.user_name) + " (" + html_text(user.role) + ")</span>"
                    "<form class=\"inline\" method=\"post\" action=\"/console/logout\">" + hidden_csrf(user) +
                    "<button type=\"submit\" class=\"link\">Sign out</button></form>";
  return shell(assets.url("console.css"), title, nav + who, body, assets.url("console.js"));
}

}  // namespace trellis
