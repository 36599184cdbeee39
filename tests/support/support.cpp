#include "support.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace trellis::testing {
namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device rd;
  const char* base = std::getenv("TMPDIR");
  fs::path root = base != nullptr && *base != '\0' ? fs::path(base) : fs::temp_directory_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path p = root / ("trellis-test-" + std::to_string(rd()));
    std::error_code ec;
    if (fs::create_directory(p, ec)) {
      path_ = p;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

namespace {

std::vector<std::string> merged_env(const std::map<std::string, std::string>& extra) {
  std::map<std::string, std::string> all;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos) all[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& [k, v] : extra) all[k] = v;
  std::vector<std::string> out;
  for (const auto& [k, v] : all) out.push_back(k + "=" + v);
  return out;
}

std::vector<char*> c_array(std::vector<std::string>& items) {
  std::vector<char*> out;
  for (auto& s : items) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

pid_t spawn(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env, int in_fd,
            int out_fd, int err_fd) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (in_fd >= 0) posix_spawn_file_actions_adddup2(&actions, in_fd, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
  std::vector<std::string> args = argv;
  std::vector<std::string> envs = merged_env(env);
  auto a = c_array(args);
  auto e = c_array(envs);
  // The test process ignores SIGPIPE (its stdin writers do); an ignored
  // signal survives exec, which would hide a child that dies of a broken pipe
  // as `trellis serve` run by hand would. Children start with the default.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, a[0], &actions, &attributes, a.data(), e.data());
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
  return pid;
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

void drain(int fd, std::string& into) {
  char buf[65536];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
      into.append(buf, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    break;
  }
}

}  // namespace

ProcessResult run(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                  const std::string& stdin_text) {
  int out[2], err[2], in[2];
  if (pipe(out) != 0 || pipe(err) != 0 || pipe(in) != 0) throw std::runtime_error("pipe failed");
  pid_t pid = spawn(argv, env, in[0], out[1], err[1]);
  close(out[1]);
  close(err[1]);
  close(in[0]);
  std::thread writer([fd = in[1], stdin_text] {
    size_t done = 0;
    signal(SIGPIPE, SIG_IGN);
    while (done < stdin_text.size()) {
      ssize_t n = ::write(fd, stdin_text.data() + done, stdin_text.size() - done);
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    close(fd);
  });
  ProcessResult r;
  std::thread err_reader([&] { drain(err[0], r.err); });
  drain(out[0], r.out);
  err_reader.join();
  writer.join();
  close(out[0]);
  close(err[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = decode_status(status);
  return r;
}

fs::path trellis_exe() { return fs::path(TRELLIS_BINARY_DIR) / "bin" / "trellis"; }

ProcessResult run_trellis(const fs::path& home, const std::vector<std::string>& args,
                      const std::map<std::string, std::string>& env) {
  std::vector<std::string> argv{trellis_exe().string(), "--home", home.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, env);
}

ProcessResult run_trellis_on_terminal(const fs::path& home, const std::vector<std::string>& args,
                                      const std::map<std::string, std::string>& env) {
  std::vector<std::string> argv{trellis_exe().string(), "--home", home.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  int master = -1, slave = -1;
  winsize size{};
  size.ws_row = 24;
  size.ws_col = 80;
  // Raw: the terminal passes bytes as written ("\n" stays "\n"), so a test sees exactly what the program drew.
  termios raw{};
  cfmakeraw(&raw);
  if (openpty(&master, &slave, nullptr, &raw, &size) != 0) throw std::runtime_error("openpty failed");
  // Only the child's stderr keeps the terminal open, so the master reads EOF (EIO) once it exits.
  fcntl(master, F_SETFD, FD_CLOEXEC);
  fcntl(slave, F_SETFD, FD_CLOEXEC);
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  int devnull = open("/dev/null", O_RDONLY);
  pid_t pid = spawn(argv, env, devnull, out[1], slave);
  close(devnull);
  close(out[1]);
  close(slave);
  ProcessResult r;
  std::thread out_reader([&] { drain(out[0], r.out); });
  drain(master, r.err);  // ends with EIO when the last slave descriptor closes
  out_reader.join();
  close(out[0]);
  close(master);
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = decode_status(status);
  return r;
}

std::string create_key_header(const fs::path& home, const std::vector<std::string>& scopes) {
  std::vector<std::string> args{"lrs", "key", "create", "--name", "test-client", "--json"};
  for (const auto& scope : scopes) {
    args.push_back("--scope");
    args.push_back(scope);
  }
  auto made = run_trellis(home, args);
  if (made.exit_code != 0) throw std::runtime_error("trellis lrs key create failed: " + made.err);
  auto key = nlohmann::json::parse(made.out);
  return httplib::make_basic_authentication_header(key["key"].get<std::string>(), key["secret"].get<std::string>())
      .second;
}

std::optional<fs::path> shared_dir() {
  fs::path p = TRELLIS_SHARED_DIR;
  std::error_code ec;
  if (fs::is_directory(p / "conformance", ec)) return fs::canonical(p);
  return std::nullopt;
}

size_t files_below(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return 0;
  size_t n = 0;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); ++it) ++n;
  return n;
}

std::string import_leftovers(const fs::path& home, const std::map<std::string, std::string>& env) {
  std::string left;
  auto listed = run_trellis(home, {"course", "list", "--json"}, env);
  auto doc = nlohmann::json::parse(listed.out, nullptr, false);
  if (listed.exit_code != 0 || doc.is_discarded()) left += "course list failed: " + listed.err + "; ";
  else if (!doc["courses"].empty()) left += std::to_string(doc["courses"].size()) + " course(s); ";
  if (size_t n = files_below(home / "courses")) left += std::to_string(n) + " entries under courses/; ";
  if (size_t n = files_below(home / "tmp")) left += std::to_string(n) + " entries under tmp/; ";
  return left;
}

void write_file(const fs::path& file, const std::string& content) {
  if (file.has_parent_path()) fs::create_directories(file.parent_path());
  std::ofstream o(file, std::ios::binary);
  o << content;
  if (!o) throw std::runtime_error("cannot write " + file.string());
}

std::string read_file(const fs::path& file) {
  std::ifstream i(file, std::ios::binary);
  if (!i) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream s;
  s << i.rdbuf();
  return s.str();
}

Server::Server(const fs::path& home, const std::vector<std::string>& extra_args,
               const std::map<std::string, std::string>& env) {
  int out[2], err[2];
  if (pipe(out) != 0 || pipe(err) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> argv{trellis_exe().string(), "--home", home.string(), "serve", "--listen",
                                "127.0.0.1:0"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  int devnull = open("/dev/null", O_RDONLY);
  pid_ = spawn(argv, env, devnull, out[1], err[1]);
  close(devnull);
  close(out[1]);
  close(err[1]);
  out_fd_ = out[0];
  err_fd_ = err[0];
  // The server prints "... listening on http://HOST:PORT/" once it accepts.
  std::string seen;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{out_fd_, POLLIN, 0};
    if (poll(&p, 1, 200) > 0) {
      char buf[4096];
      ssize_t n = ::read(out_fd_, buf, sizeof buf);
      if (n <= 0) break;
      seen.append(buf, static_cast<size_t>(n));
      auto at = seen.find("listening on http://127.0.0.1:");
      if (at != std::string::npos) {
        auto start = at + std::string("listening on http://127.0.0.1:").size();
        auto end = seen.find('/', start);
        if (end != std::string::npos) {
          port_ = std::stoi(seen.substr(start, end - start));
          // With --content-listen the content origin's line comes first.
          const std::string content = "content origin on http://127.0.0.1:";
          if (auto c = seen.find(content); c != std::string::npos && c < at)
            content_port_ = std::stoi(seen.substr(c + content.size(), seen.find('/', c + content.size())));
          // From now on the output is read as it comes: a server writing an
          // access line per request would otherwise fill the pipe and block.
          drainer_ = std::thread([this] {
            std::thread out_reader([this] {
              std::string ignored;
              drain(out_fd_, ignored);
            });
            drain(err_fd_, log_);
            out_reader.join();
          });
          return;
        }
      }
    }
  }
  stop(9);
  throw std::runtime_error("trellis serve did not start; output: " + seen + " log: " + log_);
}

Server::~Server() {
  if (!stopped_) stop(9);
}

int Server::stop(int sig) {
  if (stopped_) return 0;
  stopped_ = true;
  kill(pid_, sig);
  if (drainer_.joinable()) {
    drainer_.join();
  } else {
    std::thread out_reader([this] {
      std::string ignored;
      drain(out_fd_, ignored);
    });
    drain(err_fd_, log_);
    out_reader.join();
  }
  close(out_fd_);
  close(err_fd_);
  int status = 0;
  waitpid(pid_, &status, 0);
  return decode_status(status);
}

HttpReply Server::get(const std::string& path, const std::map<std::string, std::string>& headers) const {
  return request("GET", path, {}, {}, headers);
}

HttpReply Server::request(const std::string& method, const std::string& path, const std::string& body,
                          const std::string& content_type, const std::map<std::string, std::string>& headers) const {
  return request_on(port_, method, path, body, content_type, headers);
}

HttpReply Server::content(const std::string& method, const std::string& path, const std::string& body,
                          const std::string& content_type, const std::map<std::string, std::string>& headers) const {
  return request_on(content_port_, method, path, body, content_type, headers);
}

HttpReply Server::request_on(int port, const std::string& method, const std::string& path, const std::string& body,
                             const std::string& content_type, const std::map<std::string, std::string>& headers) const {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(120, 0);
  httplib::Headers h;
  for (const auto& [k, v] : headers) h.emplace(k, v);
  auto send = [&]() -> httplib::Result {
    if (method == "POST") return client.Post(path, h, body, content_type);
    if (method == "PUT") return client.Put(path, h, body, content_type);
    if (method == "DELETE") return client.Delete(path, h, body, content_type);
    if (method == "PATCH") return client.Patch(path, h, body, content_type);
    if (method == "HEAD") return client.Head(path, h);
    return client.Get(path, h);
  };
  httplib::Result r = send();
  HttpReply reply;
  if (!r) return reply;
  reply.status = r->status;
  reply.body = r->body;
  for (const auto& [k, v] : r->headers) {
    std::string lower = k;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    reply.headers[lower] = v;
  }
  return reply;
}

nlohmann::json accepted_job(const HttpReply& reply) {
  if (reply.status != 202)
    throw std::runtime_error("expected 202 with a job, got " + std::to_string(reply.status) + ": " + reply.body);
  auto job = nlohmann::json::parse(reply.body);
  auto location = reply.headers.find("location");
  if (location == reply.headers.end() || location->second != job["href"])
    throw std::runtime_error("the 202's Location does not name its job: " + reply.body);
  return job;
}

nlohmann::json poll_job(const Server& server, const std::string& href,
                        const std::map<std::string, std::string>& headers, int tries) {
  nlohmann::json state;
  for (int i = 0; i < tries; ++i) {
    auto polled = server.get(href, headers);
    if (polled.status != 200) throw std::runtime_error("GET " + href + " answered " + std::to_string(polled.status));
    state = nlohmann::json::parse(polled.body);
    if (state["state"] != "queued" && state["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return state;
}

}  // namespace trellis::testing
