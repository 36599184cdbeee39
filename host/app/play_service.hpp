// What the content origin's play routes ask of the player: one call per route
// (docs/architecture.md, "The player"; the routes are http/content/). Every
// call takes the launch token from the URL and checks it first, so the route
// layer knows nothing of registrations, attempts or formats.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace trellis {

struct Runtime;

// A JSON answer with its HTTP status: 200 with the route's document, or 401
// (unknown or expired token), 403 (a token of another registration), 404 (no
// such module or attempt), 409 (a stale commit) with a problem document.
struct PlayReply {
  int status = 200;
  std::string json;
};

// A course file to send, or a refusal (status other than 200, file empty).
struct PlayFile {
  int status = 200;
  std::filesystem::path file;
  std::string content_type;
};

class PlayService {
 public:
  explicit PlayService(Runtime& runtime) : runtime_(runtime) {}

  // GET /play/{token}/tree. [thread: any]
  Result<PlayReply> tree(std::string_view token);
  // POST /play/{token}/modules/{module}/start. [thread: any]
  Result<PlayReply> start(std::string_view token, std::string_view module_id);
  // POST /play/{token}/attempts/{attempt}/commit; answers only once the
  // commit is durable. [thread: any]
  Result<PlayReply> commit(std::string_view token, std::string_view attempt_id, std::string_view body);
  // GET /play/{token}/content/{path}: found through the catalog's stored
  // paths, never by joining `relative_path` onto a folder. [thread: any]
  Result<PlayFile> content_file(std::string_view token, std::string_view relative_path);

 private:
  Runtime& runtime_;
};

}  // namespace trellis
