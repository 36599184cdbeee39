#include <signal.h>

#include <atomic>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include <condition_variable>
#include <optional>

#include "core/paths.hpp"
#include "http/content_routes.hpp"
#include "http/routes.hpp"
#include "player/content_origin.hpp"
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
  std::string content_listen;  // empty: no content origin
  std::string web_assets;      // empty: paths::web_assets_dir()
  std::string tls_cert;
  std::string tls_key;
  int workers = 8;
};

// The origin launch URLs name by default: the content listener as given (a
// port of 0 is only known once bound, so then the announced origin is used).
std::optional<std::string> content_origin_of(const std::optional<http::Listen>& where) {
  if (!where || where->port == 0) return std::nullopt;
  return "http://" + where->host + ":" + std::to_string(where->port);
}

}  // namespace

void add_serve_command(CLI::App& app, CliState& state) {
  auto* cmd = app.add_subcommand("serve", "Run the HTTP server (REST API, LRS) until SIGINT or SIGTERM");
  auto args = std::make_shared<ServeArgs>();
  cmd->add_option("--listen", args->listen, "HOST:PORT to listen on (port 0 picks a free one)")->capture_default_str();
  cmd->add_option("--content-listen", args->content_listen,
                  "HOST:PORT of the content origin (launch pages, course files, commits); none when not given");
  cmd->add_option("--web-assets", args->web_assets,
                  "Folder of the launch page's bundle (default: share/trellis/web, or web/ beside the build's bin/)");
  cmd->add_option("--tls-cert", args->tls_cert, "PEM certificate chain: serve HTTPS (with --tls-key)");
  cmd->add_option("--tls-key", args->tls_key, "PEM private key of --tls-cert");
  cmd->add_option("--workers", args->workers, "Threads running request handlers")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd->callback([&state, args] {
    state.action = [&state, args] {
      auto where = http::parse_listen(args->listen);
      if (!where) return report_error(where.error());
      std::optional<http::Listen> content_where;
      if (!args->content_listen.empty()) {
        auto parsed = http::parse_listen(args->content_listen);
        if (!parsed) return report_error(parsed.error());
        content_where = *parsed;
      }
      if (args->tls_cert.empty() != args->tls_key.empty())
        return report_error(make_error(ErrorKind::usage, "--tls-cert and --tls-key go together"));
      // Block the stop signals before any thread exists so all inherit the mask.
      // A signal may come before the server exists: it is remembered and applied.
      std::atomic<bool> stop_requested{false};
      std::mutex live_mutex;
      http::Server* live = nullptr;
      http::Server* live_content = nullptr;
      http::SignalWatch signals([&](int sig) {
        log::info("serve", std::string("received ") + (sig == SIGINT ? "SIGINT" : "SIGTERM") +
                               ", finishing in-flight requests");
        stop_requested = true;
        std::lock_guard lock(live_mutex);
        if (live) live->stop();
        if (live_content) live_content->stop();
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
        register_all_routes(router, *runtime.value(), [&stop_requested] { return stop_requested.load(); },
                            content_origin_of(content_where), args->web_assets);
      }  // joined here, even if registering threw
      http::Server server(std::move(router), options);
      // The content origin: a second listener of the same engine with a router
      // of its own, so neither listener serves the other's routes.
      std::unique_ptr<http::Server> content_server;
      if (content_where) {
        http::Router content_router;
        register_content_routes(content_router, *runtime.value(),
                                args->web_assets.empty() ? paths::web_assets_dir() : std::filesystem::path(args->web_assets));
        http::ServerOptions content_options = options;
        content_options.listen = *content_where;
        content_server = std::make_unique<http::Server>(std::move(content_router), content_options);
      }
      {
        std::lock_guard lock(live_mutex);
        live = &server;
        live_content = content_server.get();
        if (stop_requested) {
          server.stop();
          if (content_server) content_server->stop();
        }
      }
      records::ForwardWorker forwarder(*runtime.value());  // stopped before the runtime goes
      knowledge::SyncScheduler connector_sync(*runtime.value());
      std::string scheme = options.tls ? "https" : "http";
      // The content listener runs first, on a thread of its own, and is bound
      // before the API announces itself, so a launch URL printed after the
      // "listening" line works.
      // The content thread touches these again when its listener stops, long
      // after the wait below: they are declared before it, so they outlive it.
      std::mutex bound_mutex;
      std::condition_variable bound_cv;
      bool settled = false;
      Status content_status;
      std::optional<int> content_port;
      std::jthread content_thread;
      if (content_server) {
        content_thread = std::jthread([&] {
          content_status = content_server->run([&](int port) {
            std::lock_guard lock(bound_mutex);
            content_port = port;
            settled = true;
            bound_cv.notify_all();
          });
          std::lock_guard lock(bound_mutex);
          settled = true;
          bound_cv.notify_all();
        });
        std::unique_lock lock(bound_mutex);
        bound_cv.wait(lock, [&] { return settled; });
        if (!content_port) {
          lock.unlock();
          content_thread.join();
          return report_error(content_status ? make_error(ErrorKind::environment, "the content listener did not start")
                                             : content_status.error());
        }
      }
      auto st = server.run([&](int port) {
        if (content_port) {
          std::string origin = "http://" + content_where->host + ":" + std::to_string(*content_port);
          if (auto announced = player::announce_content_origin(runtime.value()->home, origin); !announced)
            log::warn("serve", announced.error().message);
          std::cout << "Trellis " << kHostVersion << " content origin on " << origin << "/" << std::endl;
        }
        // Launches of content that reports to the LRS itself name this origin.
        if (auto announced = player::announce_api_origin(runtime.value()->home,
                                                         scheme + "://" + where->host + ":" + std::to_string(port));
            !announced)
          log::warn("serve", announced.error().message);
        std::cout << "Trellis " << kHostVersion << " listening on " << scheme << "://" << where->host << ":" << port
                  << "/" << std::endl;
        log::info("serve", "home " + runtime.value()->home.root().string());
      });
      if (content_server) {
        content_server->stop();
        content_thread.join();
        player::withdraw_content_origin(runtime.value()->home);
      }
      player::withdraw_api_origin(runtime.value()->home);
      {
        std::lock_guard lock(live_mutex);
        live = nullptr;
        live_content = nullptr;
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
