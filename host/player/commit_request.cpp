#include "player/commit_request.hpp"

#include "core/utf8.hpp"
#include "json/bounded_parse.hpp"

namespace trellis::player {

Result<CommitBody> parse_commit_body(const std::string& text) {
  if (!is_valid_utf8(text)) return make_error(ErrorKind::invalid_input, "the commit is not valid UTF-8");
  auto parsed = parse_json(text);
  if (!parsed) return parsed.error();
  const nlohmann::json& j = *parsed;
  if (!j.is_object()) return make_error(ErrorKind::invalid_input, "the commit must be a JSON object");
  if (!j.contains("seq") || !j["seq"].is_number_integer() || j["seq"].get<int64_t>() < 1)
    return make_error(ErrorKind::invalid_input, "the commit needs 'seq', an integer from 1");
  if (j.contains("terminate") && !j["terminate"].is_boolean())
    return make_error(ErrorKind::invalid_input, "'terminate' must be true or false");
  if (!j.contains("elements") || !j["elements"].is_object())
    return make_error(ErrorKind::invalid_input, "the commit needs 'elements', an object of data-model elements");
  return CommitBody{j["seq"].get<int64_t>(), j.value("terminate", false), j["elements"]};
}

nlohmann::json commit_request(nlohmann::json request, const CommitBody& body, bool session_first,
                              const StatementContext& c) {
  request["schema"] = "trellis.commit-request/1";
  request["elements"] = body.elements;
  request["terminate"] = body.terminate;
  request["session_first"] = session_first;
  request["statement_context"] = {{"actor", c.actor},
                                  {"registration", c.registration},
                                  {"activity_id", c.activity_id},
                                  {"course_activity_id", c.course_activity_id},
                                  {"timestamp", c.timestamp}};
  return request;
}

}  // namespace trellis::player
