#include "stand_in_lrs.hpp"

#include <httplib.h>

#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace trellis::testing {

struct StandInLrs::State {
  std::string refused_verb;
  httplib::Server server;
  std::thread thread;
  int port = 0;
  std::mutex mutex;
  bool down = false;
  std::set<std::string> ids;
  std::vector<nlohmann::json> received;
  httplib::Headers last_headers;

  void handle(const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mutex);
    last_headers = req.headers;
    if (down) {
      res.status = 503;
      return;
    }
    auto batch = nlohmann::json::parse(req.body);
    for (const auto& s : batch)
      if (s["verb"]["id"] == refused_verb) {
        res.status = 400;
        res.set_content(nlohmann::json({{"message", kRefusalMessage}}).dump(), "application/json");
        return;
      }
    for (const auto& s : batch)
      if (ids.count(s["id"])) {
        res.status = 409;
        return;
      }
    for (const auto& s : batch) {
      ids.insert(s["id"].get<std::string>());
      received.push_back(s);
    }
    res.set_content("[]", "application/json");
  }
};

StandInLrs::StandInLrs(std::string refused_verb) : state_(new State) {
  state_->refused_verb = std::move(refused_verb);
  state_->server.Post("/xapi/statements",
                      [s = state_.get()](const httplib::Request& req, httplib::Response& res) { s->handle(req, res); });
  state_->port = state_->server.bind_to_any_port("127.0.0.1");
  state_->thread = std::thread([s = state_.get()] { s->server.listen_after_bind(); });
  while (!state_->server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

StandInLrs::~StandInLrs() {
  state_->server.stop();
  state_->thread.join();
}

std::string StandInLrs::url() const { return "http://127.0.0.1:" + std::to_string(state_->port) + "/xapi"; }

void StandInLrs::set_down(bool down) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->down = down;
}

std::vector<nlohmann::json> StandInLrs::received() {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->received;
}

std::string StandInLrs::last_header(const std::string& name) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  auto it = state_->last_headers.find(name);
  return it == state_->last_headers.end() ? std::string() : it->second;
}

}  // namespace trellis::testing
