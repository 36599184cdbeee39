#include "community/community_service.hpp"

#include "community/community_index.hpp"
#include "community/community_statements.hpp"
#include "community/input_rules.hpp"
#include "community/markdown.hpp"
#include "core/ids.hpp"
#include "xapi/timestamp.hpp"

namespace trellis::community {
namespace {

std::string now() { return xapi::format_timestamp(xapi::now_micros()); }

Result<catalog::ModuleRef> module_or_refuse(store::Database& db, const std::string& module_id) {
  auto module = catalog::find_module(db, module_id);
  if (!module) return module.error();
  if (!module->has_value()) return make_error(ErrorKind::not_found, "no module with id " + module_id);
  return **module;
}

Result<Thread> thread_or_refuse(CommunityStore& store, const std::string& thread_id) {
  auto thread = store.find_thread(thread_id);
  if (!thread) return thread.error();
  if (!thread->has_value()) return make_error(ErrorKind::not_found, "no thread with id " + thread_id);
  return **thread;
}

// The thread's index entry again, after a change to the thread or its opening post.
Status reindex_thread(store::Database& db, CommunityStore& store, const Thread& thread) {
  auto opening = store.opening_post(thread.id);
  if (!opening) return opening.error();
  if (!opening->has_value()) return make_error(ErrorKind::internal, "thread " + thread.id + " has no opening post");
  return index_thread(db, thread, **opening);
}

Result<Post> post_or_refuse(CommunityStore& store, const std::string& post_id) {
  auto post = store.find_post(post_id);
  if (!post) return post.error();
  if (!post->has_value()) return make_error(ErrorKind::not_found, "no post with id " + post_id);
  return **post;
}

// Threads a connector brought in are changed at their source, not here.
Status require_native(const Thread& t) {
  if (t.provider == kNativeSource) return {};
  return make_error(ErrorKind::conflict, "thread " + t.id + " is kept by " + t.provider +
                                             "; post and accept answers there (" +
                                             (t.url.empty() ? "no URL known" : t.url) + ")");
}

Status check_author(const std::string& author) { return check_line("author", author, kMaxAuthorBytes); }

Result<ThreadView> view_of(store::Database& db, CommunityStore& store, Thread thread) {
  auto module = module_or_refuse(db, thread.module_id);
  if (!module) return module.error();
  auto posts = store.posts_of_thread(thread.id);
  if (!posts) return posts.error();
  return ThreadView{std::move(module.value()), std::move(thread), std::move(posts.value())};
}

}  // namespace

Result<ModuleDiscussions> list_discussions(store::Database& db, const std::string& module_id) {
  auto module = module_or_refuse(db, module_id);
  if (!module) return module.error();
  auto threads = CommunityStore(db).threads_of_module(module_id);
  if (!threads) return threads.error();
  return ModuleDiscussions{std::move(module.value()), std::move(threads.value())};
}

Result<ThreadView> read_thread(store::Database& db, const std::string& thread_id) {
  CommunityStore store(db);
  auto thread = thread_or_refuse(store, thread_id);
  if (!thread) return thread.error();
  return view_of(db, store, std::move(thread.value()));
}

Result<ThreadView> start_thread(store::Database& db, const NewThread& in) {
  auto limits = load_post_limits(db);
  if (!limits) return limits.error();
  TRELLIS_TRY(check_line("title", in.title, kMaxTitleBytes));
  TRELLIS_TRY(check_body(in.body, *limits));
  TRELLIS_TRY(check_author(in.author));
  auto tags = normalise_tags(in.tags);
  if (!tags) return tags.error();
  auto home_page = load_home_page(db);
  if (!home_page) return home_page.error();

  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  auto module = module_or_refuse(db, in.module_id);
  if (!module) return module.error();
  std::string when = now();
  Thread thread;
  thread.id = new_id("thr_");
  thread.module_id = module->id;
  thread.title = in.title;
  thread.tags = std::move(tags.value());
  thread.author = in.author;
  thread.created_at = thread.updated_at = when;
  thread.post_count = 1;
  Post opening{new_id("pst_"), thread.id, 0, in.author, in.body, render_markdown(in.body), when, {}};

  CommunityStore store(db);
  TRELLIS_TRY(store.insert_thread(thread));
  auto position = store.append_post(opening);
  if (!position) return position.error();
  TRELLIS_TRY(index_thread(db, thread, opening));
  TRELLIS_TRY(record_post(db, StatementInput{*module, thread, *home_page, in.authority}, opening));
  TRELLIS_TRY(tx->commit());
  return ThreadView{std::move(module.value()), std::move(thread), {std::move(opening)}};
}

Result<Post> reply(store::Database& db, const NewReply& in) {
  auto limits = load_post_limits(db);
  if (!limits) return limits.error();
  TRELLIS_TRY(check_body(in.body, *limits));
  TRELLIS_TRY(check_author(in.author));
  auto home_page = load_home_page(db);
  if (!home_page) return home_page.error();

  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  CommunityStore store(db);
  auto thread = thread_or_refuse(store, in.thread_id);
  if (!thread) return thread.error();
  TRELLIS_TRY(require_native(*thread));
  auto module = module_or_refuse(db, thread->module_id);
  if (!module) return module.error();
  std::string when = now();
  Post post{new_id("pst_"), thread->id, 0, in.author, in.body, render_markdown(in.body), when, {}};
  auto position = store.append_post(post);
  if (!position) return position.error();
  post.position = *position;
  TRELLIS_TRY(store.touch_thread(thread->id, when));
  thread->updated_at = when;
  TRELLIS_TRY(index_post(db, *thread, post));
  TRELLIS_TRY(reindex_thread(db, store, *thread));
  TRELLIS_TRY(record_post(db, StatementInput{*module, *thread, *home_page, in.authority}, post));
  TRELLIS_TRY(tx->commit());
  return post;
}

Result<Post> edit_post(store::Database& db, const std::string& post_id, const std::string& body) {
  auto limits = load_post_limits(db);
  if (!limits) return limits.error();
  TRELLIS_TRY(check_body(body, *limits));

  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  CommunityStore store(db);
  auto post = post_or_refuse(store, post_id);
  if (!post) return post.error();
  auto thread = thread_or_refuse(store, post->thread_id);
  if (!thread) return thread.error();
  TRELLIS_TRY(require_native(*thread));
  post->body_markdown = body;
  post->body_html = render_markdown(body);
  post->edited_at = now();
  TRELLIS_TRY(store.update_post_body(post->id, post->body_markdown, post->body_html, *post->edited_at));
  TRELLIS_TRY(post->position == 0 ? index_thread(db, *thread, *post) : index_post(db, *thread, *post));
  TRELLIS_TRY(tx->commit());
  return post;
}

Result<ThreadView> accept_answer(store::Database& db, const Acceptance& in) {
  if (in.accepted_by) TRELLIS_TRY(check_line("accepted by", *in.accepted_by, kMaxAuthorBytes));
  auto home_page = load_home_page(db);
  if (!home_page) return home_page.error();

  auto tx = store::Transaction::begin(db);
  if (!tx) return tx.error();
  CommunityStore store(db);
  if (in.thread_id) {
    auto named = thread_or_refuse(store, *in.thread_id);
    if (!named) return named.error();
  }
  auto post = post_or_refuse(store, in.post_id);
  if (!post) return post.error();
  if (in.thread_id && post->thread_id != *in.thread_id)
    return make_error(ErrorKind::invalid_input, "post " + post->id + " belongs to thread " + post->thread_id +
                                                    ", not to thread " + *in.thread_id);
  auto thread = thread_or_refuse(store, post->thread_id);
  if (!thread) return thread.error();
  TRELLIS_TRY(require_native(*thread));
  if (post->position == 0)
    return make_error(ErrorKind::invalid_input, "post " + post->id + " opened thread " + thread->id +
                                                    "; accept one of its replies as the answer");
  // Accepting the answer again changes nothing and records nothing.
  if (thread->accepted_post_id == post->id) return view_of(db, store, std::move(thread.value()));
  auto module = module_or_refuse(db, thread->module_id);
  if (!module) return module.error();
  std::string by = in.accepted_by.value_or(thread->author);
  std::string when = now();
  TRELLIS_TRY(store.set_accepted(thread->id, post->id, by, when));
  auto updated = thread_or_refuse(store, thread->id);
  if (!updated) return updated.error();
  TRELLIS_TRY(reindex_thread(db, store, *updated));
  TRELLIS_TRY(record_answer_accepted(db, StatementInput{*module, *updated, *home_page, in.authority}, *post, by, when));
  auto view = view_of(db, store, std::move(updated.value()));
  if (!view) return view.error();
  TRELLIS_TRY(tx->commit());
  return view;
}

}  // namespace trellis::community
