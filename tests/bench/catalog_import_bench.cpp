// Catalog benchmark: `trellis import` of a generated, valid SCORM 1.2 package
// with 5,000 items, through the bundled scorm12 importer plugin, with the home's
// schema folder set to the standard SCORM 1.2 schemas so XSD validation really
// runs. The floor is the least the same work needs, measured in the same run:
// `unzip -q` to a temp folder plus `xmllint --noout --schema` of the manifest
// against the same standard schemas. Done at 20 MB and at 200 MB of files, with
// the import's peak RSS at each: streaming keeps it independent of file sizes.
//
// Needs the shared conformance schemas (TRELLIS_SHARED_DIR); skips without them.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <vector>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "bench.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace trellis;

namespace {

// 50 chapters of 99 SCOs: 5,000 items, 4,950 launchable, one file each.
constexpr int kChapters = 50;
constexpr int kScosPerChapter = 99;
constexpr int kItems = kChapters * (1 + kScosPerChapter);
constexpr int kScos = kChapters * kScosPerChapter;

struct Shape {
  int chapters = kChapters;
  int scos_per_chapter = kScosPerChapter;
  int items() const { return chapters * (1 + scos_per_chapter); }
  int scos() const { return chapters * scos_per_chapter; }
};

const std::map<std::string, std::string> kBundled = {{"TRELLIS_PLUGIN_PATH", TRELLIS_BINARY_DIR "/lib/trellis/plugins"}};

// Writes the package folder, files of `file_bytes` each; returns the manifest's size.
size_t generate(const fs::path& dir, size_t file_bytes, Shape shape = {}) {
  fs::create_directories(dir);
  std::string manifest =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<manifest identifier=\"com.example.bench.scorm12\" version=\"1\"\n"
      "  xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"\n"
      "  xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\"\n"
      "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
      "  xsi:schemaLocation=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
      "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd\">\n"
      "<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>\n"
      "<organizations default=\"org\"><organization identifier=\"org\"><title>Bench course</title>\n";
  std::string resources = "<resources>\n";
  std::mt19937_64 rng(42);
  std::string content(file_bytes, '\0');
  for (int c = 0; c < shape.chapters; ++c) {
    std::string chapter = std::to_string(c);
    manifest += "<item identifier=\"chapter_" + chapter + "\"><title>Chapter " + chapter + "</title>\n";
    for (int s = 0; s < shape.scos_per_chapter; ++s) {
      std::string id = chapter + "_" + std::to_string(s);
      std::string href = "chapter" + chapter + "/sco" + std::to_string(s) + ".html";
      manifest += "  <item identifier=\"item_" + id + "\" identifierref=\"res_" + id + "\"><title>Page " + id +
                  "</title><adlcp:masteryscore>80</adlcp:masteryscore></item>\n";
      resources += "<resource identifier=\"res_" + id + "\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"" +
                   href + "\"><file href=\"" + href + "\"/></resource>\n";
      // Incompressible content, as media mostly is.
      for (size_t k = 0; k + 8 <= content.size(); k += 8) {
        uint64_t r = rng();
        std::memcpy(&content[k], &r, 8);
      }
      testing::write_file(dir / href, content);
    }
    manifest += "</item>\n";
  }
  manifest += "</organization></organizations>\n" + resources + "</resources>\n</manifest>\n";
  testing::write_file(dir / "imsmanifest.xml", manifest);
  return manifest.size();
}

// What `xmllint --schema` needs to validate against several namespaces: a driver
// importing the standard schemas, as the importer's own validation does.
std::string driver_schema(const fs::path& schemas) {
  return "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n"
         "<xs:import namespace=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\" schemaLocation=\"" +
         (schemas / "imscp_rootv1p1p2.xsd").string() +
         "\"/>\n"
         "<xs:import namespace=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\" schemaLocation=\"" +
         (schemas / "adlcp_rootv1p2.xsd").string() + "\"/>\n</xs:schema>\n";
}

// Runs argv with `env`, stdout to /dev/null; returns the child's own peak RSS in
// KiB (wait4), or -1 when it did not exit 0.
long peak_rss_kib(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env) {
  pid_t pid = fork();
  if (pid == 0) {
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    int devnull = ::open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
  return usage.ru_maxrss;
}

// A home whose schema folder is the standard SCORM 1.2 set.
fs::path prepare_home(const fs::path& home, const fs::path& schemas) {
  auto r = testing::run_trellis(home, {"settings", "set", "import.schema_dir", schemas.string()}, kBundled);
  if (r.exit_code != 0) {
    std::fprintf(stderr, "cannot set import.schema_dir: %s\n", r.err.c_str());
    std::exit(1);
  }
  return home;
}

// One import that must succeed with the generated course's counts and a real
// schema validation; anything else makes the figures meaningless.
void import_checked(const fs::path& home, const fs::path& zip, Shape shape = {}) {
  auto r = testing::run_trellis(home, {"import", zip.string(), "--json"}, kBundled);
  if (r.exit_code != 0) {
    std::fprintf(stderr, "import failed (exit %d): %s\n", r.exit_code, r.err.c_str());
    std::exit(1);
  }
  auto report = nlohmann::json::parse(r.out);
  bool trusted = false;
  for (const auto& d : report["diagnostics"]) trusted = trusted || d["code"] == "scorm.xsd.trusted";
  if (report["format"] != "scorm12" || report["items"] != shape.items() || report["scos"] != shape.scos() ||
      report["launchable"] != shape.scos() || !trusted) {
    std::fprintf(stderr, "unexpected import report: %s\n", r.out.c_str());
    std::exit(1);
  }
}

void floor_once(const fs::path& zip, const fs::path& out, const fs::path& driver) {
  auto u = testing::run({"/usr/bin/unzip", "-q", zip.string(), "-d", out.string()});
  auto x = testing::run({"/usr/bin/xmllint", "--nonet", "--noout", "--schema", driver.string(),
                         (out / "imsmanifest.xml").string()});
  if (u.exit_code != 0 || x.exit_code != 0) {
    std::fprintf(stderr, "floor failed: unzip %d, xmllint %d: %s\n", u.exit_code, x.exit_code, x.err.c_str());
    std::exit(1);
  }
}

struct Size {
  const char* label;
  size_t file_bytes;
};

}  // namespace

int main() {
  auto shared = testing::shared_dir();
  if (!shared) {
    bench::skip("catalog.import_scorm12", TRELLIS_SHARED_DIR "/conformance (the standard SCORM schemas) is absent");
    return bench::finish();
  }
  fs::path schemas = *shared / "conformance" / "schemas" / "scorm12";
  testing::TempDir dir;
  testing::write_file(dir / "driver.xsd", driver_schema(schemas));
  std::string exe = testing::trellis_exe().string();

  // 4,950 files: about 4 KiB each is 20 MB, 40 KiB each is 200 MB.
  const Size sizes[] = {{"20MB", 4 * 1024 + 100}, {"200MB", 40 * 1024 + 1000}};
  std::map<std::string, long> peak;
  size_t manifest_bytes = 0;
  for (const Size& size : sizes) {
    fs::path folder = dir / size.label;
    manifest_bytes = generate(folder, size.file_bytes);
    fs::path zip = dir / (std::string(size.label) + ".zip");
    testing::run({"/bin/sh", "-c", "cd '" + folder.string() + "' && zip -q -r -1 '" + zip.string() + "' ."});
    fs::remove_all(folder);
    std::printf("package %s: %d items (%d SCOs), %zu bytes of files, manifest %zu bytes, zip %llu bytes\n",
                size.label, kItems, kScos, static_cast<size_t>(kScos) * size.file_bytes, manifest_bytes,
                static_cast<unsigned long long>(fs::file_size(zip)));

    // Subject and floor take turns; homes are set up and every output removed
    // outside the timed calls.
    fs::path home = dir / (std::string(size.label) + "-home"), unzipped = dir / "unzipped";
    auto paired = bench::measure_paired([&] { import_checked(home, zip); },
                                        [&] { floor_once(zip, unzipped, dir / "driver.xsd"); }, 5, 1, [&] {
                                          fs::remove_all(unzipped);
                                          fs::remove_all(home);
                                          prepare_home(home, schemas);
                                        });
    fs::remove_all(unzipped);
    fs::remove_all(home);
    const auto& subject = paired.subject;
    const auto& floor = paired.floor;
    bench::report(std::string("catalog.import_scorm12_5000_items_") + size.label, subject, floor, 1.5);

    prepare_home(home, schemas);
    peak[size.label] = peak_rss_kib({exe, "--home", home.string(), "import", zip.string()}, kBundled);
    fs::remove_all(home);
    fs::remove(zip);
  }

  // The constant: the same import of a one-SCO package in the same kind of home.
  Shape tiny{1, 1};
  generate(dir / "tiny", 100, tiny);
  testing::run({"/bin/sh", "-c", "cd '" + (dir / "tiny").string() + "' && zip -q -r -1 '" + (dir / "tiny.zip").string() + "' ."});
  auto tiny_home = prepare_home(dir / "mem-tiny", schemas);
  import_checked(tiny_home, dir / "tiny.zip", tiny);
  fs::remove_all(tiny_home);
  prepare_home(tiny_home, schemas);
  long constant = peak_rss_kib({exe, "--home", tiny_home.string(), "import", (dir / "tiny.zip").string()}, kBundled);

  // Independent of file sizes: ten times the bytes may not cost a MiB more.
  long growth = peak["200MB"] - peak["20MB"];
  long manifest_kib = static_cast<long>(manifest_bytes / 1024);
  bool measured = constant > 0 && peak["20MB"] > 0 && peak["200MB"] > 0;
  if (!measured) bench::fail("catalog.import_scorm12_peak_memory", "an import under wait4 did not exit 0");
  bool independent = measured && growth < 1024;
  bool within = measured && peak["200MB"] - constant <= 2 * manifest_kib;
  std::printf("BENCH catalog.import_scorm12_peak_memory: %ld KiB with 200 MB of files, %ld KiB with 20 MB, "
              "%ld KiB for a one-SCO package; growth with file size %ld KiB (target: under 1024) %s; "
              "manifest %ld KiB, cost above the one-SCO import %ld KiB = %.2fx the manifest (target <= 2x) %s\n",
              peak["200MB"], peak["20MB"], constant, growth, independent ? "independent of file sizes" : "GROWS WITH FILE SIZE",
              manifest_kib, peak["200MB"] - constant,
              manifest_kib > 0 ? double(peak["200MB"] - constant) / manifest_kib : 0.0,
              within ? "within target" : "OVER TARGET");
  if (!independent || !within) ++bench::failures();
  return bench::finish();
}
