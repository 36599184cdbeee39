// `trellis records export`: the stored statements, filtered, written by an
// exporter plugin to a file or stdout.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/cli.hpp"
#include "cli/output.hpp"
#include "cli/progress_line.hpp"
#include "records/export.hpp"
#include "records/export_file.hpp"
#include "cli/forward_command.hpp"
#include "lrs/filter_text.hpp"

namespace trellis::cli {
namespace {

struct ExportArgs {
  std::string format;
  std::optional<std::string> since, until, course, verb, agent, output;
};

int run_export(CliState& state, const ExportArgs& args) {
  auto filter = lrs::parse_export_filter({args.since, args.until, args.verb, args.agent, args.course});
  if (!filter) return report_error(filter.error());
  auto rt = state.open_runtime();
  if (!rt) return report_error(rt.error());
  auto plugins = rt.value()->plugins();
  if (!plugins) return report_error(plugins.error());
  auto exporter = records::find_file_exporter(**plugins, args.format);
  if (!exporter) return report_error(exporter.error());

  records::ExportRequest request;
  request.filter = std::move(*filter);
  std::unique_ptr<records::ExportFile> file;
  if (args.output && *args.output != "-") {
    auto opened = records::ExportFile::open(*args.output);
    if (!opened) return report_error(opened.error());
    file = std::move(*opened);
    request.write = [&file](std::string_view bytes) { return file->write(bytes); };
  } else {
    request.write = [](std::string_view bytes) {
      return std::fwrite(bytes.data(), 1, bytes.size(), stdout) == bytes.size();
    };
  }
  // Not over statements scrolling by on the same terminal; cleared before the
  // command says anything more.
  ProgressLine line(file != nullptr || ::isatty(STDOUT_FILENO) != 1);
  request.progress = line.callback();
  auto sent = records::export_records(rt.value()->db, *exporter, request);
  line.clear();
  if (!sent) return report_error(sent.error());
  if (file) {
    if (auto st = file->commit(); !st) return report_error(st.error());
    std::cerr << "exported " << *sent << " statement(s) to " << *args.output << "\n";
  } else if (std::fflush(stdout) != 0) {
    return report_error(make_error(ErrorKind::environment, "cannot write to stdout"));
  }
  return 0;
}

void add_export(CLI::App& records, CliState& state) {
  auto* cmd = records.add_subcommand("export", "Write stored xAPI statements through an exporter plugin");
  auto args = std::make_shared<ExportArgs>();
  cmd->add_option("--format", args->format, "The exporter's format, e.g. jsonl or csv")->required();
  auto optional = [cmd](const char* name, std::optional<std::string>& into, const char* help) {
    cmd->add_option_function<std::string>(name, [&into](const std::string& v) { into = v; }, help);
  };
  optional("--since", args->since, "Only statements stored after this ISO 8601 time");
  optional("--until", args->until, "Only statements stored at or before this ISO 8601 time");
  optional("--course", args->course,
           "Only statements whose object or context activities are this activity IRI or below it");
  optional("--verb", args->verb, "Only statements with this verb IRI");
  optional("--agent", args->agent, "Only statements whose actor or object is this xAPI Agent (JSON)");
  optional("-o,--output", args->output, "Write to this file instead of stdout");
  cmd->callback([&state, args] { state.action = [&state, args] { return run_export(state, *args); }; });
}

}  // namespace

void add_records_command(CLI::App& app, CliState& state) {
  auto* records = app.add_subcommand("records", "Learning records: export them, forward them to other LRSs");
  records->require_subcommand(1);
  add_export(*records, state);
  add_forward_commands(*records, state);
}

}  // namespace trellis::cli
