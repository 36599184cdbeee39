// folder-kb: a folder of Markdown, HTML and text documents (lessons learnt,
// guidelines, incident reports) as a knowledge source, indexed incrementally.
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "document_reader.hpp"
#include "folder_walk.hpp"
#include "trellis/connector_kit/dates.hpp"
#include "trellis/connector_kit/fingerprint.hpp"
#include "trellis/connector_kit/ranking.hpp"
#include "trellis/connector_kit/snapshots.hpp"
#include "trellis/connector_kit/text.hpp"
#include "trellis/cpp/plugin.hpp"

namespace trellis::folder_kb {
namespace fs = std::filesystem;
namespace kit = trellis::connector_kit;
namespace {

std::string percent_encode_path(std::string_view path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                 c == '_' || c == '~' || c == '/';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// The whole file, or an explanation of why not.
bool read_file(const fs::path& path, uint64_t max_bytes, std::string& content, std::string& why) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    why = std::string("cannot be read: ") + std::strerror(errno);
    return false;
  }
  content.clear();
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      why = std::string("cannot be read: ") + std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    content.append(buffer, static_cast<size_t>(n));
    if (content.size() > max_bytes) {
      why = "is larger than max_file_bytes (" + std::to_string(max_bytes) + ")";
      ::close(fd);
      return false;
    }
  }
  ::close(fd);
  return true;
}

}  // namespace

class FolderKb : public Plugin, public Connector {
 public:
  explicit FolderKb(Host host) : host_(host), snapshots_(host, "folder-kb") {}
  const char* source_name() const override { return "Document folder"; }

  std::string sync(std::string_view cursor, ItemSink& out, const Cancel& cancel) override {
    fs::path root = configured_root();
    nlohmann::json old = snapshots_.load(cursor).value_or(nlohmann::json::object());
    if (!old.is_object()) old = nlohmann::json::object();
    bool same_root = old.value("root", "") == root.string();
    // Entries of unchanged files move into the new state (no copy of their profiles).
    nlohmann::json old_files = old.contains("files") && old["files"].is_object() ? std::move(old["files"])
                                                                                 : nlohmann::json::object();
    uint64_t max_bytes = max_file_bytes();

    nlohmann::json files = nlohmann::json::object();
    auto found = find_documents(root, [&](const std::string& m) { host_.warn("folder-kb: " + m); });
    for (const FoundFile& f : found) {
      cancel.check();
      auto before = same_root ? old_files.find(f.rel) : old_files.end();
      bool known = before != old_files.end() && before->is_object();
      if (known && before->value("s", uint64_t{0}) == f.size && before->value("m", int64_t{0}) == f.mtime_ns) {
        files[f.rel] = std::move(*before);
        continue;
      }
      std::string content, why;
      if (!read_file(f.full, max_bytes, content, why)) {
        host_.warn("folder-kb: skipped '" + f.rel + "': it " + why);
        continue;
      }
      if (size_t bad = kit::first_invalid_utf8(content); bad != std::string::npos) {
        host_.warn("folder-kb: skipped '" + f.rel + "': not valid UTF-8 (first bad byte at offset " +
                   std::to_string(bad) + ")");
        continue;
      }
      std::string hash = kit::Fingerprint().add(content).hex();
      if (known && before->value("h", "") == hash) {  // touched, not changed
        files[f.rel] = std::move(*before);
        files[f.rel]["s"] = f.size;
        files[f.rel]["m"] = f.mtime_ns;
        continue;
      }
      KnowledgeItem item = item_for(f, content, root);
      out.add(item);
      files[f.rel] = {{"s", f.size},           {"m", f.mtime_ns},    {"h", hash},
                      {"t", item.title},       {"g", item.tags},     {"a", item.author},
                      {"u", item.updated},     {"n", item.snippet},
                      {"p", kit::TermProfile::of(item.title, item.tags, item.body).to_json()}};
    }
    for (const auto& [rel, entry] : old_files.items()) {
      cancel.check();
      if (files.contains(rel)) continue;
      KnowledgeItem gone;
      gone.kind = ItemKind::document;
      gone.ref = rel;
      gone.deleted = true;
      out.add(gone);
    }
    return snapshots_.save(cursor, {{"root", root.string()}, {"files", std::move(files)}});
  }

  void search(const SearchQuery& query, ItemSink& out, const Cancel& cancel) override {
    if (!query.wants(TRELLIS_ITEM_DOCUMENT)) return;
    auto state = snapshots_.latest();
    if (!state || !state->is_object() || !state->contains("files")) return;
    fs::path root = state->value("root", "");
    for (const auto& hit : kit::rank_entries((*state)["files"], query, cancel)) {
      const auto& entry = *hit.entry;
      KnowledgeItem item;
      item.kind = ItemKind::document;
      item.ref = hit.ref;
      item.url = url_for(root, item.ref);
      item.title = entry.value("t", item.ref);
      item.snippet = entry.value("n", "");
      item.tags = entry.value("g", "");
      item.author = entry.value("a", "");
      item.updated = entry.value("u", "");
      item.score = hit.score;
      if (!out.add(item)) break;
    }
  }

  void fetch(std::string_view ref, ItemSink& out, const Cancel&) override {
    fs::path root = configured_root();
    FoundFile f;
    if (!kit::valid_utf8(ref) || ref.size() > 4096 || !resolve_document(root, std::string(ref), f))
      throw Error(TRELLIS_ERR_NOT_FOUND, "folder-kb: no document '" + kit::repair_utf8(ref.substr(0, 200)) + "' in the folder");
    std::string content, why;
    if (!read_file(f.full, max_file_bytes(), content, why)) throw Error(TRELLIS_ERR_IO, "folder-kb: '" + f.rel + "' " + why);
    if (!kit::valid_utf8(content)) throw InvalidInput("folder-kb: '" + f.rel + "' is not valid UTF-8");
    out.add(item_for(f, content, root));
  }

 private:
  fs::path configured_root() const {
    std::string path = host_.setting("path").value_or("");
    if (path.empty())
      throw InvalidInput("folder-kb: the setting 'path' is empty; set it with `trellis plugin configure folder-kb path=/srv/lessons`");
    std::error_code ec;
    fs::path root = fs::canonical(path, ec);
    if (ec || !fs::is_directory(root, ec))
      throw Error(TRELLIS_ERR_IO, "folder-kb: path '" + kit::repair_utf8(path) + "' is not a readable folder" +
                                      (ec ? ": " + ec.message() : std::string()));
    return root;
  }

  uint64_t max_file_bytes() const {
    try {
      long long v = std::stoll(host_.setting("max_file_bytes").value_or("16777216"));
      return v > 0 ? static_cast<uint64_t>(v) : 16777216u;
    } catch (...) {
      return 16777216u;
    }
  }

  std::string url_for(const fs::path& root, const std::string& rel) const {
    std::string base = host_.setting("base_url").value_or("");
    if (!base.empty()) return (base.back() == '/' ? base : base + "/") + percent_encode_path(rel);
    return "file://" + percent_encode_path((root / rel).string());
  }

  KnowledgeItem item_for(const FoundFile& f, std::string_view content, const fs::path& root) const {
    DocumentType type = DocumentType::text;
    document_type_of(f.rel, type);
    Document doc = read_document(content, type, fs::path(f.rel).filename().string());
    KnowledgeItem item;
    item.kind = ItemKind::document;
    item.ref = f.rel;
    item.url = url_for(root, f.rel);
    item.title = std::move(doc.title);
    item.tags = std::move(doc.tags);
    item.author = std::move(doc.author);
    item.updated = kit::rfc3339_utc(f.mtime_ns / 1000000000);
    item.snippet = kit::excerpt_of(doc.body);
    item.body = std::move(doc.body);
    return item;
  }

  Host host_;
  kit::SnapshotStore snapshots_;
};

}  // namespace trellis::folder_kb

TRELLIS_PLUGIN(trellis::folder_kb::FolderKb, "folder-kb", "1.0.0")
