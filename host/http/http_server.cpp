#include "http/http_server.hpp"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <charconv>
#include <thread>

#include "core/log.hpp"
#include "http/problem.hpp"

namespace trellis::http {
namespace {

thread_local std::chrono::steady_clock::time_point t_request_start;

void write_access_log(const httplib::Request& req, const httplib::Response& res) {
  auto elapsed = std::chrono::steady_clock::now() - t_request_start;
  double ms = std::chrono::duration<double, std::milli>(elapsed).count();
  char line[64];
  std::snprintf(line, sizeof line, " %d %zu %.1fms", res.status, res.body.size(), ms);
  std::string target = req.path;
  if (!req.params.empty()) target += "?...";
  log::write(log::Level::info, "access", req.remote_addr + " \"" + req.method + " " + target + "\"" + line);
}

}  // namespace

Result<Listen> parse_listen(std::string_view text) {
  auto colon = text.rfind(':');
  if (colon == std::string_view::npos)
    return make_error(ErrorKind::usage, "--listen wants HOST:PORT, got '" + std::string(text) + "'");
  Listen out;
  std::string_view host = text.substr(0, colon);
  std::string_view port = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (!host.empty()) out.host = std::string(host);
  int value = -1;
  auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || p != port.data() + port.size() || value < 0 || value > 65535)
    return make_error(ErrorKind::usage, "--listen has an invalid port '" + std::string(port) + "'");
  out.port = value;
  return out;
}

HttpServer::HttpServer() : server_(std::make_unique<httplib::Server>()) {
  auto& s = *server_;
  s.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    t_request_start = std::chrono::steady_clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  s.set_logger(&write_access_log);
  // Only turns bare error statuses into problem documents; handlers that already
  // wrote a body keep it.
  s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404)
      send_problem(res, 404, "Not Found", "no resource at " + req.path);
    else
      send_problem(res, res.status, reason_phrase(res.status));
  });
  s.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    log::error("http", req.method + " " + req.path + " failed: " + what);
    send_problem(res, 500, "Internal Server Error", "the server failed to handle this request; see the host log");
  });
  s.set_payload_max_length(1024ull * 1024 * 1024);
  s.set_keep_alive_timeout(5);
  s.set_read_timeout(30, 0);
  s.set_write_timeout(30, 0);
}

HttpServer::~HttpServer() = default;

Status HttpServer::run(const Listen& listen, const std::function<void(int)>& on_ready) {
  auto& s = *server_;
  int port = listen.port;
  if (port == 0) {
    port = s.bind_to_any_port(listen.host);
    if (port < 0) return make_error(ErrorKind::environment, "cannot listen on " + listen.host + ": no free port");
  } else if (!s.bind_to_port(listen.host, port)) {
    return make_error(ErrorKind::environment,
                      "cannot listen on " + listen.host + ":" + std::to_string(port) + " (address in use or not allowed)");
  }
  if (stopping_) return {};
  if (on_ready) on_ready(port);
  if (!s.listen_after_bind() && !stopping_)
    return make_error(ErrorKind::environment, "the HTTP server stopped unexpectedly");
  return {};
}

void HttpServer::stop() {
  stopping_ = true;
  server_->stop();
}

struct SignalWatch::State {
  sigset_t set{};
  std::thread thread;
};

SignalWatch::SignalWatch(std::function<void(int)> on_signal) : state_(std::make_unique<State>()) {
  sigemptyset(&state_->set);
  sigaddset(&state_->set, SIGINT);
  sigaddset(&state_->set, SIGTERM);
  sigaddset(&state_->set, SIGUSR1);  // used by the destructor to wake the waiter
  pthread_sigmask(SIG_BLOCK, &state_->set, nullptr);
  state_->thread = std::thread([set = state_->set, on_signal = std::move(on_signal)] {
    while (true) {
      int sig = 0;
      if (sigwait(&set, &sig) != 0) continue;
      if (sig == SIGUSR1) return;
      on_signal(sig);
    }
  });
}

SignalWatch::~SignalWatch() {
  pthread_kill(state_->thread.native_handle(), SIGUSR1);
  state_->thread.join();
}

}  // namespace trellis::http
