// One HTTP/1.1 connection: reads requests one after another (pipelined ones
// included, answered in order), runs guards and handlers on the worker pool and
// writes their responses, each step under its deadline. Internal to server/.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include <string>

#include "http/server/server_core.hpp"

namespace trellis::http::detail {

// Takes over an accepted socket. With `tls` set, the connection first performs a
// TLS handshake (under the header deadline).
void start_session(ServerCore& core, boost::asio::ip::tcp::socket socket, boost::asio::ssl::context* tls);

// The two kinds of connection, each compiled on its own (session_tcp.cpp,
// session_tls.cpp); start_session picks one.
void start_tcp_session(ServerCore& core, std::string remote, boost::asio::ip::tcp::socket socket);
void start_tls_session(ServerCore& core, std::string remote, boost::asio::ip::tcp::socket socket,
                       boost::asio::ssl::context& tls);

}  // namespace trellis::http::detail
