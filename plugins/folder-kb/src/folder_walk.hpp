// The documents below a folder, found without ever leaving it: symbolic links
// are followed only to files inside the folder, never to folders (no loops, no
// second path to the same file); hidden entries (".git", ".draft.md") are left out.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace trellis::folder_kb {

struct FoundFile {
  std::string rel;                   // '/'-separated, relative to the folder, valid UTF-8
  std::filesystem::path full;        // the file to read (a link's target, inside the folder)
  uint64_t size = 0;
  int64_t mtime_ns = 0;
};

using WarnFn = std::function<void(const std::string&)>;

// Files whose type document_type_of knows, sorted by `rel`. `root` must be a
// canonical folder path. Everything skipped is reported through `warn`.
std::vector<FoundFile> find_documents(const std::filesystem::path& root, const WarnFn& warn);

// `rel` resolved inside `root` the same way; false when it leaves the folder,
// is not a known document or does not exist.
bool resolve_document(const std::filesystem::path& root, const std::string& rel, FoundFile& out);

}  // namespace trellis::folder_kb
