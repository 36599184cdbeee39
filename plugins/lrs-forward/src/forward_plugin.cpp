// The lrs-forward exporter: a session per destination, each batch POSTed to the
// destination's /statements with its Basic credentials, the actor hidden as the
// destination's privacy mode says, and every record's fate reported back to the
// host (which keeps the cursor and the outbox).
#include <string>

#include <nlohmann/json.hpp>

#include "delivery.hpp"
#include "privacy.hpp"
#include "trellis/cpp/plugin.hpp"

namespace {

using trellis::forward::Fate;

std::string base64(std::string_view in) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < in.size(); i += 3) {
    uint32_t n = static_cast<uint32_t>(static_cast<uint8_t>(in[i])) << 16;
    if (i + 1 < in.size()) n |= static_cast<uint32_t>(static_cast<uint8_t>(in[i + 1])) << 8;
    if (i + 2 < in.size()) n |= static_cast<uint8_t>(in[i + 2]);
    out += table[(n >> 18) & 63];
    out += table[(n >> 12) & 63];
    out += i + 1 < in.size() ? table[(n >> 6) & 63] : '=';
    out += i + 2 < in.size() ? table[n & 63] : '=';
  }
  return out;
}

struct Destination {
  std::string statements_url;
  std::string authorization;
  trellis::forward::PrivacySettings privacy;
  uint32_t timeout_ms = 30000;
};

std::string text_of(const nlohmann::json& d, const char* key, const std::string& fallback = {}) {
  auto it = d.find(key);
  return it != d.end() && it->is_string() ? it->get<std::string>() : fallback;
}

Destination read_destination(const trellis::Host& host, const std::string& name) {
  auto all = nlohmann::json::parse(host.setting("destinations").value_or("{}"), nullptr, false);
  if (!all.is_object() || !all.contains(name) || !all[name].is_object())
    throw trellis::Error(TRELLIS_ERR_NOT_FOUND, "no lrs-forward destination named '" + name + "' is configured");
  const auto& d = all[name];
  Destination out;
  std::string url = text_of(d, "url");
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
    throw trellis::Error(TRELLIS_ERR_INVALID_ARGUMENT, "destination '" + name + "': url must be http(s)");
  while (!url.empty() && url.back() == '/') url.pop_back();
  out.statements_url = url + "/statements";
  out.authorization = "Basic " + base64(text_of(d, "key") + ":" + text_of(d, "secret"));
  auto mode = trellis::forward::parse_privacy(text_of(d, "privacy"));
  if (!mode) throw trellis::Error(TRELLIS_ERR_INVALID_ARGUMENT, "destination '" + name + "': unknown privacy mode");
  out.privacy.mode = *mode;
  out.privacy.secret = text_of(d, "pseudonym_secret");
  out.privacy.home_page = text_of(d, "pseudonym_home_page", "urn:trellis:pseudonym");
  if (out.privacy.mode == trellis::forward::Privacy::pseudonym && out.privacy.secret.size() < 16)
    throw trellis::Error(TRELLIS_ERR_INVALID_ARGUMENT,
                         "destination '" + name + "': pseudonym mode needs a pseudonym_secret of 16+ characters");
  if (d.contains("timeout_ms") && d["timeout_ms"].is_number_unsigned()) out.timeout_ms = d["timeout_ms"].get<uint32_t>();
  return out;
}

class ForwardSession : public trellis::ExportSession {
 public:
  ForwardSession(const trellis::Host& host, Destination destination) : host_(host), dest_(std::move(destination)) {}

  void write_batch(const std::vector<trellis::Record>& records, trellis::Outcomes& outcomes,
                   const trellis::Cancel& cancel) override {
    cancel.check();
    // Statements go with the xAPI version they were stored under, so a 2.0
    // statement is never offered to the destination as 1.0.3.
    std::vector<Prepared> prepared;
    prepared.reserve(records.size());
    for (const auto& r : records) prepared.push_back(prepare(r));
    for (const char* version : {"1.0.3", "2.0.0"}) {
      std::vector<std::string> bodies;
      std::vector<size_t> index;
      for (size_t i = 0; i < prepared.size(); ++i) {
        if (prepared[i].version != version) continue;
        bodies.push_back(std::move(prepared[i].json));
        index.push_back(i);
      }
      trellis::forward::deliver(
          bodies, [this, version](const std::string& body) { return post(body, version); },
          [&outcomes, &index](size_t i, Fate fate, const std::string& reason) {
            if (fate == Fate::delivered) outcomes.delivered(index[i]);
            else if (fate == Fate::refused) outcomes.refused(index[i], reason);
            else outcomes.retry_later(index[i], reason);
          });
    }
  }

 private:
  // The statement as the destination should receive it: same id, this LRS's
  // `stored` and `authority` left out (the destination sets its own).
  struct Prepared {
    std::string json;
    std::string version;  // the X-Experience-API-Version to send it with
  };
  Prepared prepare(const trellis::Record& r) const {
    auto statement = nlohmann::json::parse(r.statement_json, nullptr, false);
    if (statement.is_discarded()) return {std::string(r.statement_json), "1.0.3"};  // the remote will say what is wrong
    statement.erase("stored");
    statement.erase("authority");
    trellis::forward::apply_privacy(statement, dest_.privacy);
    std::string version = statement.value("version", std::string()).rfind("2.", 0) == 0 ? "2.0.0" : "1.0.3";
    return {statement.dump(), version};
  }

  trellis::forward::PostReply post(const std::string& body, const char* version) const {
    try {
      auto reply = host_.http("POST", dest_.statements_url,
                              {{"Content-Type", "application/json"},
                               {"X-Experience-API-Version", version},
                               {"Authorization", dest_.authorization}},
                              body, dest_.timeout_ms);
      return {reply.status, reply.body};
    } catch (const std::exception& e) {
      return {0, e.what()};
    }
  }

  trellis::Host host_;
  Destination dest_;
};

class LrsForward : public trellis::Plugin, public trellis::Exporter {
 public:
  explicit LrsForward(trellis::Host host) : host_(host) {}
  const char* format() const override { return "lrs-forward"; }
  const char* media_type() const override { return ""; }
  std::unique_ptr<trellis::ExportSession> open(const trellis::ExportOptions& options, trellis::Output) override {
    if (options.destination.empty())
      throw trellis::Error(TRELLIS_ERR_INVALID_ARGUMENT, "lrs-forward needs a destination name");
    return std::make_unique<ForwardSession>(host_, read_destination(host_, options.destination));
  }

 private:
  trellis::Host host_;
};

}  // namespace

TRELLIS_PLUGIN(LrsForward, "lrs-forward", "1.0.0")
