// The host's HTTP/1.1 server (Boost.Beast on Boost.Asio): a few I/O threads hold
// every connection, idle keep-alive ones included, at the cost of a socket and a
// small buffer each; handlers (SQLite work) run on a bounded worker pool apart
// from I/O, and when its queue is full a request is answered 503 + Retry-After
// instead of waiting. Every read and write has a deadline, so slow or silent
// clients cost a connection slot, never a thread.
//
// Beast and Asio stay inside server/*.cpp: route files see only Request,
// Response and Router.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "http/server/router.hpp"

namespace trellis::http {

struct Listen {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: pick a free port (tests)
};

// Parses "HOST:PORT" (or ":PORT", or "[::1]:PORT").
Result<Listen> parse_listen(std::string_view text);

struct TlsFiles {
  std::filesystem::path certificate_chain;  // PEM
  std::filesystem::path private_key;        // PEM
};

struct ServerOptions {
  Listen listen;
  int io_threads = 2;
  int workers = 8;                   // handler threads
  size_t queue_limit = 512;          // requests waiting for a worker before new ones get 503
  int stream_workers = 32;           // threads for long-lived routes (Route::long_lived)
  size_t stream_queue_limit = 32;
  std::chrono::seconds header_timeout{10};     // from the first byte of a request to the end of its head
  std::chrono::seconds body_read_timeout{30};  // the longest wait for the next piece of a body
  std::chrono::seconds write_timeout{30};      // the longest wait for a client to take the next piece of a response
  std::chrono::seconds idle_timeout{60};       // a keep-alive connection with no request
  std::chrono::seconds stop_grace{15};         // stop(): how long in-flight requests may take to finish
  size_t max_header_bytes = 16 * 1024;         // request line and fields together
  size_t max_header_fields = 100;
  size_t max_connections = 16384;    // beyond it new connections are closed at once
  std::filesystem::path upload_dir;  // where BodyMode::file bodies are written (must exist)
  std::optional<TlsFiles> tls;       // HTTPS when set
};

struct ServerStats {
  size_t open_connections = 0;
  size_t queued = 0;        // requests waiting for a worker
  size_t busy_workers = 0;
  uint64_t refused_busy = 0;  // answered 503 because the queue was full
};

class Server {
 public:
  Server(Router router, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds (a port in use is an error naming it), calls on_ready(bound_port) once
  // accepting, then serves until stop(); returns after in-flight requests end.
  Status run(const std::function<void(int)>& on_ready);

  // Stops accepting, lets in-flight requests finish (up to stop_grace), closes
  // idle connections, makes run() return. Any thread, any number of times.
  void stop();
  bool stopping() const;
  ServerStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
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
