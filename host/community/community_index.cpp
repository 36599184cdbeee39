#include "community/community_index.hpp"

#include "knowledge/search_index.hpp"

namespace trellis::community {
namespace {

std::string joined(const std::vector<std::string>& tags) {
  std::string out;
  for (const auto& t : tags) out += (out.empty() ? "" : ",") + t;
  return out;
}

std::string thread_url(const Thread& t) { return "/api/v1/threads/" + t.id; }

}  // namespace

Status index_thread(store::Database& db, const Thread& thread, const Post& opening) {
  knowledge::IndexEntry e;
  e.kind = "thread";
  e.source = kNativeSource;
  e.ref = thread.id;
  e.title = thread.title;
  e.body = opening.body_markdown;
  e.url = thread_url(thread);
  e.tags = joined(thread.tags);
  e.author = thread.author;
  e.updated = thread.updated_at;
  e.module_id = thread.module_id;
  e.thread_id = thread.id;
  return knowledge::put_entry(db, e);
}

Status index_post(store::Database& db, const Thread& thread, const Post& post) {
  knowledge::IndexEntry e;
  e.kind = "post";
  e.source = kNativeSource;
  e.ref = post.id;
  e.title = "Re: " + thread.title;
  e.body = post.body_markdown;
  e.url = thread_url(thread) + "#" + post.id;
  e.author = post.author;
  e.updated = post.edited_at.value_or(post.created_at);
  e.module_id = thread.module_id;
  e.thread_id = thread.id;
  return knowledge::put_entry(db, e);
}

}  // namespace trellis::community
