#include "community/community_json.hpp"

#include <nlohmann/json.hpp>

#include "xapi/timestamp.hpp"

namespace trellis::community {
namespace {

using json = nlohmann::json;

json or_null(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

json module_json(const catalog::ModuleRef& m) {
  return {{"id", m.id},       {"course_id", m.course_id}, {"identifier", m.identifier},
          {"title", m.title}, {"kind", m.kind},           {"format", m.format}};
}

json thread_summary_json(const Thread& t) {
  return {{"id", t.id},
          {"module_id", t.module_id},
          {"provider", t.provider},
          {"external_ref", or_null(t.external_ref)},
          {"url", t.url},
          {"title", t.title},
          {"status", t.status},
          {"accepted_post_id", or_null(t.accepted_post_id)},
          {"accepted_by", or_null(t.accepted_by)},
          {"tags", t.tags},
          {"author", t.author},
          {"created_at", xapi::display_timestamp(t.created_at)},
          {"updated_at", xapi::display_timestamp(t.updated_at)},
          {"post_count", t.post_count},
          {"href", "/api/v1/threads/" + t.id}};
}

json post_json(const Post& p) {
  return {{"id", p.id},
          {"thread_id", p.thread_id},
          {"position", p.position},
          {"author", p.author},
          {"body_markdown", p.body_markdown},
          {"body_html", p.body_html},
          {"created_at", xapi::display_timestamp(p.created_at)},
          {"edited_at", p.edited_at ? json(xapi::display_timestamp(*p.edited_at)) : json()}};
}

json thread_json(const ThreadView& v) {
  json out = thread_summary_json(v.thread);
  out["post_count"] = v.posts.size();
  out["module"] = module_json(v.module);
  out["posts"] = json::array();
  for (const auto& p : v.posts) {
    json post = post_json(p);
    post["accepted"] = v.thread.accepted_post_id == p.id;
    out["posts"].push_back(std::move(post));
  }
  return out;
}

json discussions_json(const ModuleDiscussions& list) {
  json out = {{"module", module_json(list.module)}, {"threads", json::array()}};
  for (const auto& t : list.threads) out["threads"].push_back(thread_summary_json(t));
  return out;
}

}  // namespace trellis::community
