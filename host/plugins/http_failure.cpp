#include "plugins/http_failure.hpp"

namespace trellis::plugins {
namespace {

// "10 s", "0.5 s": the way the setting was likely written.
std::string seconds_text(std::chrono::milliseconds ms) {
  auto n = ms.count();
  if (n % 1000 == 0) return std::to_string(n / 1000) + " s";
  std::string text = std::to_string(n / 1000) + "." + std::to_string(n % 1000 + 1000).substr(1);
  while (text.back() == '0') text.pop_back();
  return text + " s";
}

}  // namespace

std::string http_failure_reason(httplib::Error error, const std::string& origin, std::chrono::milliseconds elapsed,
                                std::chrono::milliseconds timeout) {
  // A read that failed in the last tenth of its allowance ran out of it.
  bool near_timeout = elapsed * 10 >= timeout * 9;
  switch (error) {
    case httplib::Error::Connection:
      return near_timeout ? "timed out after " + seconds_text(timeout) + " connecting to " + origin
                          : "could not connect to " + origin + ": connection refused (or no route to it)";
    case httplib::Error::ConnectionTimeout:
      return "timed out after " + seconds_text(timeout) + " connecting to " + origin;
    case httplib::Error::SSLConnection:
      return "TLS handshake failed with " + origin;
    case httplib::Error::SSLServerVerification:
      return "TLS handshake failed: the certificate of " + origin + " could not be verified";
    case httplib::Error::SSLLoadingCerts:
      return "TLS: the system's CA certificates could not be loaded";
    case httplib::Error::Read:
      return near_timeout ? "timed out after " + seconds_text(timeout) + " waiting for " + origin + " to answer"
                          : origin + " closed the connection before answering";
    case httplib::Error::Write:
      return "the connection to " + origin + " broke while the request was sent";
    case httplib::Error::Canceled:
      return "the request to " + origin + " was cancelled";
    default:
      return "no answer from " + origin + ": " + httplib::to_string(error);
  }
}

}  // namespace trellis::plugins
