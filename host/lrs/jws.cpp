#include "lrs/jws.hpp"

#include <openssl/evp.h>

#include "json/bounded_parse.hpp"
#include "lrs/statement_prep.hpp"

namespace trellis::lrs {
namespace {

std::optional<std::string> base64url_decode(std::string in) {
  for (auto& c : in) {
    if (c == '-') c = '+';
    else if (c == '_') c = '/';
    else if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=')) return std::nullopt;
  }
  while (in.size() % 4) in += '=';
  std::string out(in.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(in.data()),
                          static_cast<int>(in.size()));
  if (n < 0) return std::nullopt;
  size_t pad = 0;
  if (!in.empty() && in.back() == '=') ++pad;
  if (in.size() > 1 && in[in.size() - 2] == '=') ++pad;
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

// The parts of a statement a signature covers: the LRS's own properties and the
// attachments list (which holds the signature itself) are left out.
nlohmann::json signed_view(nlohmann::json s, const nlohmann::json& payload) {
  for (const char* k : {"stored", "authority", "version", "attachments"}) s.erase(k);
  for (const char* k : {"id", "timestamp"})
    if (!payload.contains(k)) s.erase(k);
  if (s.contains("context") && s["context"].contains("contextActivities"))
    for (auto& [kind, v] : s["context"]["contextActivities"].items()) {
      (void)kind;
      if (v.is_array() && v.size() == 1 && payload.contains("context") &&
          payload["context"].value("contextActivities", nlohmann::json::object()).value(kind, nlohmann::json()).is_object())
        v = v[0];
    }
  return s;
}

}  // namespace

Status verify_signed_statement(const std::string& jws, const nlohmann::json& statement) {
  auto bad = [](const std::string& why) { return make_error(ErrorKind::invalid_input, "signature: " + why); };
  auto d1 = jws.find('.');
  auto d2 = d1 == std::string::npos ? std::string::npos : jws.find('.', d1 + 1);
  if (d2 == std::string::npos || jws.find('.', d2 + 1) != std::string::npos)
    return bad("not a JWS in compact serialization");
  auto header = base64url_decode(jws.substr(0, d1));
  auto payload = base64url_decode(jws.substr(d1 + 1, d2 - d1 - 1));
  auto signature = base64url_decode(jws.substr(d2 + 1));
  if (!header || !payload || !signature || signature->empty()) return bad("a JWS part is not base64url");
  auto parsed_header = parse_json(*header);
  if (!parsed_header) return bad("the JWS header: " + parsed_header.error().message);
  const nlohmann::json& h = *parsed_header;
  if (!h.is_object()) return bad("the JWS header is not JSON");
  std::string alg = h.value("alg", "");
  if (alg != "RS256" && alg != "RS384" && alg != "RS512") return bad("the algorithm must be RS256, RS384 or RS512");
  auto parsed_payload = parse_json(*payload);
  if (!parsed_payload) return bad("the JWS payload: " + parsed_payload.error().message);
  const nlohmann::json& p = *parsed_payload;
  if (!p.is_object()) return bad("the JWS payload is not a JSON statement");
  nlohmann::json expected = signed_view(statement, p);
  nlohmann::json got = p;
  for (const char* k : {"stored", "authority", "version", "attachments"}) got.erase(k);
  truncate_durations(expected);
  truncate_durations(got);
  if (expected != got) return bad("the JWS payload does not match the statement");
  return {};
}

}  // namespace trellis::lrs
