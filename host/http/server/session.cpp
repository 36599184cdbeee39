#include "http/server/session.hpp"

namespace trellis::http::detail {

void start_session(ServerCore& core, boost::asio::ip::tcp::socket socket, boost::asio::ssl::context* tls) {
  boost::system::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  std::string remote = ec ? "unknown" : endpoint.address().to_string();
  socket.set_option(boost::asio::ip::tcp::no_delay(true), ec);
  core.connections.fetch_add(1);
  if (tls)
    start_tls_session(core, std::move(remote), std::move(socket), *tls);
  else
    start_tcp_session(core, std::move(remote), std::move(socket));
}

}  // namespace trellis::http::detail
