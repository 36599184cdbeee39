// What every connection shares with the server that accepted it. Internal to
// server/*.cpp (it names Asio types).
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include <boost/asio/io_context.hpp>

#include "http/server/router.hpp"
#include "http/server/server.hpp"
#include "http/server/worker_pool.hpp"

namespace trellis::http::detail {

// A connection as the server's stop() sees it.
class Connection {
 public:
  virtual ~Connection() = default;
  // On the connection's own executor: close now if no request is in progress,
  // otherwise close once the current response is sent.
  virtual void wind_down() = 0;
  // Close whatever it is doing (the stop grace has run out).
  virtual void force_close() = 0;
};

struct ServerCore {
  ServerCore(const Router& r, const ServerOptions& o, WorkerPool& w, WorkerPool& s)
      : router(r), options(o), workers(w), streams(s) {}
  const Router& router;
  const ServerOptions& options;
  WorkerPool& workers;
  WorkerPool& streams;  // long-lived routes
  std::atomic<bool> stopping{false};
  std::atomic<size_t> connections{0};
  std::atomic<uint64_t> refused_busy{0};

  std::mutex registry_mutex;
  std::set<std::weak_ptr<Connection>, std::owner_less<std::weak_ptr<Connection>>> registry;

  void enrol(const std::shared_ptr<Connection>& c) {
    std::lock_guard lock(registry_mutex);
    registry.insert(c);
  }
  void leave(const std::weak_ptr<Connection>& c) {
    std::lock_guard lock(registry_mutex);
    registry.erase(c);
  }
};

// The problem+json body the server itself answers with (404, 413, 431, 503...).
std::string problem_body(int status, std::string_view detail);
// An IMF-fixdate for the Date header, recomputed at most once a second.
std::string http_date_now();

}  // namespace trellis::http::detail
