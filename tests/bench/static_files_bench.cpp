// Static file serving, the player's content path: the host's HTTP engine
// serving a 5 KB and a 200 KB file with keep-alive against nginx (Debian)
// serving the same files on another port, both driven by wrk (Debian) with 64
// connections. Target: at least 0.5x nginx's requests/s. Skips, saying so, when
// nginx or wrk is not installed (.ci/install-deps installs both with
// TRELLIS_BENCH_EXTRAS=1).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

#include "bench.hpp"
#include "core/log.hpp"
#include "http/server/server.hpp"
#include "support.hpp"

using namespace trellis;
namespace fs = std::filesystem;

namespace {

bool have(const char* exe) { return std::system((std::string("command -v ") + exe + " >/dev/null 2>&1").c_str()) == 0; }

// A port outside the kernel's ephemeral range, varied by process so two runs
// on one machine do not meet.
int nginx_port() { return 20000 + static_cast<int>(getpid() % 10000); }

// wrk's "Requests/sec:" figure for one URL.
double wrk_requests_per_second(const std::string& url) {
  std::string cmd = "wrk -t2 -c64 -d5s --latency " + url + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return 0;
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  pclose(p);
  auto at = out.find("Requests/sec:");
  if (at == std::string::npos) {
    std::fprintf(stderr, "wrk printed no figure:\n%s\n", out.c_str());
    return 0;
  }
  return std::strtod(out.c_str() + at + 13, nullptr);
}

pid_t start_nginx(const fs::path& root, const fs::path& files, int port) {
  fs::create_directories(root / "logs");
  std::ofstream(root / "nginx.conf") << "worker_processes 2;\npid " << (root / "nginx.pid").string()
                                     << ";\nerror_log " << (root / "logs/error.log").string()
                                     << ";\nevents { worker_connections 4096; }\nhttp {\n  access_log off;\n"
                                     << "  sendfile on; tcp_nopush on; keepalive_requests 1000000;\n"
                                     << "  client_body_temp_path " << (root / "tmp").string() << ";\n"
                                     << "  server { listen 127.0.0.1:" << port << "; root " << files.string()
                                     << "; }\n}\n";
  pid_t pid = fork();
  if (pid == 0) {
    execlp("nginx", "nginx", "-p", root.c_str(), "-c", (root / "nginx.conf").c_str(), "-g", "daemon off;", nullptr);
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  return pid;
}

}  // namespace

int main() {
  if (!have("nginx") || !have("wrk")) {
    bench::skip("http.static_files", "needs nginx and wrk: TRELLIS_BENCH_EXTRAS=1 .ci/install-deps");
    return bench::finish();
  }
  testing::TempDir dir;
  fs::path files = dir.path() / "files";
  fs::create_directories(files);
  std::ofstream(files / "small.html") << std::string(5 * 1024, 's');
  std::ofstream(files / "large.js") << std::string(200 * 1024, 'l');

  http::Router router;
  http::Route file_route("GET", "/{name}", [&files](http::Request& req, http::Response& res) {
    res.set_file(files / req.capture(0), "application/octet-stream");
  });
  file_route.on_io_thread = true;  // as the player's content route does
  router.add(file_route);
  http::ServerOptions options;
  options.listen = {"127.0.0.1", 0};
  options.upload_dir = dir.path();
  options.workers = 2;
  options.io_threads = 2;  // nginx runs worker_processes 2
  // Access-log lines would measure the terminal, not the server.
  log::set_min_level(log::Level::warning);
  http::Server server(std::move(router), options);
  std::atomic<int> port{0};
  std::thread runner([&] { (void)server.run([&](int p) { port = p; }); });
  for (int i = 0; i < 6000 && port == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  if (port == 0) {
    bench::fail("http.static_files", "the server did not start listening within 30 s");
    std::_Exit(bench::finish());
  }

  int nginx_port_number = nginx_port();
  pid_t nginx = start_nginx(dir.path() / "nginx", files, nginx_port_number);

  for (const char* name : {"small.html", "large.js"}) {
    std::string path = std::string("/") + name;
    double ours = wrk_requests_per_second("http://127.0.0.1:" + std::to_string(port.load()) + path);
    double theirs = wrk_requests_per_second("http://127.0.0.1:" + std::to_string(nginx_port_number) + path);
    double ratio = theirs > 0 ? ours / theirs : 0;
    if (ours == 0 || theirs == 0) bench::fail(std::string("http.static_files.") + name, "wrk measured nothing");
    char line[256];
    std::snprintf(line, sizeof line, "BENCH http.static_files.%s: %.0f requests/s, nginx %.0f requests/s, ratio %.3f (target >= 0.50)",
                  name, ours, theirs, ratio);
    bench::verdict(ratio >= 0.5, line);
  }
  kill(nginx, SIGTERM);
  waitpid(nginx, nullptr, 0);
  server.stop();
  runner.join();
  return bench::finish();
}
