#include "xapi/identifiers.hpp"

#include <regex>

namespace trellis::xapi {

bool is_uuid(const std::string& text) {
  static const std::regex re(R"(^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$)");
  return std::regex_match(text, re);
}

bool is_iri(const std::string& text) {
  static const std::regex re(R"(^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>"{}|\\^`]+$)");
  return std::regex_match(text, re);
}

bool is_language_tag(const std::string& text) {
  static const std::regex re(R"(^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$)");
  return std::regex_match(text, re);
}

}  // namespace trellis::xapi
