// What a hostile or careless client can do to a real `trellis serve` over
// 127.0.0.1 (issue 14's list): each attack must leave the server up, answering
// the right status, with its memory back near its idle figure.
#include <sys/resource.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <future>
#include <thread>

#include <nlohmann/json.hpp>

#include "raw_connection.hpp"
#include "support.hpp"
#include "test_skip.hpp"

using namespace trellis::testing;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

std::string statement_with(const std::string& field_json) {
  return R"({"actor":{"mbox":"mailto:a@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/attempted"},)"
         R"("object":{"id":"http://example.org/activity"})" +
         (field_json.empty() ? "" : "," + field_json) + "}";
}

std::string nested(const std::string& open, const std::string& close, size_t depth) {
  std::string out;
  out.reserve(depth * (open.size() + close.size()) + 2);
  for (size_t i = 0; i < depth; ++i) out += open;
  out += "1";
  for (size_t i = 0; i < depth; ++i) out += close;
  return out;
}

const std::map<std::string, std::string> xapi_headers(const std::string& auth) {
  return {{"Authorization", auth}, {"X-Experience-API-Version", "1.0.3"}};
}

// The median of a few /healthz round trips, in milliseconds.
double healthz_p99_ms(const Server& server, int samples) {
  std::vector<double> ms;
  for (int i = 0; i < samples; ++i) {
    auto started = std::chrono::steady_clock::now();
    auto r = server.get("/healthz");
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
    if (r.status != 200) ms.back() = 1e9;
  }
  std::sort(ms.begin(), ms.end());
  return ms[static_cast<size_t>(samples * 0.99) < ms.size() ? static_cast<size_t>(samples * 0.99) : ms.size() - 1];
}

// Idle memory after a few ordinary requests have warmed the allocator.
long settled_rss(const Server& server) {
  for (int i = 0; i < 5; ++i) server.get("/healthz");
  std::this_thread::sleep_for(300ms);
  return rss_kib(server.pid());
}

void raise_own_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

}  // namespace

TEST_CASE("Long strings in statements are refused with 400 and never crash the server", "[e2e][http][attack]") {
  TempDir home;
  auto key = create_key_header(home.path(), {"all"});
  Server server(home.path());
  const std::string long_iri = "http://example.org/" + std::string(30000, 'v');
  const std::vector<std::string> bodies = {
      R"({"actor":{"mbox":"mailto:a@example.org"},"verb":{"id":")" + long_iri +
          R"("},"object":{"id":"http://example.org/activity"}})",
      R"({"actor":{"mbox":"mailto:)" + std::string(50000, 'a') + R"(@"},"verb":{"id":"http://adlnet.gov/expapi/verbs/attempted"},"object":{"id":"http://example.org/activity"}})",
      statement_with(R"("result":{"duration":"PT)" + std::string(50000, '1') + R"(.S"})"),
      statement_with(R"("timestamp":"2024-01-01T00:00:00.)" + std::string(100000, '1') + R"(x")"),
  };
  // A 30,000-character IRI is long but valid: stored. The others are malformed.
  const std::vector<int> expected = {200, 400, 400, 400};
  for (size_t i = 0; i < bodies.size(); ++i) {
    auto r = server.request("POST", "/xapi/statements", bodies[i], "application/json", xapi_headers(key));
    CHECK(r.status == expected[i]);
    REQUIRE(server.get("/healthz").status == 200);
  }
}

TEST_CASE("Deeply nested JSON is refused with 400 naming the limit", "[e2e][http][attack]") {
  TempDir home;
  auto key = create_key_header(home.path(), {"all"});
  auto admin = create_key_header(home.path(), {"admin"});
  Server server(home.path());
  auto deep = statement_with(R"("result":{"extensions":{"http://example.org/x":)" + nested("[", "]", 50000) + "}}");
  auto r = server.request("POST", "/xapi/statements", deep, "application/json", xapi_headers(key));
  CHECK(r.status == 400);
  CHECK(r.body.find("deeper than") != std::string::npos);
  auto settings = server.request("PUT", "/api/v1/plugins/feeds/settings", nested("{\"a\":", "}", 100000),
                                 "application/json", {{"Authorization", admin}});
  CHECK(settings.status == 400);
  CHECK(server.get("/healthz").status == 200);
}

TEST_CASE("10000 idle keep-alive and 1000 slow-header connections do not slow /healthz",
          "[e2e][http][attack]") {
  raise_own_descriptor_limit();
  TempDir home;
  Server server(home.path());
  double idle_p99 = healthz_p99_ms(server, 1000);
  long idle_rss = settled_rss(server);

  std::vector<std::unique_ptr<RawConnection>> idle, slow;
  constexpr int kIdle = 10000, kSlow = 1000;
  for (int i = 0; i < kIdle; ++i) {
    idle.push_back(std::make_unique<RawConnection>(server.port()));
    REQUIRE(idle.back()->connected());
  }
  for (int i = 0; i < kSlow; ++i) {
    slow.push_back(std::make_unique<RawConnection>(server.port()));
    slow.back()->send("GET /healthz HTTP/1.1\r\n");
  }
  // The slow ones dribble a header byte now and then, as a slowloris would.
  std::atomic<bool> done{false};
  std::thread dribbler([&] {
    while (!done) {
      for (auto& c : slow) c->send("X");
      std::this_thread::sleep_for(500ms);
    }
  });
  // connect() returns once the kernel queues a connection; give the server a
  // moment to take them all in, so what is measured is holding them. The
  // slow ones' 10 s header deadline bounds the window that follows.
  std::this_thread::sleep_for(1s);
  double loaded_p99 = healthz_p99_ms(server, 1000);
  long loaded_rss = rss_kib(server.pid());
  done = true;
  dribbler.join();
  INFO("idle p99 " << idle_p99 << " ms, loaded p99 " << loaded_p99 << " ms; RSS idle " << idle_rss << " KiB, with "
                   << idle.size() << " idle + " << slow.size() << " slow connections " << loaded_rss << " KiB");
  // Loopback timings this small jitter by a few milliseconds on a busy machine;
  // the attack this guards against cost 30-41 s.
  CHECK(loaded_p99 <= std::max(3 * idle_p99, idle_p99 + 25.0));
  double per_connection_kib = static_cast<double>(loaded_rss - idle_rss) / (kIdle + kSlow);
  // The figure docs/conformance.md quotes.
  std::printf("FIGURE http.held_connections: %d idle + %d slow, /healthz p99 %.2f ms (idle %.2f ms, %.2fx), "
              "%.1f KiB per held connection\n",
              kIdle, kSlow, loaded_p99, idle_p99, loaded_p99 / idle_p99, per_connection_kib);
  CHECK(per_connection_kib < 64);
  idle.clear();
  slow.clear();
  CHECK(server.get("/healthz").status == 200);
}

TEST_CASE("An unauthenticated huge POST is answered 401 without the body being held", "[e2e][http][attack]") {
  TempDir home;
  auto key = create_key_header(home.path(), {"all"});
  Server server(home.path());
  long idle_rss = settled_rss(server);

  RawConnection stranger(server.port());
  REQUIRE(stranger.send("POST /xapi/statements HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        "X-Experience-API-Version: 1.0.3\r\nContent-Length: 1073741824\r\n\r\n"));
  std::string junk(1 << 20, '[');
  for (int i = 0; i < 64 && stranger.send(junk); ++i) {
  }
  std::string answer = stranger.read(10s, "\r\n\r\n");
  CHECK(answer.rfind("HTTP/1.1 401", 0) == 0);

  // With a key, a body over the statements limit is refused by its length alone.
  RawConnection big(server.port());
  REQUIRE(big.send("POST /xapi/statements HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   "X-Experience-API-Version: 1.0.3\r\nAuthorization: " + key +
                   "\r\nContent-Length: 209715200\r\n\r\n"));
  CHECK(big.read(10s, "\r\n\r\n").rfind("HTTP/1.1 413", 0) == 0);

  long after_rss = settled_rss(server);
  INFO("RSS idle " << idle_rss << " KiB, after " << after_rss << " KiB");
#if defined(__SANITIZE_ADDRESS__)
  // ASan keeps freed memory in quarantine (up to 256 MiB) on purpose: the RSS
  // figure measures the sanitizer there, not the server.
  // Everything else was checked; ctest still shows the test Skipped, since one claim was not.
  trellis::testing::mark_skipped("the RSS check is not made under AddressSanitizer (idle " + std::to_string(idle_rss) +
                                 " KiB, after " + std::to_string(after_rss) + " KiB)");
#else
  CHECK(after_rss <= idle_rss * 1.2);
#endif
  CHECK(server.get("/healthz").status == 200);
}

TEST_CASE("Unbounded header fields are cut off with 431", "[e2e][http][attack]") {
  TempDir home;
  Server server(home.path());
  RawConnection c(server.port());
  REQUIRE(c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n"));
  size_t sent = 0;
  for (int i = 0; i < 1000000 && c.send("X-Filler-" + std::to_string(i) + ": v\r\n"); ++i) sent += 20;
  std::string answer = c.read(5s, "\r\n\r\n");
  CHECK(answer.rfind("HTTP/1.1 431", 0) == 0);
  CHECK(sent < 4 * 1024 * 1024);  // the server stopped reading long before a million fields
  CHECK(server.get("/healthz").status == 200);
}

TEST_CASE("Slow uploads do not hold the workers other requests need", "[e2e][http][attack]") {
  TempDir home;
  auto admin = create_key_header(home.path(), {"admin"});
  Server server(home.path());
  std::vector<std::unique_ptr<RawConnection>> uploads;
  for (int i = 0; i < 12; ++i) {
    uploads.push_back(std::make_unique<RawConnection>(server.port()));
    REQUIRE(uploads.back()->send("POST /api/v1/packages HTTP/1.1\r\nHost: x\r\nAuthorization: " + admin +
                                 "\r\nContent-Type: application/zip\r\nContent-Length: 10000000\r\n\r\nPK"));
  }
  std::this_thread::sleep_for(300ms);
  auto health = server.get("/healthz");
  CHECK(health.status == 200);
  // Answered while the uploads still hold their connections: it waited for none
  // of them to finish or be cut (an order of events, not a time limit).
  uploads.back()->read(1ms);
  CHECK_FALSE(uploads.back()->closed());
  auto courses = server.get("/api/v1/courses");
  CHECK(courses.status == 200);
}

TEST_CASE("Statements need a Content-Type the xAPI allows", "[e2e][http][attack]") {
  TempDir home;
  auto key = create_key_header(home.path(), {"all"});
  Server server(home.path());
  auto bare = server.request("POST", "/xapi/statements", statement_with(""), "", xapi_headers(key));
  CHECK(bare.status == 400);
  CHECK(bare.body.find("Content-Type") != std::string::npos);
  auto ok = server.request("POST", "/xapi/statements", statement_with(""), "application/json", xapi_headers(key));
  CHECK(ok.status == 200);
}
