#include <catch2/catch.hpp>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "http/http_server.hpp"
#include "http/problem.hpp"

using namespace trellis::http;

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

TEST_CASE("Unknown paths get problem+json and stop lets an in-flight request finish", "[server]") {
  HttpServer server;
  std::atomic<bool> entered{false};
  server.routes().Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
    entered = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    res.set_content("done", "text/plain");
  });
  std::atomic<int> port{0};
  std::thread runner([&] { (void)server.run(Listen{"127.0.0.1", 0}, [&](int p) { port = p; }); });
  while (port == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));

  httplib::Client client("127.0.0.1", port);
  auto missing = client.Get("/nope");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(missing->get_header_value("Content-Type") == "application/problem+json");
  CHECK(missing->body.find("\"status\":404") != std::string::npos);

  int slow_status = 0;
  std::string slow_body;
  std::thread in_flight([&] {
    httplib::Client c2("127.0.0.1", port);
    auto slow = c2.Get("/slow");
    if (slow) {
      slow_status = slow->status;
      slow_body = slow->body;
    }
  });
  while (!entered) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  server.stop();
  in_flight.join();
  runner.join();
  CHECK(slow_status == 200);
  CHECK(slow_body == "done");
}
