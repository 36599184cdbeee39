// My courses, the catalog and a course's page (http/learner_pages.hpp).
#include "http/console_layout.hpp"
#include "http/html_text.hpp"
#include "http/learner_pages.hpp"
#include "http/safe_link.hpp"

namespace trellis {
namespace {

std::string progress_text(const CourseProgress& c) {
  std::string out = std::to_string(c.modules_done) + " of " + std::to_string(c.modules_total) + " modules done";
  if (c.completed) out += ", completed";
  if (c.passed) out += *c.passed ? ", passed" : ", not passed";
  return out;
}

std::string query_link(const CatalogListing& l, int page) {
  return "/console/courses?q=" + encode_uri_component(l.query) + "&amp;format=" + encode_uri_component(l.format) +
         "&amp;page=" + std::to_string(page);
}

std::string format_option(const std::string& value, const std::string& label, const std::string& chosen) {
  return "<option value=\"" + html_text(value) + "\"" + (value == chosen ? " selected" : "") + ">" + html_text(label) +
         "</option>";
}

std::string link_item(const knowledge::ModuleLink& link) {
  std::string kind = link.item.kind;
  std::string title = html_text(link.title.empty() ? link.item.ref : link.title);
  std::string href = link.item.kind == "thread" && link.item.source == "native"
                         ? "/console/threads/" + encode_uri_component(link.item.ref)
                         : safe_href(link.url);
  std::string shown = href.empty() ? title : "<a href=\"" + html_text(href) + "\">" + title + "</a>";
  return "<li><span class=\"kind\">" + html_text(kind) + "</span> " + shown + "</li>";
}

std::string module_section(const CourseSheet& sheet, const ModuleEntry& m, const accounts::Session& user) {
  std::string id = "module-" + m.module_id;
  std::string out = "<section class=\"module\" id=\"" + html_text(id) + "\" aria-labelledby=\"" + html_text(id) +
                    "-title\">\n<h2 id=\"" + html_text(id) + "-title\">" + html_text(m.title) + "</h2>\n";
  if (m.launchable) {
    if (!m.completion.empty())
      out += "<p class=\"status\">Status: " + html_text(m.completion) +
             (m.success != "unknown" && !m.success.empty() ? ", " + html_text(m.success) : "") + "</p>\n";
    if (sheet.may_launch)
      out += "<form method=\"post\" action=\"/console/courses/" + html_text(sheet.course_id) + "/launch\">" +
             hidden_csrf(user) + "<input type=\"hidden\" name=\"module\" value=\"" + html_text(m.module_id) +
             "\"><button type=\"submit\">Launch <span class=\"visually-hidden\">" + html_text(m.title) +
             "</span></button></form>\n";
  }
  if (!m.links.empty() || !m.threads.empty()) {
    out += "<h3>Knowledge beside this module</h3>\n<ul class=\"knowledge\">";
    for (const auto& l : m.links) out += link_item(l);
    for (const auto& t : m.threads)
      out += "<li><span class=\"kind\">question</span> <a href=\"/console/threads/" + html_text(t.id) + "\">" +
             html_text(t.title) + "</a> (" + html_text(t.status) + ", " + std::to_string(t.post_count) +
             (t.post_count == 1 ? " post" : " posts") + ")</li>";
    out += "</ul>\n";
  }
  out += "<details><summary>Ask a question about this module</summary>\n"
         "<form method=\"post\" action=\"/console/modules/" + html_text(m.module_id) + "/threads\">" + hidden_csrf(user) +
         "<label for=\"" + html_text(id) + "-q\">Question</label>"
         "<input type=\"text\" id=\"" + html_text(id) + "-q\" name=\"title\" required maxlength=\"200\">"
         "<label for=\"" + html_text(id) + "-body\">Details (Markdown)</label>"
         "<textarea id=\"" + html_text(id) + "-body\" name=\"body\" required maxlength=\"20000\" rows=\"4\"></textarea>"
         "<button type=\"submit\">Ask</button></form>\n</details>\n";
  return out + "</section>\n";
}

}  // namespace

std::string my_courses_page(const AssetVersions& assets, const accounts::Session& user,
                            const std::vector<CourseProgress>& courses) {
  std::string body;
  if (courses.empty()) {
    body = "<p>You have not started a course yet. <a href=\"/console/courses\">Browse the courses</a>.</p>\n";
  } else {
    body = "<table>\n<caption>Courses you have started</caption>\n<thead><tr><th scope=\"col\">Course</th>"
           "<th scope=\"col\">Progress</th><th scope=\"col\">Started</th></tr></thead>\n<tbody>\n";
    for (const auto& c : courses)
      body += "<tr><td><a href=\"/console/courses/" + html_text(c.course_id) + "\">" + html_text(c.title) +
              "</a></td><td>" + html_text(progress_text(c)) + "</td><td>" + time_element(c.started_at) + "</td></tr>\n";
    body += "</tbody>\n</table>\n";
  }
  return console_page(assets, user, "My courses", body);
}

std::string catalog_page(const AssetVersions& assets, const accounts::Session& user, const CatalogListing& l) {
  std::string body =
      "<form method=\"get\" action=\"/console/courses\" role=\"search\" class=\"filters\">"
      "<label for=\"q\">Title contains</label><input type=\"text\" id=\"q\" name=\"q\" maxlength=\"200\" value=\"" +
      html_text(l.query) + "\"><label for=\"format\">Format</label><select id=\"format\" name=\"format\">" +
      format_option("", "Any format", l.format) + format_option("scorm12", "SCORM 1.2", l.format) +
      format_option("scorm2004", "SCORM 2004", l.format) + format_option("cmi5", "cmi5", l.format) +
      format_option("xapi", "xAPI (tincan.xml)", l.format) + "</select><button type=\"submit\">Filter</button></form>\n";
  body += "<p role=\"status\">" + std::to_string(l.total) + (l.total == 1 ? " course" : " courses") + ", page " +
          std::to_string(l.page) + " of " + std::to_string(l.pages) + ".</p>\n";
  if (!l.rows.empty()) {
    body += "<table>\n<caption>Courses</caption>\n<thead><tr><th scope=\"col\">Title</th><th scope=\"col\">Format</th>"
            "<th scope=\"col\">Modules</th><th scope=\"col\">Version</th><th scope=\"col\">Imported</th></tr></thead>\n"
            "<tbody>\n";
    for (const auto& r : l.rows)
      body += "<tr><td><a href=\"/console/courses/" + html_text(r.course_id) + "\">" + html_text(r.title) +
              "</a></td><td>" + html_text(r.format) + "</td><td>" + std::to_string(r.modules) + "</td><td>" +
              std::to_string(r.version) + "</td><td>" + time_element(r.imported_at) + "</td></tr>\n";
    body += "</tbody>\n</table>\n";
  }
  body += "<nav aria-label=\"Pages\" class=\"pager\">";
  if (l.page > 1) body += "<a href=\"" + query_link(l, l.page - 1) + "\" rel=\"prev\">Previous page</a> ";
  if (l.page < l.pages) body += "<a href=\"" + query_link(l, l.page + 1) + "\" rel=\"next\">Next page</a>";
  body += "</nav>\n";
  return console_page(assets, user, "Courses", body);
}

std::string course_page(const AssetVersions& assets, const accounts::Session& user, const CourseSheet& sheet) {
  std::string body;
  if (sheet.notice) body += "<p class=\"error\" role=\"alert\">" + html_text(*sheet.notice) + "</p>\n";
  body += "<p class=\"facts\">" + html_text(sheet.format) + " &middot; version " + std::to_string(sheet.version) +
          " &middot; " + std::to_string(sheet.modules.size()) + " modules</p>\n";
  if (!sheet.may_launch)
    body += "<p class=\"hint\">Only learner accounts launch modules: a launch writes learning records for the "
            "learner who makes it.</p>\n";
  for (const auto& m : sheet.modules) body += module_section(sheet, m, user);
  return console_page(assets, user, sheet.title, body);
}

}  // namespace trellis
