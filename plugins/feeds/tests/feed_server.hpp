// A real HTTP server on 127.0.0.1 for the feeds tests: serves the feed files of
// a folder under /feeds/<name> with an ETag and Last-Modified (answering 304 to
// a matching conditional GET), the same files after a delay under /slow/<name>,
// /moved/<name> redirecting (301) to /feeds/<name>, /loop redirecting to itself,
// and 404 for anything else. Counts what it was asked.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

namespace trellis::testing {

class FeedServer {
 public:
  explicit FeedServer(std::filesystem::path folder, int slow_ms = 1500);
  ~FeedServer();
  FeedServer(const FeedServer&) = delete;
  FeedServer& operator=(const FeedServer&) = delete;

  std::string url(const std::string& name) const;       // .../feeds/<name>
  std::string slow_url(const std::string& name) const;  // .../slow/<name>
  std::string moved_url(const std::string& name) const;  // .../moved/<name>
  std::string base_url() const;                          // http://127.0.0.1:PORT
  // Serves `content` for `name` from now on (a new ETag).
  void replace(const std::string& name, const std::string& content);
  int requests(const std::string& name) const;      // GETs of /feeds/<name>
  int not_modified(const std::string& name) const;  // of which answered 304

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace trellis::testing
