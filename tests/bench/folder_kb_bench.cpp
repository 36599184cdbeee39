// Issue 7's connector benchmark: a full sync of a generated folder of ~3,000
// Markdown and HTML documents (~50 MB) through the real folder-kb plugin (loaded
// from its library by the SDK test host, sdk/testing), against `cat` of the same files,
// measured in the same run; then an incremental re-sync after 1% of the files
// changed, against the same floor. Targets: a full sync at most 10x `cat` (it
// also turns HTML into text and counts every word for search), a re-sync after
// 1% changed at most 1.5x reading everything once.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "bench.hpp"
#include "trellis/testing/connector.hpp"
#include "support.hpp"

using namespace trellis;
namespace fs = std::filesystem;

namespace {

constexpr int kMarkdownFiles = 2400;
constexpr int kHtmlFiles = 600;

// Deterministic prose: words drawn from a small vocabulary by a linear congruential generator.
class Prose {
 public:
  explicit Prose(uint32_t seed) : state_(seed) {}
  std::string words(int count) {
    static const char* kVocabulary[] = {"safety", "lockout",  "forklift", "hazard",   "procedure", "maintenance",
                                        "operator", "inspection", "valve",  "pressure", "incident",  "training",
                                        "ladder", "chemical", "spill",    "guard",    "isolation", "energy",
                                        "the",    "and",      "before",   "after",    "always",    "never"};
    std::string out;
    for (int i = 0; i < count; ++i) {
      state_ = state_ * 1664525u + 1013904223u;
      out += kVocabulary[(state_ >> 16) % (sizeof kVocabulary / sizeof *kVocabulary)];
      out += (i % 17 == 16) ? ".\n" : " ";
    }
    return out;
  }

 private:
  uint32_t state_;
};

std::string markdown(int n, Prose& prose) {
  std::string doc = "---\ntitle: Lesson " + std::to_string(n) + "\ntags: [safety, lesson-" + std::to_string(n % 50) +
                    "]\n---\n# Lesson " + std::to_string(n) + "\n\n";
  for (int p = 0; p < 12; ++p) doc += "## Part " + std::to_string(p) + "\n\n" + prose.words(200) + "\n\n";
  return doc;
}

std::string html(int n, Prose& prose) {
  std::string doc = "<!DOCTYPE html><html><head><title>Guideline " + std::to_string(n) +
                    "</title><meta name=\"keywords\" content=\"guideline, plant\"><style>p{margin:0}</style></head><body>";
  for (int p = 0; p < 14; ++p) doc += "<h2>Section " + std::to_string(p) + "</h2><p>" + prose.words(200) + "</p>";
  return doc + "</body></html>";
}

std::vector<fs::path> generate(const fs::path& root) {
  std::vector<fs::path> files;
  Prose prose(7);
  for (int i = 0; i < kMarkdownFiles; ++i) {
    fs::path f = root / ("lessons/" + std::to_string(i % 40)) / ("lesson-" + std::to_string(i) + ".md");
    fs::create_directories(f.parent_path());
    testing::write_file(f, markdown(i, prose));
    files.push_back(f);
  }
  for (int i = 0; i < kHtmlFiles; ++i) {
    fs::path f = root / ("guidelines/" + std::to_string(i % 20)) / ("guideline-" + std::to_string(i) + ".html");
    fs::create_directories(f.parent_path());
    testing::write_file(f, html(i, prose));
    files.push_back(f);
  }
  return files;
}

}  // namespace

int main() {
  testing::TempDir dir;
  std::vector<fs::path> files = generate(dir.path());
  uintmax_t bytes = 0;
  for (const auto& f : files) bytes += fs::file_size(f);
  std::printf("folder-kb bench: %zu files, %.1f MB\n", files.size(), static_cast<double>(bytes) / 1e6);

  std::string cat = "find '" + dir.path().string() + "' -type f -print0 | xargs -0 cat > /dev/null";
  bench::Sample floor = bench::measure([&] {
    auto r = testing::run({"/bin/sh", "-c", cat});
    if (r.exit_code != 0) {
      std::fprintf(stderr, "the floor (find | cat) failed: %s\n", r.err.c_str());
      std::exit(1);
    }
  });

  testing::LoadedConnector kb(TRELLIS_FOLDER_KB_PLUGIN, {{"path", dir.path().string()}});
  std::string cursor;
  size_t items = 0;
  bench::Sample full = bench::measure([&] {
    auto run = kb.sync("");
    // A failed sync, or one that sent less than every file, did not do the work timed.
    if (run.status != 0 || run.items.size() != files.size()) {
      std::fprintf(stderr, "full sync failed (status %d, %zu of %zu items): %s\n", run.status, run.items.size(),
                   files.size(), run.error.c_str());
      std::exit(1);
    }
    items = run.items.size();
    cursor = run.next_cursor;
  });
  size_t state_bytes = 0;
  for (const auto& [key, value] : kb.kv()) state_bytes += value.size();
  std::printf("folder-kb bench: a full sync sent %zu items; the plugin keeps %.1f MB of state\n", items,
              static_cast<double>(state_bytes) / 1e6);
  bench::report("folder_kb.full_sync_50mb", full, floor, 10.0);

  // Incremental: each run rewrites a different 1% of the files (untimed), then
  // times the re-sync from the previous cursor.
  bench::Sample incremental;
  size_t changed_items = 0;
  for (int run = 0; run < 5; ++run) {
    for (size_t i = static_cast<size_t>(run); i < files.size(); i += 100)
      testing::write_file(files[i], testing::read_file(files[i]) + "\nRevision " + std::to_string(run) + ".\n");
    auto t0 = std::chrono::steady_clock::now();
    auto r = kb.sync(cursor);
    incremental.runs_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    size_t rewritten = (files.size() - static_cast<size_t>(run) + 99) / 100;
    if (r.status != 0 || r.items.size() != rewritten) {
      std::fprintf(stderr, "incremental sync failed (status %d, %zu items for %zu rewritten files): %s\n", r.status,
                   r.items.size(), rewritten, r.error.c_str());
      std::exit(1);
    }
    cursor = r.next_cursor;
    changed_items = r.items.size();
  }
  auto sorted = incremental.runs_ms;
  std::sort(sorted.begin(), sorted.end());
  incremental.median_ms = sorted[sorted.size() / 2];
  incremental.min_ms = sorted.front();
  std::printf("folder-kb bench: an incremental sync sent %zu items\n", changed_items);
  bench::report("folder_kb.incremental_1pct", incremental, floor, 1.5);
  return bench::finish();
}
