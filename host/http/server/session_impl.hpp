// The connection, as a template over its stream (plain TCP or TLS). Internal:
// included by session_tcp.cpp and session_tls.cpp only, so each instantiation
// compiles in a translation unit of its own (they are the heaviest in the host).
#pragma once

#include "http/server/session.hpp"

#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <limits>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <optional>
#include <vector>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "core/ids.hpp"
#include "core/log.hpp"
#include "http/server/file_ranges.hpp"
#include "http/server/request_head.hpp"

namespace trellis::http::detail {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;
using Clock = std::chrono::steady_clock;

constexpr size_t kPieceBytes = 256 * 1024;         // one read of a body or a file
constexpr size_t kStreamBacklog = 1024 * 1024;     // what a producer may run ahead of a slow client
constexpr size_t kLingerBytes = 1024 * 1024;       // unread body drained before closing after an early answer
constexpr size_t kFirstRead = 2048;                 // an idle connection's read buffer until a request comes

// What a streaming handler and the connection's I/O thread share. The producer
// runs on a worker thread; the connection drains `pending` on its executor.
struct StreamChannel {
  std::mutex mutex;
  std::condition_variable drained;
  std::deque<std::string> pending;
  size_t pending_bytes = 0;
  bool draining = false;     // a drain is posted or running on the I/O side
  bool header_sent = false;
  bool finished = false;     // the producer returned
  bool complete = false;     // ... and it finished the body
  bool gone = false;         // the client went away or stopped reading
};

// Piece buffers are reused, not zeroed and freed per request: a 256 KiB
// allocation is an mmap and a page-fault storm each time.
thread_local std::vector<std::unique_ptr<char[]>> t_piece_cache;
constexpr size_t kPiecesCached = 16;

std::unique_ptr<char[]> take_piece_buffer() {
  if (t_piece_cache.empty()) return std::unique_ptr<char[]>(new char[kPieceBytes]);
  auto out = std::move(t_piece_cache.back());
  t_piece_cache.pop_back();
  return out;
}

void give_back_piece_buffer(std::unique_ptr<char[]> buffer) {
  if (t_piece_cache.size() < kPiecesCached) t_piece_cache.push_back(std::move(buffer));
}

Response head_of(int status, const Headers& headers) {
  Response r;
  r.status = status;
  r.headers = headers;
  return r;
}

template <class Stream>
class Session final : public Connection, public std::enable_shared_from_this<Session<Stream>> {
 public:
  template <class... Args>
  Session(ServerCore& core, std::string remote, Args&&... args)
      : core_(core), stream_(std::forward<Args>(args)...), remote_(std::move(remote)),
        buffer_(core.options.max_header_bytes + kPieceBytes) {}

  ~Session() override {
    release_piece();
    discard_body_file();
    core_.connections.fetch_sub(1);
  }

  void start() {
    core_.enrol(this->shared_from_this());
    // Responses leave whole (one write, or a head then the file): Nagle's
    // algorithm would only hold a response's last segment back for an ACK.
    error_code ignored;
    lowest().socket().set_option(tcp::no_delay(true), ignored);
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      wait_for_request();
    } else {
      lowest().expires_after(core_.options.header_timeout);
      stream_.async_handshake(net::ssl::stream_base::server,
                              [self = this->shared_from_this()](error_code ec) {
                                if (ec) return self->close();
                                self->wait_for_request();
                              });
    }
  }

  void wind_down() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] {
      self->closing_after_response_ = true;
      if (self->state_ == State::idle || self->state_ == State::reading_head) self->close();
    });
  }

  void force_close() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] { self->close(); });
  }

 private:
  enum class State { idle, reading_head, busy, closed };

  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

  // ---- reading a request ------------------------------------------------------

  // A keep-alive connection waits for the first byte of its next request under
  // the idle deadline; from then on the head must arrive within header_timeout.
  void wait_for_request() {
    state_ = State::idle;
    if (closing_after_response_ || core_.stopping) return close();
    if (buffer_.size() > 0) return read_head();  // pipelined: already here
    release_piece();
    buffer_.shrink_to_fit();
    lowest().expires_after(core_.options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(kFirstRead),
                            [self = this->shared_from_this()](error_code ec, size_t n) {
                              if (ec) return self->close();
                              self->buffer_.commit(n);
                              self->read_head();
                            });
  }

  void read_head() {
    state_ = State::reading_head;
    started_ = Clock::now();
    head_.emplace();
    head_->header_limit(static_cast<std::uint32_t>(core_.options.max_header_bytes));
    // The route's limit is applied once the route is known. (Not boost::none:
    // Beast 1.74 compares a length against an empty optional as exceeding it.)
    head_->body_limit(std::numeric_limits<std::uint64_t>::max());
    lowest().expires_after(core_.options.header_timeout);
    bhttp::async_read_header(stream_, buffer_, *head_, [self = this->shared_from_this()](error_code ec, size_t) {
      self->on_head(ec);
    });
  }

  void on_head(error_code ec) {
    if (ec == bhttp::error::header_limit)
      return answer_early(431, "the request head is larger than " +
                                   std::to_string(core_.options.max_header_bytes) + " bytes");
    // A deadline closes the socket (Beast's tcp_stream), so a slow client gets no
    // 408: like nginx, the connection just ends.
    if (ec == bhttp::error::end_of_stream || ec == net::error::eof || ec == beast::error::timeout ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset)
      return close();
    if (ec) return answer_early(400, "malformed request: " + ec.message());
    state_ = State::busy;
    const auto& head = head_->get();
    keep_alive_ = head.keep_alive();
    request_ = Request{};
    request_.remote_addr = remote_;
    request_.secure = !std::is_same_v<Stream, beast::tcp_stream>;
    RequestHeadBuilder builder(request_, core_.options.max_header_fields);
    builder.start(head.method_string(), head.target());
    for (const auto& field : head)
      if (!builder.add_field(field.name_string(), field.value())) break;
    if (auto problem = builder.finish()) return answer_early(problem.status, problem.detail);
    std::string_view raw_path = builder.raw_path();

    auto match = core_.router.match(request_.method, raw_path);
    if (match.route == nullptr) {
      Response res;
      if (!match.allow.empty()) {
        res.status = 405;
        res.set_header("Allow", match.allow);
        res.body = problem_body(405, request_.method + " is not allowed on " + request_.path);
      } else {
        res.status = 404;
        res.body = problem_body(404, "no resource at " + request_.path);
      }
      res.set_header("Content-Type", "application/problem+json");
      return send(std::move(res));
    }
    route_ = match.route;
    request_.captures = std::move(match.captures);
    request_.body_limit = route_->body_limit;
    if (core_.stopping) return answer_early(503, "the host is shutting down");
    if (!route_->guard) return receive_body();
    run_on_worker([this](Response& res) { return route_->guard(request_, res); },
                  [](std::shared_ptr<Session> self, bool admitted, Response res) {
                    if (admitted) return self->receive_body();
                    self->send(std::move(res));
                  });
  }

  bool body_expected() const {
    const auto& head = head_->get();
    if (head.chunked()) return true;
    auto length = head_->content_length();
    return length && *length > 0;
  }

  void receive_body() {
    auto length = head_->content_length();
    if (length && *length > request_.body_limit)
      return answer_early(413, "the body is " + std::to_string(*length) + " bytes; this resource takes at most " +
                                   std::to_string(request_.body_limit));
    if (!body_expected()) return dispatch();
    if (route_->body == BodyMode::file && !open_body_file()) return answer_early(500, "cannot store the upload");
    body_.emplace(std::move(*head_));
    body_->body_limit(request_.body_limit);
    auto expect = body_->get()[bhttp::field::expect];
    if (iequals(std::string_view(expect.data(), expect.size()), "100-continue")) {
      static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      lowest().expires_after(core_.options.write_timeout);
      return net::async_write(stream_, net::buffer(kContinue), [self = this->shared_from_this()](error_code ec, size_t) {
        if (ec) return self->close();
        self->read_body_piece();
      });
    }
    read_body_piece();
  }

  void read_body_piece() {
    auto& body = body_->get().body();
    body.data = piece();
    body.size = kPieceBytes;
    lowest().expires_after(core_.options.body_read_timeout);
    bhttp::async_read(stream_, buffer_, *body_, [self = this->shared_from_this()](error_code ec, size_t) {
      self->on_body_piece(ec);
    });
  }

  void on_body_piece(error_code ec) {
    if (ec == bhttp::error::need_buffer) ec = {};
    size_t got = kPieceBytes - body_->get().body().size;
    if (got > 0 && !store_piece(std::string_view(piece(), got)))
      return answer_early(500, "cannot store the upload");
    if (ec == bhttp::error::body_limit)
      return answer_early(413, "the body is larger than " + std::to_string(request_.body_limit) +
                                   " bytes, the most this resource takes");
    if (ec) {
      if (ec == beast::error::timeout)
        log::info("http", request_.method + " " + request_.path + ": the body stopped arriving for " +
                              std::to_string(core_.options.body_read_timeout.count()) + " s; connection closed");
      return close();
    }
    if (!body_->is_done()) return read_body_piece();
    if (body_fd_ >= 0) {
      bool flushed = ::fsync(body_fd_) == 0 || errno == EINVAL;
      ::close(body_fd_);
      body_fd_ = -1;
      if (!flushed) return answer_early(500, "cannot store the upload");
    }
    keep_alive_ = body_->get().keep_alive();
    dispatch();
  }

  bool open_body_file() {
    request_.body_file = core_.options.upload_dir / ("body-" + new_id("") + ".part");
    body_fd_ = ::open(request_.body_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (body_fd_ < 0) {
      log::error("http", "cannot create " + request_.body_file.string() + ": " + std::strerror(errno));
      request_.body_file.clear();
      return false;
    }
    return true;
  }

  bool store_piece(std::string_view bytes) {
    request_.body_size += bytes.size();
    if (route_->body == BodyMode::memory) {
      request_.body.append(bytes);
      return true;
    }
    while (!bytes.empty()) {
      ssize_t n = ::write(body_fd_, bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  void discard_body_file() {
    if (body_fd_ >= 0) ::close(body_fd_);
    body_fd_ = -1;
    if (!request_.body_file.empty()) {
      std::error_code ignored;
      std::filesystem::remove(request_.body_file, ignored);
      request_.body_file.clear();
    }
  }

  // ---- running the handler ------------------------------------------------------

  void dispatch() {
    if (route_->on_io_thread) {
      // Handlers that only name what to send (a file): no worker hop.
      Response res;
      try {
        route_->handler(request_, res);
      } catch (const std::exception& e) {
        log::error("http", request_.method + " " + request_.path + " failed: " + e.what());
        res = Response{};
        res.status = 500;
      }
      if (!res.stream) return send(std::move(res));
      log::error("http", request_.path + ": a stream needs a worker; the route must not run on the I/O thread");
      Response err;
      err.status = 500;
      return send(std::move(err));
    }
    run_on_worker(
        [this](Response& res) {
          route_->handler(request_, res);
          if (res.stream) {
            // The producer keeps this worker; the I/O side sends as it writes.
            auto channel = std::make_shared<StreamChannel>();
            auto self = this->shared_from_this();
            net::post(stream_.get_executor(), [self, channel, head = head_of(res.status, res.headers)] {
              self->start_stream(head, channel);
            });
            ChannelWriter writer(channel, core_.options.write_timeout, core_.stopping);
            writer.kick = [self] { net::post(self->stream_.get_executor(), [self] { self->drain_stream(); }); };
            bool complete = false;
            try {
              complete = res.stream(writer);
            } catch (const std::exception& e) {
              log::error("http", request_.method + " " + request_.path + ": the response stream failed: " + e.what());
            } catch (...) {
              log::error("http", request_.method + " " + request_.path + ": the response stream failed");
            }
            finish_stream(channel, complete);
            return false;  // answered through the channel
          }
          return true;
        },
        [](std::shared_ptr<Session> self, bool plain, Response res) {
          if (plain) self->send(std::move(res));
        });
  }

  // Runs `work` on a worker, then `then(self, work's result, response)` back on
  // this connection's executor. A full queue is answered 503 at once.
  template <class Work, class Then>
  void run_on_worker(Work work, Then then) {
    auto self = this->shared_from_this();
    WorkerPool& pool = route_ && route_->long_lived ? core_.streams : core_.workers;
    bool queued = pool.try_submit([self, work = std::move(work), then = std::move(then)]() mutable {
      Response res;
      bool result = false;
      try {
        result = work(res);
      } catch (const std::exception& e) {
        log::error("http", self->request_.method + " " + self->request_.path + " failed: " + e.what());
        res = Response{};
        res.status = 500;
        result = true;
      } catch (...) {
        log::error("http", self->request_.method + " " + self->request_.path + " failed: unknown exception");
        res = Response{};
        res.status = 500;
        result = true;
      }
      net::post(self->stream_.get_executor(), [self, then = std::move(then), result, res = std::move(res)]() mutable {
        then(self, result, std::move(res));
      });
    });
    if (!queued) {
      core_.refused_busy.fetch_add(1);
      Response res;
      res.status = 503;
      res.set_header("Retry-After", "1");
      res.set_body(problem_body(503, "the host is busy; retry shortly"), "application/problem+json");
      res.close_connection = body_expected() && !body_;
      send(std::move(res));
    }
  }

  // ---- writing the response -------------------------------------------------------

  // An answer given before the body was read (or while it was): the connection
  // closes afterwards, after draining a little of the unread body so the client
  // is not reset before it reads the answer.
  void answer_early(int status, const std::string& detail) {
    state_ = State::busy;
    Response res;
    res.status = status;
    res.set_body(problem_body(status, detail), "application/problem+json");
    res.close_connection = true;
    send(std::move(res));
  }

  template <class Message>
  void apply_headers(Message& msg, const Response& res) {
    msg.result(static_cast<unsigned>(res.status));
    msg.version(11);
    for (const auto& [name, value] : res.headers.fields()) msg.insert(name, value);
    if (!res.headers.has("Date")) msg.set(bhttp::field::date, http_date_now());
    msg.keep_alive(keep_alive_);
  }

  bool is_head() const { return request_.method == "HEAD"; }

  void send(Response res) {
    state_ = State::busy;
    discard_body_file();
    if (res.close_connection || closing_after_response_ || core_.stopping || (body_expected() && !body_))
      keep_alive_ = false;
    if (res.status >= 400 && res.body.empty() && !res.stream && !res.file) {
      res.body = problem_body(res.status, res.status == 500 ? "the server failed to handle this request; see the host log"
                                                            : "");
      res.headers.set("Content-Type", "application/problem+json");
    }
    status_ = res.status;
    if (res.file) return send_file(std::move(res));
    auto msg = std::make_shared<bhttp::response<bhttp::string_body>>();
    apply_headers(*msg, res);
    sent_bytes_ = res.body.size();
    if (res.status == 204 || res.status == 304) {
      // No body and no Content-Length by definition.
    } else if (is_head()) {
      msg->content_length(res.body.size());
    } else {
      msg->body() = std::move(res.body);
      msg->prepare_payload();
    }
    lowest().expires_after(core_.options.write_timeout);
    bhttp::async_write(stream_, *msg, [self = this->shared_from_this(), msg](error_code ec, size_t) {
      self->response_done(ec);
    });
  }

  void send_file(Response res) {
    FilePlan plan = plan_file_response(res.file->path, request_.headers, is_head());
    if (plan.status >= 400 && plan.fd < 0) {
      Response err;
      err.status = plan.status;
      err.headers = std::move(plan.headers);
      err.set_body(problem_body(plan.status, plan.detail), "application/problem+json");
      return send(std::move(err));
    }
    file_ = std::move(plan);
    Response shown = head_of(file_.status, res.headers);
    for (const auto& [n, v] : file_.headers.fields()) shown.headers.set(n, v);
    if (!res.file->content_type.empty()) shown.headers.set("Content-Type", res.file->content_type);
    // Plain TCP hands larger files to sendfile(2); TLS must encrypt in this
    // process, so it reads them piece by piece.
    constexpr uint64_t kOneWriteBytes = std::is_same_v<Stream, beast::tcp_stream> ? 32 * 1024 : kPieceBytes;
    if (file_.fd >= 0 && file_.length <= kOneWriteBytes) {
      // Small: head and body leave in one write.
      std::string bytes(static_cast<size_t>(file_.length), '\0');
      ssize_t n = ::pread(file_.fd, bytes.data(), bytes.size(), static_cast<off_t>(file_.offset));
      file_.close();
      if (n != static_cast<ssize_t>(bytes.size())) {
        log::warn("http", "reading " + request_.path + " failed");
        return close();
      }
      shown.body = std::move(bytes);
      return send(std::move(shown));
    }
    auto head = std::make_shared<bhttp::response<bhttp::empty_body>>();
    status_ = file_.status;
    apply_headers(*head, shown);
    if (file_.status != 304) head->content_length(file_.length);
    auto serializer = std::make_shared<bhttp::response_serializer<bhttp::empty_body>>(*head);
    lowest().expires_after(core_.options.write_timeout);
    bhttp::async_write_header(stream_, *serializer,
                              [self = this->shared_from_this(), head, serializer](error_code ec, size_t) {
                                if (ec || self->file_.fd < 0 || self->file_.length == 0 || self->is_head())
                                  return self->response_done(ec);
                                if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
                                  self->send_file_by_sendfile();
                                } else {
                                  self->send_file_piece();
                                }
                              });
  }

  // Plain TCP: the kernel copies the file to the socket (sendfile(2)) without
  // passing it through this process, as nginx's `sendfile on` does. When the
  // socket's buffer is full, waits until it can take more, within the write
  // deadline.
  void send_file_by_sendfile() {
    auto& socket = lowest().socket();
    error_code ec;
    socket.native_non_blocking(true, ec);
    if (ec) return close();
    while (file_.sent < file_.length) {
      off_t at = static_cast<off_t>(file_.offset + file_.sent);
      size_t want = static_cast<size_t>(std::min<uint64_t>(file_.length - file_.sent, 1u << 20));
      ssize_t n = ::sendfile(socket.native_handle(), file_.fd, &at, want);
      if (n > 0) {
        file_.sent += static_cast<uint64_t>(n);
        sent_bytes_ = file_.sent;
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return wait_to_send_file();
      if (n < 0 && errno != EPIPE && errno != ECONNRESET)
        log::warn("http", "sending " + request_.path + " stopped: " + std::strerror(errno));
      else if (n == 0)
        log::warn("http", "sending " + request_.path + " stopped: the file shrank");
      return close();
    }
    response_done({});
  }

  void wait_to_send_file() {
    // A timer of its own: the stream's deadline covers only its own operations.
    auto deadline = std::make_shared<net::steady_timer>(stream_.get_executor(), core_.options.write_timeout);
    auto self = this->shared_from_this();
    deadline->async_wait([self](error_code ec) {
      if (ec) return;  // cancelled: the socket became writable in time
      error_code ignored;
      self->lowest().socket().cancel(ignored);
    });
    lowest().socket().async_wait(tcp::socket::wait_write, [self, deadline](error_code ec) {
      deadline->cancel();
      if (ec) return self->close();
      self->send_file_by_sendfile();
    });
  }

  void send_file_piece() {
    size_t want = static_cast<size_t>(std::min<uint64_t>(kPieceBytes, file_.length - file_.sent));
    ssize_t n = ::pread(file_.fd, piece(), want, static_cast<off_t>(file_.offset + file_.sent));
    if (n <= 0) {
      log::warn("http", "reading " + request_.path + " stopped: " + (n < 0 ? std::strerror(errno) : "file shrank"));
      return close();
    }
    lowest().expires_after(core_.options.write_timeout);
    net::async_write(stream_, net::buffer(piece(), static_cast<size_t>(n)),
                     [self = this->shared_from_this()](error_code ec, size_t written) {
                       if (ec) return self->response_done(ec);
                       self->file_.sent += written;
                       self->sent_bytes_ = self->file_.sent;
                       if (self->file_.sent >= self->file_.length) return self->response_done(ec);
                       self->send_file_piece();
                     });
  }

  // ---- streamed (chunked) responses -------------------------------------------------

  class ChannelWriter final : public BodyWriter {
   public:
    ChannelWriter(std::shared_ptr<StreamChannel> c, std::chrono::seconds deadline, const std::atomic<bool>& stopping)
        : channel_(std::move(c)), deadline_(deadline), stopping_(stopping) {}
    bool server_stopping() const override { return stopping_.load(); }
    bool write(std::string_view bytes) override;
    bool client_gone() const override {
      std::lock_guard lock(channel_->mutex);
      return channel_->gone;
    }
    // Set by the session so write() can wake the I/O side.
    std::function<void()> kick;

   private:
    std::shared_ptr<StreamChannel> channel_;
    std::chrono::seconds deadline_;
    const std::atomic<bool>& stopping_;
  };

  void start_stream(const Response& head_res, const std::shared_ptr<StreamChannel>& channel) {
    channel_ = channel;
    status_ = head_res.status;
    auto head = std::make_shared<bhttp::response<bhttp::empty_body>>();
    apply_headers(*head, head_res);
    head->chunked(true);
    auto serializer = std::make_shared<bhttp::response_serializer<bhttp::empty_body>>(*head);
    lowest().expires_after(core_.options.write_timeout);
    bhttp::async_write_header(stream_, *serializer,
                              [self = this->shared_from_this(), head, serializer](error_code ec, size_t) {
                                if (ec) return self->stream_failed();
                                {
                                  std::lock_guard lock(self->channel_->mutex);
                                  self->channel_->header_sent = true;
                                }
                                self->drain_stream();
                              });
  }

  // On the I/O side: send the next pending piece, or the end of the body once
  // the producer has finished and nothing is pending.
  void drain_stream() {
    if (stream_writing_ || !channel_) return;  // one write at a time; its completion drains on
    std::unique_lock lock(channel_->mutex);
    if (channel_->gone) return;
    if (!channel_->header_sent) return;  // start_stream drains once the head is out
    if (channel_->pending.empty()) {
      channel_->draining = false;
      if (!channel_->finished) return;
      bool complete = channel_->complete;
      lock.unlock();
      if (!complete) {
        // No final chunk: the client must see the body as cut short.
        log::warn("http", request_.method + " " + request_.path + ": the response stream stopped early");
        return close();
      }
      static const std::string kLastChunk = "0\r\n\r\n";
      stream_writing_ = true;
      lowest().expires_after(core_.options.write_timeout);
      return net::async_write(stream_, net::buffer(kLastChunk), [self = this->shared_from_this()](error_code ec, size_t) {
        self->response_done(ec);
      });
    }
    channel_->draining = true;
    auto piece = std::make_shared<std::string>(std::move(channel_->pending.front()));
    channel_->pending.pop_front();
    lock.unlock();
    char size_line[24];
    int len = std::snprintf(size_line, sizeof size_line, "%zx\r\n", piece->size());
    auto framing = std::make_shared<std::string>(size_line, static_cast<size_t>(len));
    static const std::string kCrlf = "\r\n";
    std::array<net::const_buffer, 3> buffers{net::buffer(*framing), net::buffer(*piece), net::buffer(kCrlf)};
    stream_writing_ = true;
    lowest().expires_after(core_.options.write_timeout);
    net::async_write(stream_, buffers, [self = this->shared_from_this(), piece, framing](error_code ec, size_t) {
      self->stream_writing_ = false;
      if (ec) return self->stream_failed();
      {
        std::lock_guard guard(self->channel_->mutex);
        self->channel_->pending_bytes -= piece->size();
      }
      self->channel_->drained.notify_all();
      self->sent_bytes_ += piece->size();
      self->drain_stream();
    });
  }

  void stream_failed() {
    {
      std::lock_guard lock(channel_->mutex);
      channel_->gone = true;
      channel_->pending.clear();
      channel_->pending_bytes = 0;
    }
    channel_->drained.notify_all();
    close();
  }

  // On the worker, after the producer returns.
  void finish_stream(const std::shared_ptr<StreamChannel>& channel, bool complete) {
    bool kick = false;
    {
      std::lock_guard lock(channel->mutex);
      channel->finished = true;
      channel->complete = complete;
      kick = !channel->draining && !channel->gone;
      channel->draining = channel->draining || kick;
    }
    if (kick) net::post(stream_.get_executor(), [self = this->shared_from_this()] { self->drain_stream(); });
  }

  // ---- after a response -----------------------------------------------------------

  void response_done(error_code ec) {
    stream_writing_ = false;
    log_access();
    file_.close();
    channel_.reset();
    route_ = nullptr;
    head_.reset();
    body_.reset();
    if (ec) return close();
    if (!keep_alive_) return linger_then_close();
    wait_for_request();
  }

  void log_access() {
    if (!log::enabled(log::Level::info)) {
      sent_bytes_ = 0;
      return;
    }
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - started_).count();
    char tail[64];
    std::snprintf(tail, sizeof tail, " %d %llu %.1fms", status_, static_cast<unsigned long long>(sent_bytes_), ms);
    std::string target = request_.path;
    if (!request_.query.empty()) target += "?...";
    log::write(log::Level::info, "access", remote_ + " \"" + request_.method + " " + target + "\"" + tail);
    sent_bytes_ = 0;
  }

  // Half-close, then read and drop what the client still sends (up to a bound,
  // for a short while) so it can read our answer before the socket goes.
  void linger_then_close() {
    state_ = State::closed;
    error_code ignored;
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
      lingered_ = 0;
      linger_read();
    } else {
      close();
    }
  }

  void linger_read() {
    lowest().expires_after(std::chrono::seconds(2));
    lowest().async_read_some(net::buffer(piece(), kPieceBytes), [self = this->shared_from_this()](error_code ec, size_t n) {
      self->lingered_ += n;
      if (ec || self->lingered_ > kLingerBytes) return self->close();
      self->linger_read();
    });
  }

  void close() {
    if (state_ == State::closed && !lowest().socket().is_open()) return;
    state_ = State::closed;
    if (channel_) {
      {
        std::lock_guard lock(channel_->mutex);
        channel_->gone = true;
      }
      channel_->drained.notify_all();
    }
    error_code ignored;
    lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
    lowest().close();
    core_.leave(this->weak_from_this());
  }

  ServerCore& core_;
  Stream stream_;
  std::string remote_;
  beast::flat_buffer buffer_;
  // Bodies and files move through this; allocated on first need and given
  // back when the connection goes idle, so an idle connection costs little.
  std::unique_ptr<char[]> piece_storage_;
  char* piece() {
    if (!piece_storage_) piece_storage_ = take_piece_buffer();
    return piece_storage_.get();
  }
  void release_piece() {
    if (piece_storage_) give_back_piece_buffer(std::move(piece_storage_));
  }
  State state_ = State::idle;
  bool keep_alive_ = true;
  bool closing_after_response_ = false;
  Clock::time_point started_ = Clock::now();
  std::optional<bhttp::request_parser<bhttp::empty_body>> head_;
  std::optional<bhttp::request_parser<bhttp::buffer_body>> body_;
  const Route* route_ = nullptr;
  Request request_;
  int body_fd_ = -1;
  FilePlan file_;
  std::shared_ptr<StreamChannel> channel_;
  bool stream_writing_ = false;  // on this connection's executor only
  int status_ = 0;
  uint64_t sent_bytes_ = 0;
  size_t lingered_ = 0;
};

template <class Stream>
bool Session<Stream>::ChannelWriter::write(std::string_view bytes) {
  if (bytes.empty()) return !client_gone();
  std::unique_lock lock(channel_->mutex);
  // A slow client holds the producer here, never the server's memory.
  bool room = channel_->drained.wait_for(lock, deadline_, [&] {
    return channel_->gone || channel_->pending_bytes < kStreamBacklog;
  });
  if (!room) channel_->gone = true;
  if (channel_->gone) return false;
  channel_->pending.emplace_back(bytes);
  channel_->pending_bytes += bytes.size();
  bool need_kick = !channel_->draining && channel_->header_sent;
  if (need_kick) channel_->draining = true;
  lock.unlock();
  if (need_kick && kick) kick();
  return true;
}

}  // namespace

}  // namespace trellis::http::detail
