#include "http/launch_page.hpp"

#include <nlohmann/json.hpp>

#include "http/asset_versions.hpp"
#include "http/html_text.hpp"

namespace trellis {

std::string json_for_html(const nlohmann::json& value) {
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

// The bundle with only the runtime API the content uses (web/build.mjs);
// player.js, with both, for any other.
std::string player_script(const nlohmann::json& boot) {
  std::string api = boot.is_object() && boot.contains("api") && boot["api"].is_string() ? boot["api"].get<std::string>() : "";
  if (api == "scorm12" || api == "scorm2004") return "player-" + api + ".js";
  return "player.js";
}

}  // namespace

std::string launch_page_html(const nlohmann::json& boot, const std::string& title, const AssetVersions& assets) {
  return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"referrer\" content=\"no-referrer\">\n"
         "<title>" + html_text(title) + "</title>\n"
         "<link rel=\"stylesheet\" href=\"" + html_text(assets.url("player.css")) + "\">\n"
         "<script type=\"application/json\" id=\"trellis-launch\">" + json_for_html(boot) + "</script>\n"
         "<script src=\"" + html_text(assets.url(player_script(boot))) + "\" defer></script>\n"
         "</head>\n<body>\n<div id=\"trellis-player\">"
         "<noscript>This course needs JavaScript.</noscript></div>\n</body>\n</html>\n";
}

}  // namespace trellis
