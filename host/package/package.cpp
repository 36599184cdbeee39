#include "package/package.hpp"

#include <algorithm>
#include <fstream>

#include "package/entry_name.hpp"

namespace trellis::package {
namespace {

bool is_clutter(std::string_view name) {
  if (name.rfind("__MACOSX/", 0) == 0) return true;
  size_t slash = name.rfind('/', name.size() > 1 ? name.size() - 2 : 0);
  std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  return base == ".DS_Store" || base == "Thumbs.db" || base == "desktop.ini";
}

}  // namespace

const Entry* Package::find(std::string_view path) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), path,
                             [](const Entry& e, std::string_view p) { return e.path < p; });
  return it != entries_.end() && it->path == path ? &*it : nullptr;
}

uint64_t Package::total_bytes() const {
  uint64_t total = 0;
  for (const auto& e : entries_) total += e.size;
  return total;
}

Result<std::string> Package::read_all(const Entry& entry, uint64_t limit) const {
  std::string out;
  out.reserve(static_cast<size_t>(std::min<uint64_t>(entry.size, limit)));
  TRELLIS_TRY(read(entry, [&out](std::string_view piece) -> Status {
    out.append(piece);
    return {};
  }, limit));
  return out;
}

// Duplicates are found by sorting rather than with maps of every name: a package
// of many thousand files is checked in place, without a second copy of its names.
Status Package::finalise(std::vector<RawEntry> raw) {
  size_t clutter = 0;
  std::vector<RawEntry> files;
  files.reserve(raw.size());
  for (auto& r : raw) {
    if (is_clutter(r.name)) {
      ++clutter;
      continue;
    }
    if (!r.name.empty() && r.name.back() == '/') continue;  // folders come with their files
    files.push_back(std::move(r));
  }
  raw.clear();
  raw.shrink_to_fit();
  std::sort(files.begin(), files.end(), [](const RawEntry& a, const RawEntry& b) { return a.name < b.name; });
  for (size_t i = 1; i < files.size(); ++i)
    if (files[i].name == files[i - 1].name) return refuse_entry(files[i].name, "duplicate name (the archive holds it twice)");
  {
    std::vector<uint32_t> by_folded(files.size());
    for (size_t i = 0; i < files.size(); ++i) by_folded[i] = static_cast<uint32_t>(i);
    auto folded_less = [&](uint32_t a, uint32_t b) { return folded_compare(files[a].name, files[b].name) < 0; };
    std::sort(by_folded.begin(), by_folded.end(), folded_less);
    for (size_t i = 1; i < by_folded.size(); ++i) {
      const RawEntry& a = files[by_folded[i - 1]];
      const RawEntry& b = files[by_folded[i]];
      if (folded_compare(a.name, b.name) != 0) continue;
      const RawEntry& first = a.index < b.index ? a : b;
      const RawEntry& second = a.index < b.index ? b : a;
      return refuse_entry(second.name, "duplicate name: differs from '" + first.name +
                                     "' only by letter case, so the two would overwrite each other when extracted");
    }
  }
  // A file whose name is also a folder of another file cannot be extracted.
  auto is_file = [&](std::string_view name) {
    auto it = std::lower_bound(files.begin(), files.end(), name,
                               [](const RawEntry& e, std::string_view n) { return e.name < n; });
    return it != files.end() && it->name == name;
  };
  for (const auto& f : files) {
    size_t slash = 0;
    while ((slash = f.name.find('/', slash + 1)) != std::string::npos) {
      std::string_view parent = std::string_view(f.name).substr(0, slash);
      if (is_file(parent)) return refuse_entry(std::string(parent), "it is both a file and the folder of '" + f.name + "'");
    }
  }
  if (clutter > 0)
    notices_.push_back({"package.clutter-ignored",
                        "ignored " + std::to_string(clutter) +
                            " entries of operating-system clutter (__MACOSX/, .DS_Store, Thumbs.db, desktop.ini)"});

  // Zips made by "compress folder" put everything inside one top folder.
  std::string prefix;
  bool nested = !files.empty();
  for (const auto& f : files) {
    size_t slash = f.name.find('/');
    if (slash == std::string::npos) {
      nested = false;
      break;
    }
    std::string_view top = std::string_view(f.name).substr(0, slash + 1);
    if (prefix.empty()) prefix = top;
    if (top != prefix) {
      nested = false;
      break;
    }
  }
  if (nested) {
    notices_.push_back({"package.nested-root", "every file is inside the folder '" + prefix +
                                                   "'; that folder is treated as the package root"});
    for (auto& f : files) f.name.erase(0, prefix.size());  // a common prefix keeps the order
  }

  entries_.reserve(files.size());
  for (auto& f : files) entries_.push_back(Entry{std::move(f.name), f.size, f.compressed, f.index});
  return {};
}

Result<std::unique_ptr<Package>> open_package(const std::filesystem::path& path, const Limits& limits,
                                              std::string_view single_file_name) {
  std::error_code ec;
  auto status = std::filesystem::symlink_status(path, ec);
  if (ec || !std::filesystem::exists(status))
    return make_error(ErrorKind::not_found, "package '" + path.string() + "' does not exist");
  if (std::filesystem::is_directory(status)) return open_folder(path, limits);
  if (std::filesystem::is_regular_file(status)) {
    char magic[4] = {};
    std::ifstream in(path, std::ios::binary);
    in.read(magic, 4);
    bool zip = in.gcount() == 4 && magic[0] == 'P' && magic[1] == 'K' &&
               ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
    // A file named .zip that is not one is still offered to the importers as a
    // single file, so the refusal names the formats tried rather than "bad zip".
    return zip ? open_zip(path, limits) : open_single_file(path, limits, single_file_name);
  }
  return make_error(ErrorKind::invalid_input,
                    "package '" + path.string() + "' is neither a zip file nor a folder (links are not followed)");
}

}  // namespace trellis::package
