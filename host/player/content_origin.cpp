#include "player/content_origin.hpp"

#include <fstream>
#include <sstream>

#include "player/player_settings.hpp"

namespace trellis::player {
namespace {

std::filesystem::path live_file(const Home& home) { return home.root() / "content-origin.live"; }

}  // namespace

Result<std::string> launch_origin(const Home& home, store::Database& db, const std::optional<std::string>& live) {
  auto setting = load_content_origin(db);
  if (!setting) return setting.error();
  if (setting->has_value()) return **setting;
  if (live) return *live;
  std::ifstream in(live_file(home));
  std::string announced;
  if (in && std::getline(in, announced) && !announced.empty()) return announced;
  return make_error(ErrorKind::environment,
                    "no content origin to launch from: run `trellis serve --content-listen HOST:PORT` on this home, "
                    "or set player.content_origin");
}

Status announce_content_origin(const Home& home, const std::string& origin) {
  auto tmp = live_file(home);
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << origin << "\n";
    if (!out) return make_error(ErrorKind::environment, "cannot write " + tmp.string());
  }
  std::error_code ec;
  std::filesystem::rename(tmp, live_file(home), ec);
  if (ec) return make_error(ErrorKind::environment, "cannot write " + live_file(home).string() + ": " + ec.message());
  return {};
}

void withdraw_content_origin(const Home& home) {
  std::error_code ec;
  std::filesystem::remove(live_file(home), ec);
}

}  // namespace trellis::player
