#include "folder_walk.hpp"

#include <sys/stat.h>

#include <algorithm>

#include "document_reader.hpp"
#include "trellis/connector_kit/text.hpp"

namespace trellis::folder_kb {
namespace fs = std::filesystem;
namespace kit = trellis::connector_kit;
namespace {

bool inside(const fs::path& root, const fs::path& p) {
  auto r = root.begin(), q = p.begin();
  for (; r != root.end(); ++r, ++q)
    if (q == p.end() || *r != *q) return false;
  return true;
}

// Size and modification time of a regular file (not following a final link).
bool stat_file(const fs::path& p, FoundFile& out) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  out.size = static_cast<uint64_t>(st.st_size);
  out.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return true;
}

// A link's target when it is a regular file inside the folder.
bool link_target_inside(const fs::path& root, const fs::path& link, fs::path& target) {
  std::error_code ec;
  target = fs::canonical(link, ec);
  return !ec && inside(root, target) && fs::is_regular_file(target, ec);
}

void walk(const fs::path& root, const fs::path& dir, const std::string& prefix, const WarnFn& warn,
          std::vector<FoundFile>& out) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  if (ec) {
    warn("skipped folder '" + kit::repair_utf8(prefix.empty() ? "." : prefix) + "': " + ec.message());
    return;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      warn("stopped listing '" + kit::repair_utf8(prefix.empty() ? "." : prefix) + "': " + ec.message());
      return;
    }
    std::string name = it->path().filename().string();
    std::string rel = prefix.empty() ? name : prefix + "/" + name;
    if (name.empty() || name[0] == '.') continue;
    auto status = it->symlink_status(ec);
    if (ec) continue;
    if (fs::is_directory(status)) {
      walk(root, it->path(), rel, warn, out);
      continue;
    }
    DocumentType type;
    if (!document_type_of(name, type)) continue;
    if (!kit::valid_utf8(rel)) {
      warn("skipped '" + kit::repair_utf8(rel) + "': the file name is not valid UTF-8");
      continue;
    }
    FoundFile file;
    file.rel = rel;
    file.full = it->path();
    if (fs::is_symlink(status)) {
      if (!link_target_inside(root, it->path(), file.full)) {
        warn("skipped '" + rel + "': a symbolic link to somewhere outside the folder (or to no file)");
        continue;
      }
    } else if (!fs::is_regular_file(status)) {
      continue;
    }
    if (stat_file(file.full, file)) out.push_back(std::move(file));
  }
}

}  // namespace

std::vector<FoundFile> find_documents(const fs::path& root, const WarnFn& warn) {
  std::vector<FoundFile> out;
  walk(root, root, "", warn, out);
  std::sort(out.begin(), out.end(), [](const FoundFile& a, const FoundFile& b) { return a.rel < b.rel; });
  return out;
}

bool resolve_document(const fs::path& root, const std::string& rel, FoundFile& out) {
  DocumentType type;
  if (rel.empty() || rel.front() == '/' || !document_type_of(rel, type)) return false;
  for (const auto& part : fs::path(rel))
    if (part == ".." || part == "." || part.string().rfind('.', 0) == 0) return false;
  fs::path target;
  if (!link_target_inside(root, root / rel, target)) return false;
  out.rel = rel;
  out.full = target;
  return stat_file(target, out);
}

}  // namespace trellis::folder_kb
