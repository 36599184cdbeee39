// The engine against real sockets on 127.0.0.1: keep-alive and pipelining,
// guards before bodies, body limits, deadlines for slow clients, the worker
// queue's 503, streamed and file responses, uploads to disk, stop.

#include <catch2/catch.hpp>
#include <httplib.h>
#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <future>
#include <thread>

#include "http/server/server.hpp"
#include "raw_connection.hpp"
#include "support.hpp"
#include "test_wait.hpp"

using namespace trellis::http;
using namespace std::chrono_literals;

namespace {

// A server on a free port, run on its own thread for the test's duration.
class Running {
 public:
  explicit Running(Router router, ServerOptions options = {}) {
    options.listen = Listen{"127.0.0.1", 0};
    if (options.upload_dir.empty()) options.upload_dir = dir_.path();
    server_ = std::make_unique<Server>(std::move(router), std::move(options));
    thread_ = std::thread([this] { status_ = server_->run([this](int p) { port_ = p; }); });
    if (!trellis::testing::eventually([this] { return port_ != 0; })) {
      stop();
      FAIL("the server did not start listening within 30 s");
    }
  }
  ~Running() { stop(); }
  void stop() {
    if (!thread_.joinable()) return;
    server_->stop();
    thread_.join();
  }
  int port() const { return port_; }
  Server& server() { return *server_; }
  const std::filesystem::path& uploads() const { return dir_.path(); }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(10, 0);
    return c;
  }

 private:
  trellis::testing::TempDir dir_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::atomic<int> port_{0};
  trellis::Status status_;
};

using Raw = trellis::testing::RawConnection;

size_t count(const std::string& text, std::string_view what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("parse_listen accepts HOST:PORT and refuses junk", "[server]") {
  auto a = parse_listen("127.0.0.1:8080");
  REQUIRE(a);
  CHECK(a->host == "127.0.0.1");
  CHECK(a->port == 8080);
  auto b = parse_listen("[::1]:0");
  REQUIRE(b);
  CHECK(b->host == "::1");
  CHECK_FALSE(parse_listen("8080"));
  CHECK_FALSE(parse_listen("host:99999"));
  CHECK(parse_listen("host:x").error().exit_code() == 2);
}

TEST_CASE("Unknown paths and methods get problem+json, and stop lets an in-flight request finish", "[server]") {
  Router router;
  std::atomic<bool> entered{false};
  router.get("/slow", [&](Request&, Response& res) {
    entered = true;
    std::this_thread::sleep_for(700ms);
    res.set_body("done", "text/plain");
  });
  Running running(std::move(router));
  auto client = running.client();
  auto missing = client.Get("/nope");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(missing->get_header_value("Content-Type") == "application/problem+json");
  CHECK(missing->body.find("no resource at /nope") != std::string::npos);
  auto wrong = client.Delete("/slow");
  REQUIRE(wrong);
  CHECK(wrong->status == 405);
  CHECK(wrong->get_header_value("Allow") == "GET, HEAD");

  auto pending = std::async(std::launch::async, [&] { return running.client().Get("/slow"); });
  REQUIRE(trellis::testing::eventually([&] { return entered.load(); }));
  running.stop();
  auto slow = pending.get();
  REQUIRE(slow);
  CHECK(slow->status == 200);
  CHECK(slow->body == "done");
}

TEST_CASE("A second server on a port in use is refused with a message naming the port", "[server]") {
  Router a;
  a.get("/", [](Request&, Response& res) { res.set_body("a", "text/plain"); });
  Running first(std::move(a));
  ServerOptions options;
  options.listen = Listen{"127.0.0.1", first.port()};
  Server second(Router{}, options);
  auto st = second.run(nullptr);
  REQUIRE_FALSE(st);
  CHECK(st.error().message.find("port " + std::to_string(first.port())) != std::string::npos);
  CHECK(st.error().message.find("in use") != std::string::npos);
}

TEST_CASE("Keep-alive and pipelined requests are answered in order on one connection", "[server]") {
  Router router;
  router.get("/echo/{word}", [](Request& req, Response& res) { res.set_body(req.capture(0), "text/plain"); });
  Running running(std::move(router));
  Raw raw(running.port());
  REQUIRE(raw.connected());
  REQUIRE(raw.send("GET /echo/one HTTP/1.1\r\nHost: x\r\n\r\nGET /echo/two HTTP/1.1\r\nHost: x\r\n\r\n"
                   "GET /echo/three HTTP/1.1\r\nHost: x\r\n\r\n"));
  std::string got = raw.read(5s, "three");
  CHECK(count(got, "HTTP/1.1 200") == 3);
  auto one = got.find("one"), two = got.find("two"), three = got.find("three");
  CHECK((one < two && two < three && three != std::string::npos));
  CHECK_FALSE(raw.closed());
}

TEST_CASE("A guard answers before the body is read, and a route's limit refuses larger bodies", "[server]") {
  Router router;
  std::atomic<int> handled{0};
  Route guarded{"POST", "/guarded", [&](Request&, Response& res) { ++handled; res.status = 204; }};
  guarded.guard = [](Request& req, Response& res) {
    if (req.header("Authorization") == "let me") return true;
    res.status = 401;
    return false;
  };
  guarded.body_limit = 1 << 30;
  router.add(guarded);
  Route small{"POST", "/small", [&](Request& req, Response& res) { res.set_body(std::to_string(req.body.size()), "text/plain"); }};
  small.body_limit = 1000;
  router.add(small);
  Running running(std::move(router));

  // Claims a GiB and sends none of it: the 401 must come anyway.
  Raw stranger(running.port());
  REQUIRE(stranger.send("POST /guarded HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n\r\n"));
  std::string answer = stranger.read(5s, "}");
  CHECK(answer.rfind("HTTP/1.1 401", 0) == 0);
  CHECK(answer.find("application/problem+json") != std::string::npos);
  CHECK(handled == 0);

  Raw big(running.port());
  REQUIRE(big.send("POST /small HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n"));
  std::string refused = big.read(5s, "}");
  CHECK(refused.rfind("HTTP/1.1 413", 0) == 0);
  CHECK(refused.find("at most 1000") != std::string::npos);

  // Chunked bodies have no length to check up front: refused as they pass it.
  Raw chunked(running.port());
  std::string piece(600, 'a');
  REQUIRE(chunked.send("POST /small HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n" + piece +
                       "\r\n258\r\n" + piece + "\r\n0\r\n\r\n"));
  CHECK(chunked.read(5s, "}").rfind("HTTP/1.1 413", 0) == 0);

  auto client = running.client();
  auto ok = client.Post("/small", std::string(999, 'b'), "text/plain");
  REQUIRE(ok);
  CHECK(ok->body == "999");
  auto let_in = client.Post("/guarded", {{"Authorization", "let me"}}, "hello", "text/plain");
  REQUIRE(let_in);
  CHECK(let_in->status == 204);
  CHECK(handled == 1);
}

TEST_CASE("Slow and silent clients cost a connection, never a worker, and are cut at their deadline", "[server]") {
  Router router;
  router.get("/healthz", [](Request&, Response& res) { res.set_body("ok", "text/plain"); });
  ServerOptions options;
  options.workers = 2;
  options.header_timeout = 3s;
  options.idle_timeout = 2s;
  Running running(std::move(router), options);
  std::vector<std::unique_ptr<Raw>> slow;
  for (int i = 0; i < 50; ++i) {
    slow.push_back(std::make_unique<Raw>(running.port()));
    slow.back()->send("GET /healthz HTTP/1.1\r\nHo");  // and nothing more
  }
  auto answer = running.client().Get("/healthz");
  REQUIRE(answer);
  CHECK(answer->status == 200);
  // Answered while every slow client still held its connection: the answer did
  // not wait for any of them to be cut (an order of events, not a time limit).
  slow.back()->read(1ms);
  CHECK_FALSE(slow.back()->closed());
  // Past the header deadline each slow client is closed by the server (without
  // an answer, as nginx does: the deadline has already closed the socket).
  slow.front()->read(10s);
  CHECK(slow.front()->closed());
  CHECK(running.server().stats().busy_workers == 0);

  Raw idle(running.port());
  REQUIRE(idle.connected());
  idle.read(10s);
  CHECK(idle.closed());  // the idle deadline
}

TEST_CASE("A full worker queue is answered 503 with Retry-After instead of waiting", "[server]") {
  Router router;
  router.get("/busy", [](Request&, Response& res) {
    std::this_thread::sleep_for(400ms);
    res.set_body("done", "text/plain");
  });
  ServerOptions options;
  options.workers = 1;
  options.queue_limit = 1;
  Running running(std::move(router), options);
  std::vector<std::future<httplib::Result>> calls;
  for (int i = 0; i < 5; ++i)
    calls.push_back(std::async(std::launch::async, [&] { return running.client().Get("/busy"); }));
  int ok = 0, busy = 0;
  for (auto& c : calls) {
    auto r = c.get();
    REQUIRE(r);
    if (r->status == 200) ++ok;
    if (r->status == 503) {
      ++busy;
      CHECK(r->get_header_value("Retry-After") == "1");
    }
  }
  CHECK(ok >= 1);
  CHECK(busy >= 1);
  CHECK(ok + busy == 5);
  CHECK(running.server().stats().refused_busy == static_cast<uint64_t>(busy));
}

TEST_CASE("Streamed responses arrive whole, and a failed stream is cut short", "[server]") {
  Router router;
  router.get("/stream", [](Request&, Response& res) {
    res.set_stream("text/plain", [](BodyWriter& out) {
      for (int i = 0; i < 200; ++i)
        if (!out.write(std::string(10000, static_cast<char>('a' + i % 26)))) return false;
      return true;
    });
  });
  router.get("/broken", [](Request&, Response& res) {
    res.set_stream("text/plain", [](BodyWriter& out) {
      out.write("partial");
      return false;
    });
  });
  Running running(std::move(router));
  auto client = running.client();
  auto whole = client.Get("/stream");
  REQUIRE(whole);
  CHECK(whole->status == 200);
  CHECK(whole->body.size() == 2000000);
  CHECK(whole->body.substr(10000, 3) == "bbb");

  Raw raw(running.port());
  REQUIRE(raw.send("GET /broken HTTP/1.1\r\nHost: x\r\n\r\n"));
  std::string cut = raw.read(5s);
  CHECK(cut.find("partial") != std::string::npos);
  CHECK(cut.find("\r\n0\r\n\r\n") == std::string::npos);  // no last chunk
  CHECK(raw.closed());
}

TEST_CASE("Files are served with Range, HEAD and validators", "[server]") {
  trellis::testing::TempDir dir;
  auto file = dir.path() / "content.bin";
  std::string content;
  for (int i = 0; i < 300000; ++i) content.push_back(static_cast<char>('0' + i % 10));
  std::ofstream(file, std::ios::binary) << content;
  Router router;
  router.get("/files/{name}", [&](Request& req, Response& res) {
    res.set_file(dir.path() / req.capture(0), "application/octet-stream");
  });
  Running running(std::move(router));
  auto client = running.client();
  auto all = client.Get("/files/content.bin");
  REQUIRE(all);
  CHECK(all->status == 200);
  CHECK(all->body == content);
  CHECK(all->get_header_value("Accept-Ranges") == "bytes");
  auto part = client.Get("/files/content.bin", {{"Range", "bytes=100000-100009"}});
  REQUIRE(part);
  CHECK(part->status == 206);
  CHECK(part->body == content.substr(100000, 10));
  auto head = client.Head("/files/content.bin");
  REQUIRE(head);
  CHECK(head->get_header_value("Content-Length") == "300000");
  CHECK(head->body.empty());
  auto again = client.Get("/files/content.bin", {{"If-None-Match", all->get_header_value("ETag")}});
  REQUIRE(again);
  CHECK(again->status == 304);
  auto missing = client.Get("/files/none.bin");
  REQUIRE(missing);
  CHECK(missing->status == 404);
}

TEST_CASE("File-mode bodies stream to disk and are removed after the handler", "[server]") {
  Router router;
  std::filesystem::path seen_file;
  uint64_t seen_size = 0;
  std::string first_bytes;
  Route upload{"POST", "/upload", [&](Request& req, Response& res) {
    seen_file = req.body_file;
    seen_size = std::filesystem::file_size(req.body_file);
    std::ifstream in(req.body_file, std::ios::binary);
    first_bytes.resize(5);
    in.read(first_bytes.data(), 5);
    CHECK(req.body.empty());
    res.status = 201;
  }};
  upload.body = BodyMode::file;
  upload.body_limit = 10 << 20;
  router.add(upload);
  Running running(std::move(router));
  std::string body = "hello" + std::string(3 << 20, 'z');
  auto answer = running.client().Post("/upload", body, "application/zip");
  REQUIRE(answer);
  CHECK(answer->status == 201);
  CHECK(seen_size == body.size());
  CHECK(first_bytes == "hello");
  CHECK_FALSE(std::filesystem::exists(seen_file));
  CHECK(trellis::testing::files_below(running.uploads()) == 0);
}

TEST_CASE("Oversized or overlong heads are refused with 431", "[server]") {
  Router router;
  router.get("/", [](Request&, Response& res) { res.set_body("root", "text/plain"); });
  ServerOptions options;
  options.max_header_fields = 20;
  Running running(std::move(router), options);
  Raw many(running.port());
  std::string head = "GET / HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 30; ++i) head += "X-F" + std::to_string(i) + ": v\r\n";
  REQUIRE(many.send(head + "\r\n"));
  CHECK(many.read(5s, "}").rfind("HTTP/1.1 431", 0) == 0);
  Raw huge(running.port());
  REQUIRE(huge.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(40000, 'a') + "\r\n\r\n"));
  CHECK(huge.read(5s, "}").rfind("HTTP/1.1 431", 0) == 0);
}

TEST_CASE("A handler that throws is answered 500 and the server goes on", "[server]") {
  Router router;
  router.get("/throws", [](Request&, Response&) { throw std::runtime_error("boom"); });
  router.get("/fine", [](Request&, Response& res) { res.set_body("fine", "text/plain"); });
  Running running(std::move(router));
  auto client = running.client();
  auto bad = client.Get("/throws");
  REQUIRE(bad);
  CHECK(bad->status == 500);
  CHECK(bad->get_header_value("Content-Type") == "application/problem+json");
  auto good = client.Get("/fine");
  REQUIRE(good);
  CHECK(good->body == "fine");
}

TEST_CASE("A client that leaves in the middle of a large file does not kill the server", "[server]") {
  // The test process may have inherited an ignored SIGPIPE; put the default
  // back so a broken pipe would end this process as it would end `trellis serve`.
  ::signal(SIGPIPE, SIG_DFL);
  trellis::testing::TempDir dir;
  std::ofstream(dir.path() / "large.bin", std::ios::binary) << std::string(8 * 1024 * 1024, 'x');
  Router router;
  router.get("/files/{name}", [&](Request& req, Response& res) {
    res.set_file(dir.path() / req.capture(0), "application/octet-stream");
  });
  Running running(std::move(router));
  for (int i = 0; i < 20; ++i) {
    Raw raw(running.port());
    REQUIRE(raw.connected());
    REQUIRE(raw.send("GET /files/large.bin HTTP/1.1\r\nHost: t\r\n\r\n"));
    CHECK(raw.read(5s, "\r\n\r\n").find("200 OK") != std::string::npos);
    // Reset rather than close, so the server's next sendfile meets a dead peer.
    linger reset{1, 0};
    setsockopt(raw.fd(), SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
  }
  auto after = running.client().Head("/files/large.bin");
  REQUIRE(after);
  CHECK(after->status == 200);
}
