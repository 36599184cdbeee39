#include "http/thread_page.hpp"

#include "http/html_text.hpp"

namespace trellis {
namespace {

std::string escaped(const std::string& text) { return html_text(text); }

std::string post_section(const community::Post& p, bool accepted) {
  std::string out = "<article id=\"" + escaped(p.id) + "\"><p class=\"by\">" + escaped(p.author) + " &middot; " +
                    escaped(p.created_at);
  if (p.edited_at) out += " (edited " + escaped(*p.edited_at) + ")";
  if (accepted) out += " &middot; <strong>accepted answer</strong>";
  return out + "</p>\n" + p.body_html + "</article>\n";
}

}  // namespace

bool wants_html(const http::Request& req) {
  std::string accept = req.header("Accept");
  auto html = accept.find("text/html");
  if (html == std::string::npos) return false;
  auto json = accept.find("json");
  return json == std::string::npos || html < json;
}

std::string thread_page(const community::ThreadView& v) {
  const auto& t = v.thread;
  std::string out =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" +
      escaped(t.title) +
      "</title><style>body{font-family:sans-serif;max-width:46em;margin:2em auto;padding:0 1em}"
      "article{border-top:1px solid #ccc;padding:.5em 0}.by{color:#555;font-size:.9em}</style></head><body>\n<h1>" +
      escaped(t.title) + "</h1>\n<p>On <strong>" + escaped(v.module.title) + "</strong> &middot; " + escaped(t.status);
  for (const auto& tag : t.tags) out += " &middot; #" + escaped(tag);
  out += "</p>\n";
  for (const auto& p : v.posts) out += post_section(p, t.accepted_post_id == p.id);
  return out + "</body></html>\n";
}

}  // namespace trellis
