#include "player/content_origin.hpp"

#include <fstream>
#include <sstream>

#include "player/player_settings.hpp"

namespace trellis::player {
namespace {

std::filesystem::path live_file(const Home& home) { return home.root() / "content-origin.live"; }
std::filesystem::path api_live_file(const Home& home) { return home.root() / "api-origin.live"; }

Status write_announcement(const std::filesystem::path& file, const std::string& origin) {
  auto tmp = file;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << origin << "\n";
    if (!out) return make_error(ErrorKind::environment, "cannot write " + tmp.string());
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec) return make_error(ErrorKind::environment, "cannot write " + file.string() + ": " + ec.message());
  return {};
}

std::optional<std::string> read_announcement(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string announced;
  if (in && std::getline(in, announced) && !announced.empty()) return announced;
  return std::nullopt;
}

}  // namespace

Result<std::string> launch_origin(const Home& home, store::Database& db, const std::optional<std::string>& live) {
  auto setting = load_content_origin(db);
  if (!setting) return setting.error();
  if (setting->has_value()) return **setting;
  if (live) return *live;
  if (auto announced = read_announcement(live_file(home))) return *announced;
  return make_error(ErrorKind::environment,
                    "no content origin to launch from: run `trellis serve --content-listen HOST:PORT` on this home, "
                    "or set player.content_origin");
}

Status announce_content_origin(const Home& home, const std::string& origin) {
  return write_announcement(live_file(home), origin);
}

void withdraw_content_origin(const Home& home) {
  std::error_code ec;
  std::filesystem::remove(live_file(home), ec);
}

Result<std::string> lrs_origin(const Home& home, store::Database& db) {
  auto setting = load_api_origin(db);
  if (!setting) return setting.error();
  if (setting->has_value()) return **setting;
  if (auto announced = read_announcement(api_live_file(home))) return *announced;
  return make_error(ErrorKind::environment,
                    "no LRS endpoint for content that reports to the LRS itself (cmi5, xAPI): run `trellis serve` on "
                    "this home, or set player.api_origin");
}

Status announce_api_origin(const Home& home, const std::string& origin) {
  return write_announcement(api_live_file(home), origin);
}

void withdraw_api_origin(const Home& home) {
  std::error_code ec;
  std::filesystem::remove(api_live_file(home), ec);
}

}  // namespace trellis::player
