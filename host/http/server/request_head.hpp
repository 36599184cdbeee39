// A request's head (method, target, fields) made into a Request, with the
// server's rules on it: at most `max_fields` fields, an origin-form target
// (RFC 9112 3.2.1), well-formed percent-escapes. Plain code over what the HTTP
// parser handed over, shared by the connection and the request fuzzer.
#pragma once

#include <string>
#include <string_view>

#include "http/server/request.hpp"

namespace trellis::http::detail {

struct HeadProblem {
  int status = 0;  // 0: none; else the status to answer (400, 431)
  std::string detail;
  explicit operator bool() const { return status != 0; }
};

class RequestHeadBuilder {
 public:
  RequestHeadBuilder(Request& out, size_t max_fields) : out_(out), max_fields_(max_fields) {}
  void start(std::string_view method, std::string_view target);
  // False once the field count passes the limit (problem() then says so).
  bool add_field(std::string_view name, std::string_view value);
  // Checks the target and fills path and query; returns what is wrong, if anything.
  HeadProblem finish();
  // The raw (still encoded) path the router matches on; valid after finish().
  std::string_view raw_path() const { return raw_path_; }

 private:
  Request& out_;
  size_t max_fields_;
  size_t fields_ = 0;
  HeadProblem problem_;
  std::string_view raw_path_;
};

}  // namespace trellis::http::detail
