// `trellis discuss list|thread|start|reply|edit|accept`: native discussions on
// course modules. Other parts of the host add subcommands to `discuss` too
// (connectors), so it is looked up by that name.
#include <fstream>
#include <iostream>
#include <iterator>

#include "cli/cli.hpp"

#include <nlohmann/json.hpp>
#include "cli/output.hpp"
#include "community/community_json.hpp"
#include "community/community_service.hpp"

namespace trellis::cli {
namespace {

using community::Post;
using community::ThreadView;

// A body comes from --body, or from --body-file (a path, or "-" for stdin) when it
// is long or has characters a shell would mangle.
struct BodyOptions {
  std::string text;
  std::string file;
  CLI::Option* text_option = nullptr;
};

void add_body_options(CLI::App* cmd, BodyOptions& body) {
  body.text_option = cmd->add_option("--body", body.text, "The post, in Markdown");
  auto* file = cmd->add_option("--body-file", body.file, "Read the post (Markdown) from FILE, or stdin for '-'");
  body.text_option->excludes(file);
  file->excludes(body.text_option);
}

Result<std::string> read_body(const BodyOptions& body) {
  if (body.file.empty()) {
    if (body.text_option->count() == 0)
      return make_error(ErrorKind::usage, "give the post with --body TEXT or --body-file FILE");
    return body.text;
  }
  if (body.file == "-") return std::string(std::istreambuf_iterator<char>(std::cin), {});
  std::ifstream in(body.file, std::ios::binary);
  if (!in) return make_error(ErrorKind::environment, "cannot read " + body.file);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Reads the body, then hands it to `use`; a body that cannot be read ends there.
template <typename Use>
auto with_body(const BodyOptions& body, Use use) -> decltype(use(std::string())) {
  auto text = read_body(body);
  if (!text) return text.error();
  return use(std::move(text.value()));
}

void print_thread(const ThreadView& v) {
  const auto& t = v.thread;
  std::cout << t.title << "\n  thread " << t.id << " on module " << v.module.id << " (" << v.module.title << "), "
            << t.status << ", started by " << t.author << " at " << t.created_at << "\n";
  if (!t.tags.empty()) {
    std::cout << "  tags:";
    for (const auto& tag : t.tags) std::cout << " " << tag;
    std::cout << "\n";
  }
  for (const auto& p : v.posts) {
    std::cout << "\n--- " << p.id << " by " << p.author << " at " << p.created_at;
    if (p.edited_at) std::cout << " (edited " << *p.edited_at << ")";
    if (t.accepted_post_id == p.id) std::cout << " [accepted answer, by " << t.accepted_by.value_or("") << "]";
    std::cout << "\n" << p.body_markdown << "\n";
  }
}

// Runs `work` against the home's database and prints its result as JSON or text.
template <typename Work, typename Print>
void on_run(CLI::App* cmd, CliState& state, std::shared_ptr<bool> as_json, Work work, Print print) {
  cmd->add_flag("--json", *as_json, "Print as JSON");
  cmd->callback([&state, as_json, work, print] {
    state.action = [&state, as_json, work, print] {
      auto rt = state.open_runtime();
      if (!rt) return report_error(rt.error());
      auto result = work(rt.value()->db);
      if (!result) return report_error(result.error());
      print(*result, *as_json);
      return 0;
    };
  });
}

void add_list(CLI::App* discuss, CliState& state) {
  auto* cmd = discuss->add_subcommand("list", "List the discussions on a module, most recently active first");
  auto module = std::make_shared<std::string>();
  cmd->add_option("MODULE", *module, "Module id (see course show)")->required();
  on_run(
      cmd, state, std::make_shared<bool>(false),
      [module](store::Database& db) { return community::list_discussions(db, *module); },
      [module](const community::ModuleDiscussions& list, bool as_json) {
        if (as_json) return print_json(community::discussions_json(list));
        if (list.threads.empty())
          std::cout << "no discussions on module " << *module << " yet; start one with: trellis discuss start "
                    << *module << " --title T --body B --author A\n";
        for (const auto& t : list.threads)
          std::cout << t.id << "  " << t.status << "  " << t.title << "  (" << t.post_count << " posts, " << t.provider
                    << ", by " << t.author << ", active " << t.updated_at << ")\n";
      });
}

void add_show(CLI::App* discuss, CliState& state) {
  auto* cmd = discuss->add_subcommand("thread", "Show a thread with its posts");
  auto id = std::make_shared<std::string>();
  cmd->add_option("ID", *id, "Thread id")->required();
  on_run(
      cmd, state, std::make_shared<bool>(false), [id](store::Database& db) { return community::read_thread(db, *id); },
      [](const ThreadView& v, bool as_json) { as_json ? print_json(community::thread_json(v)) : print_thread(v); });
}

void add_start(CLI::App* discuss, CliState& state) {
  auto* cmd = discuss->add_subcommand("start", "Start a discussion on a module");
  auto in = std::make_shared<community::NewThread>();
  auto body = std::make_shared<BodyOptions>();
  cmd->add_option("MODULE", in->module_id, "Module id (see course show)")->required();
  cmd->add_option("--title", in->title, "Title of the thread")->required();
  add_body_options(cmd, *body);
  cmd->add_option("--author", in->author, "Who writes (a name, or an e-mail address)")->required();
  cmd->add_option("--tag", in->tags, "A tag (repeat for more)");
  on_run(
      cmd, state, std::make_shared<bool>(false),
      [in, body](store::Database& db) {
        return with_body(*body, [&](std::string text) {
          community::NewThread request = *in;
          request.body = std::move(text);
          return community::start_thread(db, request);
        });
      },
      [](const ThreadView& v, bool as_json) {
        if (as_json) return print_json(community::thread_json(v));
        std::cout << "started thread " << v.thread.id << " on module " << v.module.id << "\n";
      });
}

void add_reply(CLI::App* discuss, CliState& state) {
  auto* cmd = discuss->add_subcommand("reply", "Reply to a thread");
  auto in = std::make_shared<community::NewReply>();
  auto body = std::make_shared<BodyOptions>();
  cmd->add_option("THREAD", in->thread_id, "Thread id")->required();
  add_body_options(cmd, *body);
  cmd->add_option("--author", in->author, "Who writes (a name, or an e-mail address)")->required();
  on_run(
      cmd, state, std::make_shared<bool>(false),
      [in, body](store::Database& db) {
        return with_body(*body, [&](std::string text) {
          community::NewReply request = *in;
          request.body = std::move(text);
          return community::reply(db, request);
        });
      },
      [](const Post& p, bool as_json) {
        if (as_json) return print_json(community::post_json(p));
        std::cout << "posted " << p.id << " in thread " << p.thread_id << "\n";
      });
}

void add_edit(CLI::App* discuss, CliState& state) {
  auto* cmd = discuss->add_subcommand("edit", "Replace the body of a post");
  auto id = std::make_shared<std::string>();
  auto body = std::make_shared<BodyOptions>();
  cmd->add_option("POST", *id, "Post id")->required();
  add_body_options(cmd, *body);
  on_run(
      cmd, state, std::make_shared<bool>(false),
      [id, body](store::Database& db) {
        return with_body(*body, [&](const std::string& text) { return community::edit_post(db, *id, text); });
      },
      [](const Post& p, bool as_json) {
        if (as_json) return print_json(community::post_json(p));
        std::cout << "edited " << p.id << " in thread " << p.thread_id << "\n";
      });
}

void add_accept(CLI::App* discuss, CliState& state) {
  auto* cmd = discuss->add_subcommand("accept", "Accept a reply as the answer of its thread");
  auto in = std::make_shared<community::Acceptance>();
  auto by = std::make_shared<std::string>();
  cmd->add_option("POST", in->post_id, "Post id of the reply")->required();
  cmd->add_option("--by", *by, "The expert who accepts it (default: who started the thread)");
  on_run(
      cmd, state, std::make_shared<bool>(false),
      [in, by](store::Database& db) {
        community::Acceptance request = *in;
        if (!by->empty()) request.accepted_by = *by;
        return community::accept_answer(db, request);
      },
      [](const ThreadView& v, bool as_json) {
        if (as_json) return print_json(community::thread_json(v));
        std::cout << "thread " << v.thread.id << " answered by post " << v.thread.accepted_post_id.value_or("")
                  << " (accepted by " << v.thread.accepted_by.value_or("") << ")\n";
      });
}

}  // namespace

void add_discuss_command(CLI::App& app, CliState& state) {
  auto* discuss = app.add_subcommand("discuss", "Discussions attached to course modules");
  discuss->require_subcommand(1);
  add_list(discuss, state);
  add_show(discuss, state);
  add_start(discuss, state);
  add_reply(discuss, state);
  add_edit(discuss, state);
  add_accept(discuss, state);
}

}  // namespace trellis::cli
