// Placeholder until the player domain lands (issue 16): every play route
// answers 503 with a problem naming what is missing, so the content origin's
// routes can be built and tested against it meanwhile.
#include "app/play_service.hpp"

namespace trellis {

namespace {

PlayReply not_built_yet() {
  return {503,
          R"({"type":"about:blank","title":"The player is not built yet","status":503,)"
          R"("detail":"this host has no player domain: launch tokens cannot be checked"})"};
}

}  // namespace

Result<PlayReply> PlayService::tree(std::string_view) { return not_built_yet(); }
Result<PlayReply> PlayService::start(std::string_view, std::string_view) { return not_built_yet(); }
Result<PlayReply> PlayService::commit(std::string_view, std::string_view, std::string_view) {
  return not_built_yet();
}
Result<PlayFile> PlayService::content_file(std::string_view, std::string_view) {
  return PlayFile{503, {}, {}};
}

}  // namespace trellis
