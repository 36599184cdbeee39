#include "http/console_reply.hpp"

#include "http/console_layout.hpp"
#include "http/console_pages.hpp"
#include "http/html_text.hpp"

namespace trellis {

void set_page_headers(http::Response& res) {
  res.set_header("Content-Security-Policy", kConsolePagePolicy);
  res.set_header("X-Content-Type-Options", "nosniff");
  // The console's own links may say where they came from; other sites learn nothing.
  res.set_header("Referrer-Policy", "same-origin");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Cache-Control", "no-store");
}

void send_page(http::Response& res, int status, std::string html) {
  set_page_headers(res);
  res.status = status;
  res.set_body(std::move(html), "text/html; charset=utf-8");
}

void redirect(http::Response& res, const std::string& to) {
  set_page_headers(res);
  res.status = 303;
  res.set_header("Location", to);
}

void send_words(http::Response& res, int status, const std::string& title, const std::string& words) {
  send_page(res, status,
            page_shell("/console/assets/console.css", title, "",
                       "<p class=\"error\" role=\"alert\">" + html_text(words) + "</p>\n"
                       "<p><a href=\"/console/\">Back to the console</a></p>\n"));
}

bool is_form(const http::Request& req) { return req.media_type() == "application/x-www-form-urlencoded"; }

std::string form_field(const FormFields& form, const std::string& name) {
  auto it = form.find(name);
  return it == form.end() ? "" : it->second;
}

}  // namespace trellis
