// A raw TCP connection to 127.0.0.1, for what an HTTP client library would
// never send: half a request head, a body that never comes, pipelined requests.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace trellis::testing {

class RawConnection {
 public:
  explicit RawConnection(int port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0 && connected_; }
  // False once the peer has closed or reset the connection.
  bool send(std::string_view bytes);
  // Reads until `until` appears, the peer closes, or the deadline passes.
  std::string read(std::chrono::milliseconds deadline, std::string_view until = {});
  bool closed() const { return closed_; }
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
};

// The resident set size of a process, in KiB (0 when it cannot be read).
long rss_kib(int pid);

}  // namespace trellis::testing
