// The host's HTTP server: routes registered by each domain, problem+json errors,
// an access log, and a stop that lets in-flight requests finish.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "core/result.hpp"

namespace httplib {
class Server;
}

namespace trellis::http {

struct Listen {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: pick a free port (tests)
};

// Parses "HOST:PORT" (or ":PORT", or "[::1]:PORT").
Result<Listen> parse_listen(std::string_view text);

class HttpServer {
 public:
  HttpServer();
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Where domains register their handlers, before run().
  httplib::Server& routes() { return *server_; }

  // Binds, calls on_ready(bound_port) once accepting, then serves until stop().
  Status run(const Listen& listen, const std::function<void(int)>& on_ready);

  // Stops accepting, lets in-flight requests finish, makes run() return. Any thread.
  void stop();
  bool stopping() const { return stopping_.load(); }

 private:
  std::unique_ptr<httplib::Server> server_;
  std::atomic<bool> stopping_{false};
};

// Blocks SIGINT and SIGTERM in the calling thread (call before any thread starts,
// so every thread inherits the mask) and returns a waiter that runs `on_signal`
// on a dedicated thread when one arrives.
class SignalWatch {
 public:
  explicit SignalWatch(std::function<void(int)> on_signal);
  ~SignalWatch();
  SignalWatch(const SignalWatch&) = delete;
  SignalWatch& operator=(const SignalWatch&) = delete;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace trellis::http
