// libFuzzer target: a request body as the LRS takes it (parse with the nesting
// limit, then validate every statement under both xAPI versions, then
// serialise), and the raw bytes through each value check. Long strings and deep
// nesting once crashed this path (std::regex recursion, recursive dump()).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "json/bounded_parse.hpp"
#include "lrs/statement_validator.hpp"
#include "xapi/identifiers.hpp"
#include "xapi/timestamp.hpp"
#include "xapi/xapi_version.hpp"

namespace {

void validate_all(const nlohmann::json& body) {
  for (auto version : {trellis::xapi::XapiVersion::v1_0, trellis::xapi::XapiVersion::v2_0}) {
    if (body.is_array()) {
      for (const auto& s : body) (void)trellis::lrs::validate_statement(s, version);
    } else {
      (void)trellis::lrs::validate_statement(body, version);
    }
    (void)trellis::lrs::validate_agent_parameter(body, version);
  }
}

void check_values(std::string_view text) {
  using namespace trellis::xapi;
  (void)is_uuid(text);
  (void)is_iri(text);
  (void)is_language_tag(text);
  (void)is_mailto_iri(text);
  (void)is_sha1_hex(text);
  (void)is_media_type(text);
  (void)is_duration(text);
  (void)parse_timestamp(text);
  (void)parse_version_header(text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  check_values(text);
  auto parsed = trellis::parse_json(text);
  if (!parsed) return 0;
  validate_all(*parsed);
  nlohmann::json copy = *parsed;  // copying and dumping recurse: safe within the limit
  (void)copy.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return 0;
}
