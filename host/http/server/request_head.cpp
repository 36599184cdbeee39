#include "http/server/request_head.hpp"

#include "http/server/router.hpp"

namespace trellis::http::detail {

void RequestHeadBuilder::start(std::string_view method, std::string_view target) {
  out_.method = std::string(method);
  out_.target = std::string(target);
}

bool RequestHeadBuilder::add_field(std::string_view name, std::string_view value) {
  if (++fields_ > max_fields_) {
    problem_ = {431, "the request has more than " + std::to_string(max_fields_) + " header fields"};
    return false;
  }
  out_.headers.add(name, value);
  return true;
}

HeadProblem RequestHeadBuilder::finish() {
  if (problem_) return problem_;
  std::string_view target = out_.target;
  if (target.empty() || target.front() != '/') return {400, "the request target must be a path"};
  auto q = target.find('?');
  raw_path_ = target.substr(0, q);
  if (!percent_decode(raw_path_, out_.path, false)) return {400, "the request path has a malformed percent-escape"};
  if (q != std::string_view::npos) out_.query = parse_query(target.substr(q + 1));
  return {};
}

}  // namespace trellis::http::detail
