#include "http/server/server.hpp"

#include <signal.h>
#include <sys/resource.h>

#include <charconv>
#include <condition_variable>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/executor_work_guard.hpp>

#include "core/log.hpp"
#include "http/server/session.hpp"

namespace trellis::http {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

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

struct Server::Impl {
  Impl(Router r, ServerOptions o)
      : router(std::move(r)), options(std::move(o)), workers(options.workers, options.queue_limit),
        streams(options.stream_workers, options.stream_queue_limit), core(router, options, workers, streams),
        contexts(make_contexts(options.io_threads)), io(*contexts.front()), acceptor(io) {}

  // One io_context per I/O thread, each run by that thread alone (as nginx's
  // workers each own their connections): a connection's handlers never move
  // between threads, so no strand is needed and no thread wakes another to run
  // a handler. The first one also holds the acceptor and the stop timers.
  static std::vector<std::unique_ptr<net::io_context>> make_contexts(int threads) {
    std::vector<std::unique_ptr<net::io_context>> out;
    for (int i = 0; i < std::max(1, threads); ++i) out.push_back(std::make_unique<net::io_context>(1));
    return out;
  }

  // Declared in the order they may be destroyed backwards: the io_context's
  // pending handlers own connections, which use the TLS context and the core.
  Router router;
  ServerOptions options;
  WorkerPool workers;
  WorkerPool streams;
  detail::ServerCore core;
  std::optional<net::ssl::context> tls;
  std::vector<std::unique_ptr<net::io_context>> contexts;
  net::io_context& io;
  tcp::acceptor acceptor;
  // Keep the other threads' contexts running while they have no connection;
  // released once the stop has closed every connection.
  std::vector<net::executor_work_guard<net::io_context::executor_type>> keep_running;
  size_t next_context = 0;
  std::optional<net::steady_timer> grace_timer;
  std::atomic<bool> running{false};

  Status open_tls() {
    if (!options.tls) return {};
    try {
      tls.emplace(net::ssl::context::tls_server);
      tls->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                       net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1);
      tls->use_certificate_chain_file(options.tls->certificate_chain.string());
      tls->use_private_key_file(options.tls->private_key.string(), net::ssl::context::pem);
    } catch (const boost::system::system_error& e) {
      tls.reset();
      return make_error(ErrorKind::environment, "cannot use the TLS certificate " +
                                                    options.tls->certificate_chain.string() + " and key " +
                                                    options.tls->private_key.string() + ": " + e.what());
    }
    return {};
  }

  Result<int> bind() {
    error_code ec;
    auto address = net::ip::make_address(options.listen.host == "localhost" ? "127.0.0.1" : options.listen.host, ec);
    if (ec) return make_error(ErrorKind::usage, "cannot listen on '" + options.listen.host + "': not an IP address");
    tcp::endpoint endpoint(address, static_cast<unsigned short>(options.listen.port));
    std::string where = options.listen.host + ":" + std::to_string(options.listen.port);
    acceptor.open(endpoint.protocol(), ec);
    // SO_REUSEADDR lets a restart bind while old connections sit in TIME_WAIT;
    // on Linux it never lets a second server listen on a port that is in use.
    if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (ec == net::error::address_in_use)
      return make_error(ErrorKind::environment, "port " + std::to_string(options.listen.port) + " on " +
                                                    options.listen.host +
                                                    " is already in use (is another server listening there?)");
    if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return make_error(ErrorKind::environment, "cannot listen on " + where + ": " + ec.message());
    return static_cast<int>(acceptor.local_endpoint().port());
  }

  void accept() {
    // Connections are dealt to the threads in turn.
    net::io_context& home = *contexts[next_context++ % contexts.size()];
    acceptor.async_accept(home, [this](error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      if (!ec) {
        if (core.stopping || core.connections.load() >= options.max_connections) {
          error_code ignored;
          socket.close(ignored);  // over the limit: refuse at once rather than hold it unserved
        } else {
          detail::start_session(core, std::move(socket), tls ? &*tls : nullptr);
        }
      } else if (ec == net::error::no_descriptors) {
        log::warn("http", "out of file descriptors; pausing accepts");
        pause_accepting();
        return;
      }
      accept();
    });
  }

  // With no descriptor left, retrying at once would spin; wait a little.
  void pause_accepting() {
    auto timer = std::make_shared<net::steady_timer>(io, std::chrono::milliseconds(100));
    timer->async_wait([this, timer](error_code) {
      if (acceptor.is_open()) accept();
    });
  }

  std::vector<std::shared_ptr<detail::Connection>> live_connections() {
    std::vector<std::shared_ptr<detail::Connection>> out;
    std::lock_guard lock(core.registry_mutex);
    for (const auto& weak : core.registry)
      if (auto c = weak.lock()) out.push_back(std::move(c));
    return out;
  }

  void begin_stop() {
    if (core.stopping.exchange(true)) return;
    error_code ignored;
    acceptor.close(ignored);
    for (auto& c : live_connections()) c->wind_down();
    grace_timer.emplace(io, options.stop_grace);
    grace_timer->async_wait([this](error_code ec) {
      if (ec) return;
      auto left = live_connections();
      if (!left.empty())
        log::warn("http", std::to_string(left.size()) + " connection(s) still busy after " +
                              std::to_string(options.stop_grace.count()) + " s; closing them");
      for (auto& c : left) c->force_close();
    });
    watch_until_idle();
  }

  // The io_context would keep running for the grace timer alone; end the run as
  // soon as the last connection has gone.
  void watch_until_idle() {
    auto timer = std::make_shared<net::steady_timer>(io, std::chrono::milliseconds(50));
    timer->async_wait([this, timer](error_code) {
      if (core.connections.load() == 0) {
        if (grace_timer) grace_timer->cancel();
        keep_running.clear();
        return;
      }
      watch_until_idle();
    });
  }
};

Server::Server(Router router, ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(router), std::move(options))) {}

Server::~Server() {
  stop();
  impl_->workers.stop();
  impl_->streams.stop();
}

namespace {

// Thousands of keep-alive connections need as many descriptors; the soft limit
// is often 1024 while the hard limit allows far more.
void raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// sendfile(2) has no MSG_NOSIGNAL: a client that goes away in the middle of a
// file would otherwise raise SIGPIPE and kill the whole host. The write then
// fails with EPIPE instead, which the session already handles by closing that
// one connection (as nginx ignores SIGPIPE for the same reason).
void ignore_broken_pipes() { ::signal(SIGPIPE, SIG_IGN); }

}  // namespace

Status Server::run(const std::function<void(int)>& on_ready) {
  auto& s = *impl_;
  raise_descriptor_limit();
  ignore_broken_pipes();
  if (auto st = s.open_tls(); !st) return st;
  auto port = s.bind();
  if (!port) return port.error();
  if (s.core.stopping) return {};
  s.running = true;
  for (size_t i = 1; i < s.contexts.size(); ++i) s.keep_running.push_back(net::make_work_guard(*s.contexts[i]));
  s.accept();
  if (on_ready) on_ready(*port);
  std::vector<std::thread> io_threads;
  for (size_t i = 1; i < s.contexts.size(); ++i) io_threads.emplace_back([&s, i] { s.contexts[i]->run(); });
  s.io.run();
  for (auto& t : io_threads) t.join();
  s.workers.stop();  // lets handlers still running finish
  s.streams.stop();
  s.running = false;
  return {};
}

void Server::stop() {
  auto& s = *impl_;
  if (s.core.stopping) return;
  net::post(s.io, [&s] { s.begin_stop(); });
  if (!s.running) s.core.stopping = true;
}

bool Server::stopping() const { return impl_->core.stopping.load(); }

ServerStats Server::stats() const {
  ServerStats out;
  out.open_connections = impl_->core.connections.load();
  out.queued = impl_->workers.queued();
  out.busy_workers = impl_->workers.busy();
  out.refused_busy = impl_->core.refused_busy.load();
  return out;
}

}  // namespace trellis::http
