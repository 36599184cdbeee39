#include "feed_server.hpp"

#include <httplib.h>

#include <fstream>
#include <stdexcept>
#include <mutex>
#include <sstream>
#include <thread>
#include "test_wait.hpp"

namespace trellis::testing {

struct FeedServer::State {
  std::filesystem::path folder;
  int slow_ms = 0;
  httplib::Server server;
  std::thread thread;
  int port = 0;
  mutable std::mutex mutex;
  std::map<std::string, std::string> replaced;
  std::map<std::string, int> requests, not_modified;

  bool content_of(const std::string& name, std::string& out) {
    {
      std::lock_guard lock(mutex);
      if (auto it = replaced.find(name); it != replaced.end()) {
        out = it->second;
        return true;
      }
    }
    if (name.find("..") != std::string::npos || name.find('/') != std::string::npos) return false;
    std::ifstream in(folder / name, std::ios::binary);
    if (!in) return false;
    std::ostringstream s;
    s << in.rdbuf();
    out = s.str();
    return true;
  }

  void serve(const httplib::Request& req, httplib::Response& res, const std::string& name, bool count) {
    std::string content;
    if (!content_of(name, content)) {
      res.status = 404;
      res.set_content("no such feed", "text/plain");
      return;
    }
    std::string etag = "\"" + std::to_string(std::hash<std::string>{}(content)) + "\"";
    const char* modified = "Tue, 10 Jun 2003 04:00:00 GMT";
    bool fresh = req.get_header_value("If-None-Match") == etag;
    if (count) {
      std::lock_guard lock(mutex);
      ++requests[name];
      if (fresh) ++not_modified[name];
    }
    res.set_header("ETag", etag);
    res.set_header("Last-Modified", modified);
    if (fresh) {
      res.status = 304;
      return;
    }
    res.set_content(content, "application/xml");
  }
};

FeedServer::FeedServer(std::filesystem::path folder, int slow_ms) : state_(std::make_unique<State>()) {
  state_->folder = std::move(folder);
  state_->slow_ms = slow_ms;
  State* s = state_.get();
  s->server.Get(R"(/feeds/([^/]+))", [s](const httplib::Request& req, httplib::Response& res) {
    s->serve(req, res, req.matches[1], true);
  });
  s->server.Get(R"(/slow/([^/]+))", [s](const httplib::Request& req, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(s->slow_ms));
    s->serve(req, res, req.matches[1], false);
  });
  s->server.Get(R"(/moved/([^/]+))", [s](const httplib::Request& req, httplib::Response& res) {
    res.status = 301;
    res.set_header("Location", "/feeds/" + std::string(req.matches[1]));
  });
  s->server.Get("/loop", [](const httplib::Request&, httplib::Response& res) {
    res.status = 302;
    res.set_header("Location", "/loop");
  });
  s->port = s->server.bind_to_any_port("127.0.0.1");
  s->thread = std::thread([s] { s->server.listen_after_bind(); });
  if (!trellis::testing::eventually([s] { return s->server.is_running(); })) {
    s->server.stop();
    s->thread.join();
    throw std::runtime_error("the test feed server did not start within 30 s");
  }
}

FeedServer::~FeedServer() {
  state_->server.stop();
  if (state_->thread.joinable()) state_->thread.join();
}

std::string FeedServer::url(const std::string& name) const {
  return "http://127.0.0.1:" + std::to_string(state_->port) + "/feeds/" + name;
}

std::string FeedServer::moved_url(const std::string& name) const { return base_url() + "/moved/" + name; }

std::string FeedServer::base_url() const { return "http://127.0.0.1:" + std::to_string(state_->port); }

std::string FeedServer::slow_url(const std::string& name) const {
  return "http://127.0.0.1:" + std::to_string(state_->port) + "/slow/" + name;
}

void FeedServer::replace(const std::string& name, const std::string& content) {
  std::lock_guard lock(state_->mutex);
  state_->replaced[name] = content;
}

int FeedServer::requests(const std::string& name) const {
  std::lock_guard lock(state_->mutex);
  auto it = state_->requests.find(name);
  return it == state_->requests.end() ? 0 : it->second;
}

int FeedServer::not_modified(const std::string& name) const {
  std::lock_guard lock(state_->mutex);
  auto it = state_->not_modified.find(name);
  return it == state_->not_modified.end() ? 0 : it->second;
}

}  // namespace trellis::testing
