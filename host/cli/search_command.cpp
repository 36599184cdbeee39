// `trellis search QUERY`: knowledge search from the command line, the same
// service and JSON as GET /api/v1/search.
#include <iostream>

#include "cli/cli.hpp"

#include <nlohmann/json.hpp>
#include "cli/output.hpp"
#include "knowledge/module_index.hpp"
#include "knowledge/search_service.hpp"

namespace trellis::cli {

void add_search_command(CLI::App& app, CliState& state) {
  auto* cmd = app.add_subcommand("search", "Search modules, threads, posts, documents, experts and events together");
  auto query = std::make_shared<std::string>();
  auto kinds = std::make_shared<std::vector<std::string>>();
  auto limit = std::make_shared<int>(20);
  auto json = std::make_shared<bool>(false);
  auto anonymous = std::make_shared<bool>(false);
  cmd->add_option("QUERY", *query, "What to look for, in plain words")->required();
  cmd->add_option("--kind", *kinds, "Only this kind: module, thread, post, document, expert, event (repeatable)");
  cmd->add_option("--limit", *limit, "At most this many results (1-100)")->capture_default_str();
  cmd->add_flag("--json", *json, "Print as JSON");
  cmd->add_flag("--anonymous", *anonymous,
                "Only what GET /api/v1/search shows a caller without a key (no threads, posts or experts)");
  cmd->callback([&state, query, kinds, limit, json, anonymous] {
    state.action = [&state, query, kinds, limit, json, anonymous] {
      auto rt = state.open_runtime();
      if (!rt) return report_error(rt.error());
      auto& db = rt.value()->db;
      if (auto done = knowledge::backfill_module_index(db); !done) return report_error(done.error());
      knowledge::SearchRequest request;
      request.text = *query;
      request.kinds = *kinds;
      request.limit = *limit;
      // Whoever can open the home reads all of it (discuss thread shows any post).
      request.access = *anonymous ? knowledge::ReadAccess::anonymous() : knowledge::ReadAccess::home_owner();
      auto found = knowledge::search(db, request);
      if (!found) return report_error(found.error());
      if (*json) {
        print_json(knowledge::to_json(*found));
        return 0;
      }
      if (found->results.empty()) std::cout << "nothing matches \"" << *query << "\"\n";
      for (const auto& hit : found->results) {
        std::cout << hit.kind << "  " << hit.title << "  (" << hit.source << ", " << static_cast<int>(hit.score * 100)
                  << "%)\n";
        if (!hit.url.empty()) std::cout << "    " << hit.url << "\n";
        if (!hit.snippet.empty()) {
          std::string line = hit.snippet;  // one line per result, whatever the text's own breaks
          for (auto& c : line)
            if (c == '\n' || c == '\r') c = ' ';
          std::cout << "    " << line << "\n";
        }
      }
      std::string counts;
      for (const auto& [kind, n] : found->counts)
        if (n > 0) counts += (counts.empty() ? "" : ", ") + std::to_string(n) + " " + kind;
      if (!counts.empty()) std::cout << "matches: " << counts << "\n";
      return 0;
    };
  });
}

}  // namespace trellis::cli
