// Catalog benchmark: `trellis import` of a generated SCORM-like package with
// 5,000 items and ~200 MB of files, against the floor of doing the least the same
// work needs (`unzip -q` to a folder plus `xmllint --noout --schema` of the
// manifest), measured in the same run. Also the import's peak memory for the
// same manifest with 200 MB of files and with tiny files: streaming keeps it
// independent of file sizes.
//
// Until the scorm importers are on main, the package also carries a course.json
// that the test importer (tests/plugins/course-json-importer) reads; the host
// pipeline (safe open, extraction, hashing, storage) is what is measured.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "bench.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace trellis;

namespace {

constexpr int kItems = 5000;

// A schema of our own for the floor: the shape of the generated manifest.
const char* kSchema = R"(<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" elementFormDefault="qualified">
  <xs:element name="manifest"><xs:complexType><xs:sequence>
    <xs:element name="organizations"><xs:complexType><xs:sequence>
      <xs:element name="organization" maxOccurs="unbounded"><xs:complexType><xs:sequence>
        <xs:element name="title" type="xs:string"/>
        <xs:element ref="item" maxOccurs="unbounded"/>
      </xs:sequence><xs:attribute name="identifier" type="xs:ID" use="required"/></xs:complexType></xs:element>
    </xs:sequence><xs:attribute name="default" type="xs:IDREF"/></xs:complexType></xs:element>
    <xs:element name="resources"><xs:complexType><xs:sequence>
      <xs:element name="resource" maxOccurs="unbounded"><xs:complexType><xs:sequence>
        <xs:element name="file" maxOccurs="unbounded"><xs:complexType>
          <xs:attribute name="href" type="xs:anyURI" use="required"/></xs:complexType></xs:element>
      </xs:sequence>
      <xs:attribute name="identifier" type="xs:ID" use="required"/>
      <xs:attribute name="type" type="xs:string" use="required"/>
      <xs:attribute name="href" type="xs:anyURI"/></xs:complexType></xs:element>
    </xs:sequence></xs:complexType></xs:element>
  </xs:sequence><xs:attribute name="identifier" type="xs:ID" use="required"/></xs:complexType></xs:element>
  <xs:element name="item"><xs:complexType><xs:sequence>
    <xs:element name="title" type="xs:string"/>
    <xs:element ref="item" minOccurs="0" maxOccurs="unbounded"/>
  </xs:sequence><xs:attribute name="identifier" type="xs:ID" use="required"/>
  <xs:attribute name="identifierref" type="xs:IDREF"/></xs:complexType></xs:element>
</xs:schema>
)";

// Writes the package folder; returns the manifest's size in bytes.
size_t generate(const fs::path& dir, size_t file_bytes) {
  fs::create_directories(dir);
  std::string manifest = "<?xml version=\"1.0\"?>\n<manifest identifier=\"bench\" "
                         "xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\">\n"
                         "<organizations default=\"org\"><organization identifier=\"org\"><title>Bench</title>\n";
  std::string resources = "<resources>\n";
  nlohmann::json items = nlohmann::json::array();
  std::mt19937_64 rng(42);
  std::string content(file_bytes, '\0');
  for (int i = 0; i < kItems; ++i) {
    std::string id = std::to_string(i);
    std::string href = "sco" + std::to_string(i / 100) + "/page" + id + ".html";
    manifest += "<item identifier=\"item_" + id + "\" identifierref=\"res_" + id + "\"><title>Page " + id +
                "</title></item>\n";
    resources += "<resource identifier=\"res_" + id + "\" type=\"webcontent\" href=\"" + href + "\"><file href=\"" +
                 href + "\"/></resource>\n";
    items.push_back({{"identifier", "item_" + id}, {"kind", "item"}, {"title", "Page " + id}, {"launchable", true},
                     {"sco", false}, {"launch", {{"href", href}, {"external", false}}}, {"children", nlohmann::json::array()}});
    // Incompressible content, as media mostly is.
    for (size_t k = 0; k + 8 <= content.size(); k += 8) {
      uint64_t r = rng();
      std::memcpy(&content[k], &r, 8);
    }
    testing::write_file(dir / href, content);
  }
  manifest += "</organization></organizations>\n" + resources + "</resources>\n</manifest>\n";
  testing::write_file(dir / "imsmanifest.xml", manifest);
  nlohmann::json course = {{"schema", "trellis.course/1"}, {"format", "coursejson"}, {"edition", nullptr},
                           {"identifier", "bench"}, {"title", "Bench"},
                           {"nodes", {{{"identifier", "org"}, {"kind", "organization"}, {"title", "Bench"}, {"children", items}}}},
                           {"resources", nlohmann::json::array()}};
  testing::write_file(dir / "course.json", course.dump());
  return manifest.size();
}

// Runs argv, returns the child's own peak RSS in KiB (wait4), or -1.
long peak_rss_kib(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env) {
  pid_t pid = fork();
  if (pid == 0) {
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    int devnull = ::open("/dev/null", 1);
    dup2(devnull, 1);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
  return usage.ru_maxrss;
}

}  // namespace

int main() {
  testing::TempDir dir;
  std::map<std::string, std::string> env = {{"TRELLIS_PLUGIN_PATH", TRELLIS_BINARY_DIR "/test-plugins"}};
  size_t manifest_bytes = generate(dir / "big", 40 * 1024);
  generate(dir / "small", 16);
  testing::write_file(dir / "manifest.xsd", kSchema);
  for (const char* name : {"big", "small"})
    testing::run({"/bin/sh", "-c", std::string("cd '") + (dir / name).string() + "' && zip -q -r -1 ../" + name + ".zip ."});
  auto zip_bytes = fs::file_size(dir / "big.zip");
  std::printf("package: %d items, manifest %zu bytes, zip %llu bytes\n", kItems, manifest_bytes,
              static_cast<unsigned long long>(zip_bytes));

  int run = 0;
  auto subject = bench::measure([&] {
    auto home = dir / ("home" + std::to_string(run++));
    auto r = testing::run_trellis(home, {"import", (dir / "big.zip").string()}, env);
    if (r.exit_code != 0) std::fprintf(stderr, "import failed: %s\n", r.err.c_str());
    fs::remove_all(home);
  }, 3, 1);
  auto floor = bench::measure([&] {
    auto out = dir / "unzipped";
    testing::run({"/usr/bin/unzip", "-q", (dir / "big.zip").string(), "-d", out.string()});
    testing::run({"/usr/bin/xmllint", "--noout", "--schema", (dir / "manifest.xsd").string(),
                  (out / "imsmanifest.xml").string()});
    fs::remove_all(out);
  }, 3, 1);
  bench::report("catalog.import_5000_items_200MB", subject, floor, 1.5);

  std::string exe = testing::trellis_exe().string();
  long big = peak_rss_kib({exe, "--home", (dir / "mem-big").string(), "import", (dir / "big.zip").string()}, env);
  long small = peak_rss_kib({exe, "--home", (dir / "mem-small").string(), "import", (dir / "small.zip").string()}, env);
  long manifest_kib = static_cast<long>(manifest_bytes / 1024);
  std::printf("BENCH catalog.import_peak_memory: %ld KiB with 200 MB of files, %ld KiB with tiny files; "
              "manifest %ld KiB (target < 2x manifest + constant, independent of file sizes: difference %ld KiB)\n",
              big, small, manifest_kib, big - small);
  return 0;
}
