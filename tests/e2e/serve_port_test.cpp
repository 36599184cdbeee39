// Issue 15: a second `trellis serve` on a port another Trellis serves must be
// refused (exit 3, the port named), never share it, and the listening socket
// must queue as many connections as the system allows, not a handful.
#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>

#include "support.hpp"
#include "test_skip.hpp"

using namespace trellis::testing;

namespace {

// `trellis serve` run to its end, stopped by `timeout` after 30 s: a serve that
// wrongly started listening ends with 124 instead of hanging the test.
ProcessResult serve_until_refused(const std::filesystem::path& home, const std::string& listen) {
  return run({"/usr/bin/timeout", "-s", "TERM", "30", trellis_exe().string(), "--home", home.string(), "serve",
              "--listen", listen});
}

// A TCP socket of our own, closed on destruction.
class Socket {
 public:
  Socket() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }
  // SO_REUSEADDR and SO_REUSEPORT, as a server that wants to share a port sets them.
  bool share_port() {
    int on = 1;
    return ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == 0 &&
           ::setsockopt(fd_, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) == 0;
  }
  // 0 when bound, else errno.
  int bind_loopback(int port) {
    sockaddr_in at{};
    at.sin_family = AF_INET;
    at.sin_port = htons(static_cast<uint16_t>(port));
    at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return ::bind(fd_, reinterpret_cast<sockaddr*>(&at), sizeof at) == 0 ? 0 : errno;
  }
  int port() const {
    sockaddr_in at{};
    socklen_t len = sizeof at;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&at), &len);
    return ntohs(at.sin_port);
  }

 private:
  int fd_;
};

// The accept queue length the kernel gives the listening TCP socket on
// 127.0.0.1:port (for a listener, inet_diag's wqueue is its backlog), or
// nullopt when the socket diagnostics interface cannot be asked here.
std::optional<uint32_t> listen_backlog(int port) {
  int fd = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (fd < 0) return std::nullopt;
  struct {
    nlmsghdr header;
    inet_diag_req_v2 request;
  } ask{};
  ask.header.nlmsg_len = sizeof ask;
  ask.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  ask.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  ask.request.sdiag_family = AF_INET;
  ask.request.sdiag_protocol = IPPROTO_TCP;
  ask.request.idiag_states = 1u << 10;  // TCP_LISTEN
  std::optional<uint32_t> found;
  if (::send(fd, &ask, sizeof ask, 0) == static_cast<ssize_t>(sizeof ask)) {
    alignas(nlmsghdr) char buf[32768];
    bool done = false;
    while (!done) {
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      int left = static_cast<int>(n);
      for (auto* h = reinterpret_cast<nlmsghdr*>(buf); NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
        if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) {
          done = true;
          break;
        }
        auto* msg = static_cast<inet_diag_msg*>(NLMSG_DATA(h));
        if (ntohs(msg->id.idiag_sport) == port) found = msg->idiag_wqueue;
      }
    }
  }
  ::close(fd);
  return found;
}

std::optional<uint32_t> system_somaxconn() {
  std::ifstream in("/proc/sys/net/core/somaxconn");
  uint32_t n = 0;
  if (in >> n) return n;
  return std::nullopt;
}

}  // namespace

TEST_CASE("A second serve on a port another Trellis serves exits 3 naming the port", "[e2e][serve]") {
  TempDir first_home, second_home;
  Server first(first_home.path());
  std::string port = std::to_string(first.port());
  for (const std::string& listen : {"127.0.0.1:" + port, "0.0.0.0:" + port, "localhost:" + port}) {
    INFO(listen);
    auto second = serve_until_refused(second_home.path(), listen);
    CHECK(second.exit_code == 3);
    CHECK(second.err.find("port " + port) != std::string::npos);
    CHECK(second.err.find("in use") != std::string::npos);
    CHECK(second.out.find("listening") == std::string::npos);
  }
  // The first server still answers: nothing took its port.
  CHECK(first.get("/healthz").status == 200);
}

TEST_CASE("A port held with SO_REUSEPORT is refused and Trellis's port cannot be shared that way",
          "[e2e][serve]") {
  // Another program listening with SO_REUSEPORT: Trellis does not join it.
  Socket other;
  REQUIRE(other.share_port());
  REQUIRE(other.bind_loopback(0) == 0);
  REQUIRE(::listen(other.fd(), 16) == 0);
  std::string taken = std::to_string(other.port());
  TempDir home;
  auto refused = serve_until_refused(home.path(), "127.0.0.1:" + taken);
  CHECK(refused.exit_code == 3);
  CHECK(refused.err.find("port " + taken) != std::string::npos);

  // And a program asking to share Trellis's port through SO_REUSEPORT is refused by the kernel.
  Server serving(home.path());
  Socket intruder;
  REQUIRE(intruder.share_port());
  CHECK(intruder.bind_loopback(serving.port()) == EADDRINUSE);
}

TEST_CASE("serve listens with the system's largest accept queue", "[e2e][serve]") {
  TempDir home;
  Server serving(home.path());
  auto backlog = listen_backlog(serving.port());
  if (!backlog) TRELLIS_SKIP("the kernel's socket diagnostics (NETLINK_SOCK_DIAG) cannot be asked here");
  auto limit = system_somaxconn();
  if (!limit) TRELLIS_SKIP("/proc/sys/net/core/somaxconn cannot be read");
  // The kernel caps every backlog at net.core.somaxconn; asking for SOMAXCONN
  // (or more) gets the cap, while the old backlog of 5 would show as 5.
  CHECK(*backlog == std::min<uint32_t>(*limit, SOMAXCONN));
  CHECK(*backlog >= 128);
}
