#include <signal.h>

#include <atomic>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "http/routes.hpp"
#include "cli/cli.hpp"
#include "cli/output.hpp"
#include "core/log.hpp"
#include "core/version.hpp"
#include "knowledge/connector_driver.hpp"
#include "app/sync_scheduler.hpp"
#include "app/forward_worker.hpp"
#include "http/server/server.hpp"

namespace trellis::cli {

namespace {

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";
  std::string tls_cert;
  std::string tls_key;
  int workers = 8;
};

}  // namespace

void add_serve_command(CLI::App& app, CliState& state) {
  auto* cmd = app.add_subcommand("serve", "Run the HTTP server (REST API, LRS) until SIGINT or SIGTERM");
  auto args = std::make_shared<ServeArgs>();
  cmd->add_option("--listen", args->listen, "HOST:PORT to listen on (port 0 picks a free one)")->capture_default_str();
  cmd->add_option("--tls-cert", args->tls_cert, "PEM certificate chain: serve HTTPS (with --tls-key)");
  cmd->add_option("--tls-key", args->tls_key, "PEM private key of --tls-cert");
  cmd->add_option("--workers", args->workers, "Threads running request handlers")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd->callback([&state, args] {
    state.action = [&state, args] {
      auto where = http::parse_listen(args->listen);
      if (!where) return report_error(where.error());
      if (args->tls_cert.empty() != args->tls_key.empty())
        return report_error(make_error(ErrorKind::usage, "--tls-cert and --tls-key go together"));
      // Block the stop signals before any thread exists so all inherit the mask.
      // A signal may come before the server exists: it is remembered and applied.
      std::atomic<bool> stop_requested{false};
      std::mutex live_mutex;
      http::Server* live = nullptr;
      http::SignalWatch signals([&](int sig) {
        log::info("serve", std::string("received ") + (sig == SIGINT ? "SIGINT" : "SIGTERM") +
                               ", finishing in-flight requests");
        stop_requested = true;
        std::lock_guard lock(live_mutex);
        if (live) live->stop();
      });
      auto runtime = state.open_runtime();
      if (!runtime) return report_error(runtime.error());
      http::ServerOptions options;
      options.listen = *where;
      options.workers = args->workers;
      options.upload_dir = runtime.value()->home.tmp();
      std::error_code ec;
      std::filesystem::create_directories(options.upload_dir, ec);
      if (ec)
        return report_error(make_error(ErrorKind::environment,
                                       "cannot create " + options.upload_dir.string() + ": " + ec.message()));
      // Bodies an earlier run was receiving when it died (the engine names them body-*.part).
      for (const auto& left : std::filesystem::directory_iterator(options.upload_dir, ec)) {
        auto name = left.path().filename().string();
        if (name.rfind("body-", 0) == 0 && left.path().extension() == ".part") std::filesystem::remove(left.path(), ec);
      }
      if (!args->tls_cert.empty()) options.tls = http::TlsFiles{args->tls_cert, args->tls_key};
      // Plugins load on a second thread while the routes are registered: the
      // two take about as long as each other, and nothing below starts serving
      // before both are done (the forwarder asks for the plugins and waits).
      http::Router router;
      {
        std::jthread plugin_loader([rt = runtime.value().get()] {
          if (auto loaded = rt->plugins(); !loaded) log::warn("plugins", "plugins failed to load: " + loaded.error().message);
        });
        register_all_routes(router, *runtime.value(), [&stop_requested] { return stop_requested.load(); });
      }  // joined here, even if registering threw
      http::Server server(std::move(router), options);
      {
        std::lock_guard lock(live_mutex);
        live = &server;
        if (stop_requested) server.stop();
      }
      records::ForwardWorker forwarder(*runtime.value());  // stopped before the runtime goes
      knowledge::SyncScheduler connector_sync(*runtime.value());
      std::string scheme = options.tls ? "https" : "http";
      auto st = server.run([&](int port) {
        std::cout << "Trellis " << kHostVersion << " listening on " << scheme << "://" << where->host << ":" << port
                  << "/" << std::endl;
        log::info("serve", "home " + runtime.value()->home.root().string());
      });
      {
        std::lock_guard lock(live_mutex);
        live = nullptr;
      }
      forwarder.stop();
      connector_sync.stop();
      // Plugins shut down with the runtime; give calls abandoned after their
      // deadline a moment to leave plugin code first.
      if (auto left = knowledge::ConnectorDriver::wait_for_abandoned(std::chrono::seconds(2)); left > 0)
        log::warn("serve", std::to_string(left) + " connector call(s) still running at shutdown");
      runtime.value()->pool.close_idle();
      if (!st) return report_error(st.error());
      log::info("serve", "stopped cleanly");
      return 0;
    };
  });
}

}  // namespace trellis::cli
