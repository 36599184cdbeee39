// Helpers every test may use: temporary folders, running the real `trellis`
// executable, and a real server on 127.0.0.1 started for the test.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace trellis::testing {

// A fresh folder under $TMPDIR, removed (recursively) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& rel) const { return path_ / rel; }

 private:
  std::filesystem::path path_;
};

struct ProcessResult {
  int exit_code = -1;  // 128+signal when killed
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] a path) to completion with extra environment variables.
ProcessResult run(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {},
                  const std::string& stdin_text = {});

// Path of the built `trellis` executable.
std::filesystem::path trellis_exe();
// Runs `trellis --home HOME args...`.
ProcessResult run_trellis(const std::filesystem::path& home, const std::vector<std::string>& args,
                      const std::map<std::string, std::string>& env = {});

// Runs `trellis --home HOME args...` with its stderr on a pseudo-terminal of
// 80 columns (so isatty(2) holds) and stdout on a pipe: `err` is every byte the
// program wrote there (a raw terminal: no "\n" becomes "\r\n").
ProcessResult run_trellis_on_terminal(const std::filesystem::path& home, const std::vector<std::string>& args,
                                      const std::map<std::string, std::string>& env = {});

// Creates a key with `scopes` through the real CLI and returns the value of an
// HTTP Basic Authorization header for it (e.g. {"admin"} for the admin API).
std::string create_key_header(const std::filesystem::path& home, const std::vector<std::string>& scopes);

// The shared conformance folder, or nullopt (tests then SKIP with a message).
std::optional<std::filesystem::path> shared_dir();

// Files and folders below `dir`, recursively; 0 when it does not exist.
size_t files_below(const std::filesystem::path& dir);

// What a refused or interrupted import left in `home` ("" when nothing: no
// course in `trellis course list`, no files under courses/ or tmp/).
std::string import_leftovers(const std::filesystem::path& home, const std::map<std::string, std::string>& env = {});

void write_file(const std::filesystem::path& file, const std::string& content);
std::string read_file(const std::filesystem::path& file);

struct HttpReply {
  int status = 0;  // 0: no answer
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
};

// `trellis serve` on a free port of 127.0.0.1, in its own process.
class Server {
 public:
  explicit Server(const std::filesystem::path& home, const std::vector<std::string>& extra_args = {},
                  const std::map<std::string, std::string>& env = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // The content listener's port (serve --content-listen 127.0.0.1:0); 0 without one.
  int content_port() const { return content_port_; }
  HttpReply get(const std::string& path, const std::map<std::string, std::string>& headers = {}) const;
  HttpReply request(const std::string& method, const std::string& path, const std::string& body,
                    const std::string& content_type, const std::map<std::string, std::string>& headers = {}) const;
  // The same on the content listener.
  HttpReply content(const std::string& method, const std::string& path, const std::string& body = {},
                    const std::string& content_type = {}, const std::map<std::string, std::string>& headers = {}) const;
  // Sends `sig` and waits; returns the exit code (128+signal when killed).
  int stop(int sig = 15);
  // The server's log (stderr); complete once stop() has returned.
  const std::string& log() const { return log_; }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int content_port_ = 0;
  HttpReply request_on(int port, const std::string& method, const std::string& path, const std::string& body,
                       const std::string& content_type, const std::map<std::string, std::string>& headers) const;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string log_;
  std::thread drainer_;  // reads stdout and stderr while the server runs
  bool stopped_ = false;
};

// The job a 202 answer carries (checking its Location names it); throws otherwise.
nlohmann::json accepted_job(const HttpReply& reply);
// Polls the job at `href` (GET, with `headers`) every 20 ms until it is neither
// queued nor running, up to `tries` times; returns its last state. Throws when
// a poll is not answered 200.
nlohmann::json poll_job(const Server& server, const std::string& href,
                        const std::map<std::string, std::string>& headers, int tries = 1000);

}  // namespace trellis::testing
