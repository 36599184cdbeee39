#include "http/server/session_impl.hpp"

namespace trellis::http::detail {

void start_tls_session(ServerCore& core, std::string remote, boost::asio::ip::tcp::socket socket,
                       boost::asio::ssl::context& tls) {
  std::make_shared<Session<boost::beast::ssl_stream<boost::beast::tcp_stream>>>(core, std::move(remote),
                                                                                std::move(socket), tls)
      ->start();
}

}  // namespace trellis::http::detail
