// A destination that cannot be reached is named with the cause, as an admin
// reads it in `records forward` and `destination list`: not "status 5".
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "app/runtime.hpp"
#include "records_test_seed.hpp"
#include "stand_in_lrs.hpp"
#include "support.hpp"

using namespace trellis;

namespace {

// A socket on 127.0.0.1 that listens and never accepts: connections complete
// (the kernel's backlog) and then nothing is ever answered.
class SilentListener {
 public:
  SilentListener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(fd_, 16) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    port_ = ntohs(addr.sin_port);
  }
  ~SilentListener() { ::close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// A port nothing listens on: bound, then closed again.
int closed_port() {
  int port = 0;
  {
    SilentListener taken;
    port = taken.port();
  }
  return port;
}

std::string forward_error(const std::filesystem::path& home, const std::string& url, const std::string& timeout_ms) {
  REQUIRE(testing::run_trellis(home, {"records", "destination", "add", "d", "--url", url, "--key", "k", "--secret", "s",
                                      "--timeout-ms", timeout_ms})
              .exit_code == 0);
  auto r = testing::run_trellis(home, {"records", "forward", "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 3);
  auto error = nlohmann::json::parse(r.out)[0]["error"].get<std::string>();
  CHECK_THAT(error, !Catch::Contains("status 5"));
  return error;
}

void seed_one(const std::filesystem::path& home) {
  auto rt = Runtime::open(home);
  REQUIRE(rt.ok());
  testing::seed_statements(rt.value()->db,
                           {testing::make_statement("a@example.org", testing::kCompleted, "https://x.example/1")});
}

}  // namespace

TEST_CASE("forwarding to a closed port says connection refused", "[records][forward]") {
  testing::TempDir dir;
  seed_one(dir.path());
  auto error = forward_error(dir.path(), "http://127.0.0.1:" + std::to_string(closed_port()) + "/xapi", "5000");
  CHECK_THAT(error, Catch::Contains("connection refused"));
}

TEST_CASE("forwarding to a remote that never answers says it timed out and after how long", "[records][forward]") {
  testing::TempDir dir;
  seed_one(dir.path());
  SilentListener silent;
  auto error = forward_error(dir.path(), "http://127.0.0.1:" + std::to_string(silent.port()) + "/xapi", "300");
  CHECK_THAT(error, Catch::Contains("timed out after 0.3 s"));
}

TEST_CASE("forwarding over https to a plain HTTP remote says the TLS handshake failed", "[records][forward]") {
  testing::TempDir dir;
  seed_one(dir.path());
  testing::StandInLrs plain("http://example.org/verbs/never");
  std::string url = plain.url();
  REQUIRE(url.rfind("http://", 0) == 0);
  auto error = forward_error(dir.path(), "https://" + url.substr(7), "5000");
  CHECK_THAT(error, Catch::Contains("TLS handshake failed"));
}
