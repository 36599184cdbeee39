#include "http/server/session_impl.hpp"

namespace trellis::http::detail {

void start_tcp_session(ServerCore& core, std::string remote, boost::asio::ip::tcp::socket socket) {
  std::make_shared<Session<boost::beast::tcp_stream>>(core, std::move(remote), std::move(socket))->start();
}

}  // namespace trellis::http::detail
