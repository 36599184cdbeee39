#include <signal.h>

#include <iostream>
#include <thread>

#include "http/routes.hpp"
#include "cli/cli.hpp"
#include "cli/output.hpp"
#include "core/log.hpp"
#include "core/version.hpp"
#include "knowledge/connector_driver.hpp"
#include "app/sync_scheduler.hpp"
#include "app/forward_worker.hpp"
#include "http/http_server.hpp"

namespace trellis::cli {

void add_serve_command(CLI::App& app, CliState& state) {
  auto* cmd = app.add_subcommand("serve", "Run the HTTP server (REST API, LRS) until SIGINT or SIGTERM");
  auto listen = std::make_shared<std::string>("127.0.0.1:8080");
  cmd->add_option("--listen", *listen, "HOST:PORT to listen on (port 0 picks a free one)")->capture_default_str();
  cmd->callback([&state, listen] {
    state.action = [&state, listen] {
      auto where = http::parse_listen(*listen);
      if (!where) return report_error(where.error());
      // Block the stop signals before any thread exists so all inherit the mask.
      http::HttpServer http;
      http::SignalWatch signals([&http](int sig) {
        log::info("serve", std::string("received ") + (sig == SIGINT ? "SIGINT" : "SIGTERM") +
                               ", finishing in-flight requests");
        http.stop();
      });
      auto runtime = state.open_runtime();
      if (!runtime) return report_error(runtime.error());
      // Plugins load on a second thread while the routes are registered: the
      // two take about as long as each other, and nothing below starts serving
      // before both are done (the forwarder asks for the plugins and waits).
      {
        std::jthread plugin_loader([rt = runtime.value().get()] {
          if (auto loaded = rt->plugins(); !loaded) log::warn("plugins", "plugins failed to load: " + loaded.error().message);
        });
        register_all_routes(http, *runtime.value());
      }  // joined here, even if registering threw
      records::ForwardWorker forwarder(*runtime.value());  // stopped before the runtime goes
      knowledge::SyncScheduler connector_sync(*runtime.value());
      auto st = http.run(where.value(), [&](int port) {
        std::cout << "Trellis " << kHostVersion << " listening on http://" << where->host << ":" << port << "/"
                  << std::endl;
        log::info("serve", "home " + runtime.value()->home.root().string());
      });
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
