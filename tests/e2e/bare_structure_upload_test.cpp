// A bare course structure or manifest (one XML file, no zip) through the real
// binary and the bundled importers: `trellis import FILE` takes it, and so does
// POST /api/v1/packages in each form an upload comes in (a raw body sent as a
// zip or as XML, named or not, and a multipart form).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "bundled_importers.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace trellis;

namespace {

// `tag` tells the courses of one test apart.
std::string bare_cmi5(const std::string& tag) {
  return testing::one_au_course_structure("https://example.org/cmi5/" + tag, "https://cdn.example.org/au/index.html");
}

std::string bare_tincan(const std::string& tag) {
  std::string activity_id = "https://example.org/tincan/" + tag;
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<tincan xmlns=\"http://projecttincan.com/tincan.xsd\">\n"
         "<activities><activity id=\"" + activity_id + "\" type=\"http://adlnet.gov/expapi/activities/course\">"
         "<name lang=\"en-US\">Bare</name><launch lang=\"en-US\">https://cdn.example.org/tc/index.html</launch>"
         "</activity></activities>\n</tincan>\n";
}

// Its files are not shipped: SCORM warns (scorm.file.missing), as for the ADL test packages.
std::string bare_scorm12(const std::string& tag) {
  return "<?xml version=\"1.0\"?>\n<manifest identifier=\"course-" + tag + "\" version=\"1\" "
         "xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\" "
         "xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\">\n"
         "<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>\n"
         "<organizations default=\"org\"><organization identifier=\"org\"><title>Bare</title>"
         "<item identifier=\"i1\" identifierref=\"r1\"><title>One</title></item></organization></organizations>\n"
         "<resources><resource identifier=\"r1\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"a.html\">"
         "<file href=\"a.html\"/></resource></resources>\n</manifest>\n";
}

struct BareFormat {
  const char* format;
  const char* file_name;  // the name the CLI and a named upload use
  std::string (*make)(const std::string& tag);
};

const BareFormat kBareFormats[] = {{"cmi5", "cmi5.xml", &bare_cmi5},
                                   {"xapi", "tincan.xml", &bare_tincan},
                                   {"scorm12", "imsmanifest.xml", &bare_scorm12}};

std::string multipart(const std::string& boundary, const std::string& filename, const std::string& content) {
  return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n" +
         "Content-Type: application/xml\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
}

}  // namespace

TEST_CASE("a bare course structure or manifest imports through the CLI", "[e2e][catalog][bare]") {
  testing::TempDir dir;
  for (const BareFormat& f : kBareFormats) {
    INFO(f.format);
    fs::create_directories(dir / f.format);
    fs::path file = dir / f.format / f.file_name;
    testing::write_file(file, f.make("cli"));
    auto r = testing::run_trellis(dir / "home", {"import", file.string(), "--json"}, testing::kBundledImporters);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(json::parse(r.out)["format"] == f.format);
  }
}

TEST_CASE("a bare course structure or manifest uploads over HTTP as zip or XML or multipart", "[e2e][catalog][bare]") {
  testing::TempDir dir;
  auto home = dir / "home";
  const std::map<std::string, std::string> admin = {
      {"Authorization", testing::create_key_header(home, {"admin"})}, {"Prefer", "wait=60"}};
  testing::Server server(home, {}, testing::kBundledImporters);
  const std::string boundary = "----trellis-bare-upload";
  struct Form {
    const char* label;
    std::string path;
    std::string content_type;
    bool as_form;
  };
  for (const BareFormat& f : kBareFormats) {
    const std::vector<Form> forms = {
        {"raw, sent as a zip", "/api/v1/packages", "application/zip", false},
        {"raw, sent as XML", "/api/v1/packages", "application/xml", false},
        {"raw, named", std::string("/api/v1/packages?name=") + f.file_name, "application/xml", false},
        {"multipart", "/api/v1/packages", "multipart/form-data; boundary=" + boundary, true}};
    for (size_t i = 0; i < forms.size(); ++i) {
      const Form& form = forms[i];
      // A course of its own each time, so every upload stores a first version.
      std::string content = f.make("upload-" + std::to_string(i));
      std::string body = form.as_form ? multipart(boundary, f.file_name, content) : content;
      auto reply = server.request("POST", form.path, body, form.content_type, admin);
      INFO(f.format << ", " << form.label << ": " << reply.body);
      REQUIRE(reply.status == 201);
      auto report = json::parse(reply.body);
      CHECK(report["format"] == f.format);
      CHECK(report["version"] == 1);
    }
  }
  CHECK(server.stop() == 0);
}
