// One knowledge search with results grouped by kind, and a thread's page
// (http/learner_pages.hpp).
#include <array>

#include "http/console_layout.hpp"
#include "http/html_text.hpp"
#include "http/learner_pages.hpp"
#include "http/safe_link.hpp"

namespace trellis {
namespace {

struct KindLabel {
  const char* kind;
  const char* heading;
};
// The order a person reads them in: what to learn, then who and what others said.
constexpr std::array<KindLabel, 6> kKindLabels{{{"module", "Modules"},
                                                {"document", "Documents"},
                                                {"thread", "Threads"},
                                                {"post", "Replies"},
                                                {"expert", "Colleagues who know"},
                                                {"event", "Events"}}};

std::string hit_href(const knowledge::SearchHit& hit) {
  if ((hit.kind == "thread" || hit.kind == "post") && hit.thread_id)
    return "/console/threads/" + encode_uri_component(*hit.thread_id);
  if (hit.kind == "module" && hit.course_id && hit.module_id)
    return "/console/courses/" + encode_uri_component(*hit.course_id) + "#module-" + encode_uri_component(*hit.module_id);
  return safe_href(hit.url);
}

std::string hit_item(const knowledge::SearchHit& hit) {
  std::string href = hit_href(hit);
  std::string title = html_text(hit.title);
  std::string out = "<li>" + (href.empty() ? title : "<a href=\"" + html_text(href) + "\">" + title + "</a>");
  if (!hit.snippet.empty()) out += "<p class=\"snippet\">" + html_text(hit.snippet) + "</p>";
  return out + "</li>\n";
}

std::string kind_link(const SearchSheet& s, const char* kind, const std::string& label, int64_t count) {
  bool current = s.kind == kind;
  return "<li><a href=\"/console/search?q=" + encode_uri_component(s.text) + (*kind ? "&amp;kind=" : "") + kind + "\"" +
         (current ? " aria-current=\"page\"" : "") + ">" + html_text(label) + " (" + std::to_string(count) +
         ")</a></li>";
}

std::string post_article(const community::Post& p, bool accepted) {
  std::string out = "<article id=\"post-" + html_text(p.id) + "\"" + (accepted ? " class=\"accepted\"" : "") +
                    "><p class=\"by\">" + html_text(p.author) + " &middot; " + time_element(p.created_at);
  if (p.edited_at) out += " (edited " + time_element(*p.edited_at) + ")";
  if (accepted) out += " &middot; <strong>Accepted answer</strong>";
  // body_html: libcmark's safe mode rendered it (raw HTML and unsafe links dropped).
  return out + "</p>\n" + p.body_html + "</article>\n";
}

}  // namespace

std::string search_page(const AssetVersions& assets, const accounts::Session& user, const SearchSheet& s) {
  std::string body = "<form method=\"get\" action=\"/console/search\" role=\"search\">"
                     "<label for=\"q\">Search courses, documents, threads and colleagues</label>"
                     "<input type=\"search\" id=\"q\" name=\"q\" maxlength=\"500\" value=\"" + html_text(s.text) +
                     "\"><button type=\"submit\">Search</button></form>\n";
  if (s.problem) body += "<p class=\"error\" role=\"alert\">" + html_text(*s.problem) + "</p>\n";
  if (s.results) {
    int64_t total = 0;
    for (const auto& [kind, n] : s.results->counts) total += n;
    body += "<nav aria-label=\"Result kinds\"><ul class=\"tabs\">" + kind_link(s, "", "All", total);
    for (const auto& k : kKindLabels) {
      auto it = s.results->counts.find(k.kind);
      if (it != s.results->counts.end()) body += kind_link(s, k.kind, k.heading, it->second);
    }
    body += "</ul></nav>\n<p role=\"status\">" + std::to_string(total) + (total == 1 ? " match" : " matches") +
            " for &ldquo;" + html_text(s.text) + "&rdquo;.</p>\n";
    for (const auto& k : kKindLabels) {
      std::string items;
      for (const auto& hit : s.results->results)
        if (hit.kind == k.kind) items += hit_item(hit);
      if (items.empty()) continue;
      auto count = s.results->counts.count(k.kind) ? s.results->counts.at(k.kind) : 0;
      body += "<section aria-labelledby=\"kind-" + std::string(k.kind) + "\"><h2 id=\"kind-" + k.kind + "\">" +
              k.heading + " <span class=\"count\">(" + std::to_string(count) + ")</span></h2>\n<ul class=\"hits\">\n" +
              items + "</ul></section>\n";
    }
  }
  return console_page(assets, user, "Search", body);
}

std::string console_thread_page(const AssetVersions& assets, const accounts::Session& user,
                                const community::ThreadView& v, const std::optional<std::string>& problem) {
  const auto& t = v.thread;
  std::string body = "<p class=\"facts\">A question on <a href=\"/console/courses/" + html_text(v.module.course_id) +
                     "#module-" + html_text(v.module.id) + "\">" + html_text(v.module.title) + "</a> &middot; " +
                     html_text(t.status == "answered" ? "answered" : "open");
  for (const auto& tag : t.tags) body += " &middot; #" + html_text(tag);
  body += "</p>\n";
  for (const auto& p : v.posts) body += post_article(p, t.accepted_post_id == p.id);
  if (problem) body += "<p class=\"error\" role=\"alert\" id=\"reply-error\">" + html_text(*problem) + "</p>\n";
  body += "<form method=\"post\" action=\"/console/threads/" + html_text(t.id) + "/posts\">" + hidden_csrf(user) +
          "<label for=\"reply\">Your reply (Markdown)</label><textarea id=\"reply\" name=\"body\" required "
          "maxlength=\"20000\" rows=\"5\"" + (problem ? " aria-describedby=\"reply-error\"" : "") +
          "></textarea><button type=\"submit\">Reply</button></form>\n";
  return console_page(assets, user, t.title, body);
}

}  // namespace trellis
