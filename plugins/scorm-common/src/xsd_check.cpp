#include "xsd_check.hpp"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>
#include <openssl/evp.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "trellis/import_kit/text.hpp"
#include "xml_stream.hpp"

namespace trellis::scorm {
namespace {

constexpr int kMaxReported = 50;
// Virtual folder the schemas appear under while libxml2 resolves imports.
constexpr std::string_view kVirtualRoot = "/__trellis_schemas__/";

// Where schemas come from during one validation; the loader consults it.
struct SchemaSource {
  const XsdRequest* request = nullptr;
  std::filesystem::path folder;  // trusted folder, or empty: the package
  std::map<std::string, std::string> loaded;  // virtual relative path -> digest (package schemas only)
  std::vector<std::string> refused;
};

// The validation this library is running, and the thread running it. One at a
// time per library (LoaderScope takes a library-wide lock), so two atomics do
// what a thread_local did: a plugin's thread-local storage is what
// LeakSanitizer's scan of threads trips over (a dlopen'd library's TLS block,
// GCC 12 with glibc 2.36), so the plugin keeps none.
std::atomic<SchemaSource*> active_source{nullptr};
std::atomic<std::thread::id> active_thread{};

SchemaSource* active_here() {
  return active_thread.load() == std::this_thread::get_id() ? active_source.load() : nullptr;
}

xmlExternalEntityLoader previous_loader = nullptr;

std::string base_name(std::string_view url) {
  size_t slash = url.find_last_of('/');
  return std::string(slash == std::string_view::npos ? url : url.substr(slash + 1));
}

std::optional<std::string> read_disk(const std::filesystem::path& p) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(p, ec)) return std::nullopt;
  std::ifstream in(p, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A virtual path's bytes from the configured place, never escaping it.
std::optional<std::string> fetch(SchemaSource& src, std::string rel) {
  std::vector<std::string> parts;
  std::stringstream ss(rel);
  for (std::string part; std::getline(ss, part, '/');) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
    } else {
      parts.push_back(part);
    }
  }
  std::string clean;
  for (const std::string& p : parts) clean += (clean.empty() ? "" : "/") + p;
  if (!src.folder.empty()) return read_disk(src.folder / clean);
  std::optional<std::string> bytes = src.request->read(src.request->root + clean);
  if (bytes) src.loaded[clean] = schema_digest(*bytes);
  return bytes;
}

xmlParserInputPtr load_from_memory(const std::string& bytes, const char* url, xmlParserCtxtPtr ctxt) {
  xmlParserInputBufferPtr buffer =
      xmlParserInputBufferCreateMem(bytes.data(), static_cast<int>(bytes.size()), XML_CHAR_ENCODING_NONE);
  if (!buffer) return nullptr;
  xmlParserInputPtr input = xmlNewIOInputStream(ctxt, buffer, XML_CHAR_ENCODING_NONE);
  if (!input) {
    xmlFreeParserInputBuffer(buffer);
    return nullptr;
  }
  input->filename = reinterpret_cast<char*>(xmlStrdup(reinterpret_cast<const xmlChar*>(url)));
  return input;
}

xmlParserInputPtr entity_loader(const char* url, const char* id, xmlParserCtxtPtr ctxt) {
  std::string u = url ? url : "";
  bool network = u.rfind("http:", 0) == 0 || u.rfind("https:", 0) == 0 || u.rfind("ftp:", 0) == 0;
  SchemaSource* active = active_here();
  if (!active) {
    // Not ours: the other SCORM plugin (further down the chain) or other code.
    return previous_loader ? previous_loader(url, id, ctxt) : nullptr;
  }
  std::string rel;
  if (u.rfind("file://", 0) == 0) u = u.substr(7);
  if (u.rfind(kVirtualRoot, 0) == 0) {
    rel = u.substr(kVirtualRoot.size());
  } else if (network && base_name(u) == "xml.xsd") {
    rel = "xml.xsd";  // the catalog entry every SCORM schema set needs
  } else {
    active->refused.push_back(u);
    return nullptr;
  }
  std::optional<std::string> bytes = fetch(*active, rel);
  if (!bytes) {
    active->refused.push_back(rel);
    return nullptr;
  }
  return load_from_memory(*bytes, (std::string(kVirtualRoot) + rel).c_str(), ctxt);
}

struct Collector {
  kit::Findings* findings = nullptr;  // null while compiling the schema
  std::vector<std::string> schema_errors;
  bool ims_xml_quirk = false;
  int reported = 0;
};

void on_error(void* ctx, xmlErrorPtr error) {
  auto* c = static_cast<Collector*>(ctx);
  if (error == nullptr || error->level < XML_ERR_ERROR) return;
  std::string message = error->message ? std::string(kit::trim(error->message)) : std::string("unknown error");
  if (c->findings == nullptr) {
    std::string file = error->file ? error->file : "";
    // SCORM 1.2's ims_xml.xsd binds the xml namespace as default: invalid, universal, harmless.
    if (base_name(file) == "ims_xml.xsd" && message.find("xml namespace") != std::string::npos) {
      c->ims_xml_quirk = true;
      return;
    }
    c->schema_errors.push_back(base_name(file) + ": " + message);
    return;
  }
  if (++c->reported > kMaxReported) return;
  c->findings->error("scorm.xsd.invalid", message, error->line > 0 ? static_cast<uint32_t>(error->line) : 0);
}

// Namespace -> schema file, from xsi:schemaLocation, then the conventional names.
std::vector<std::pair<std::string, std::string>> schema_imports(const XsdRequest& request, std::string& problem) {
  static const std::map<std::string, std::string> conventional{
      {"http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"},
      {"http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"},
      {"http://www.imsglobal.org/xsd/imsmd_rootv1p2p1", "imsmd_rootv1p2p1.xsd"},
      {"http://www.imsglobal.org/xsd/imsmd_v1p2", "imsmd_rootv1p2p1.xsd"},
      {"http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"},
      {"http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"},
      {"http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"},
      {"http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"},
      {"http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"},
      {"http://ltsc.ieee.org/xsd/LOM", "lom.xsd"}};
  std::vector<std::pair<std::string, std::string>> out;
  std::set<std::string> seen;
  std::istringstream again(request.schema_location);
  for (std::string ns, loc; again >> ns >> loc;)
    if (seen.insert(ns).second) out.emplace_back(ns, loc);
  // Declared without a hint: the conventional file name, when there is one; a
  // namespace nobody knows is left to the schemas' own wildcards.
  for (const std::string& ns : request.root_namespaces) {
    if (!seen.insert(ns).second) continue;
    if (auto c = conventional.find(ns); c != conventional.end()) out.emplace_back(ns, c->second);
  }
  if (out.empty()) problem = "the manifest declares no namespace a SCORM schema defines";
  return out;
}

std::string edition_folder(const XsdRequest& r) {
  return r.standard == Standard::scorm12 ? "scorm12" : "scorm2004-" + r.edition;
}

}  // namespace

std::string schema_digest(std::string_view content) {
  std::string lf;
  lf.reserve(content.size());
  for (char c : content)
    if (c != '\r') lf += c;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(lf.data(), lf.size(), md, &len, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += hex[md[i] >> 4];
    out += hex[md[i] & 15];
  }
  return out;
}

namespace {
// The loader is process-wide and each plugin library has its own copy of this
// code, so each installs its loader once, chained in front of whatever was there,
// and never uninstalls it. A loader serves a request only when its own library is
// validating on this thread (`active`); otherwise it passes the request down the
// chain, where the library that is validating answers. Nothing global changes
// after installation, so validations on several threads do not interfere.
void install_loader_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlExternalEntityLoader current = xmlGetExternalEntityLoader();
    previous_loader = current == &entity_loader ? nullptr : current;
    xmlSetExternalEntityLoader(&entity_loader);
  });
}

std::mutex& library_validation_lock() {
  static std::mutex lock;
  return lock;
}

class LoaderScope {
 public:
  explicit LoaderScope(SchemaSource& source) : lock_(library_validation_lock()) {
    install_loader_once();
    active_source.store(&source);
    active_thread.store(std::this_thread::get_id());
  }
  ~LoaderScope() {
    active_thread.store(std::thread::id());
    active_source.store(nullptr);
  }
  LoaderScope(const LoaderScope&) = delete;
  LoaderScope& operator=(const LoaderScope&) = delete;

 private:
  std::lock_guard<std::mutex> lock_;
};
}  // namespace

// All three run when the plugin is initialised, which the host serialises with
// every other plugin's initialisation. libxml2 2.9 sets up the schema built-in
// types lazily on first use without a lock (two threads racing there leak one
// set, seen under LeakSanitizer), and the loader chain has the same hazard.
XsdCheck::XsdCheck() {
  xmlInitParser();
  xmlSchemaInitTypes();
  install_loader_once();
}

namespace {

// The line the parser is at, for validation errors (as xmlSchemaValidateStream does it).
int parser_line(void* ctx, const char** file, unsigned long* line) {
  auto* parser = static_cast<xmlParserCtxtPtr>(ctx);
  if (file) *file = nullptr;
  if (line) *line = 0;
  if (parser == nullptr || parser->input == nullptr) return -1;
  if (file) *file = parser->input->filename;
  if (line) *line = static_cast<unsigned long>(parser->input->line);
  return 0;
}

// The thread's libxml2 error handler, pointed at a collector for a while.
class ErrorsTo {
 public:
  explicit ErrorsTo(Collector& collector) : previous_(xmlStructuredError), previous_ctx_(xmlStructuredErrorContext) {
    xmlSetStructuredErrorFunc(&collector, &on_error);
  }
  ~ErrorsTo() { xmlSetStructuredErrorFunc(previous_ctx_, previous_); }
  ErrorsTo(const ErrorsTo&) = delete;
  ErrorsTo& operator=(const ErrorsTo&) = delete;

 private:
  xmlStructuredErrorFunc previous_;
  void* previous_ctx_;
};

// A read of the manifest for the validator alone: nothing of it is kept.
class Nothing final : public XmlHandler {
 public:
  void start_element(std::string_view, const std::vector<XmlAttribute>&, uint32_t) override {}
  void end_element() override {}
  void text(std::string_view, bool) override {}
  bool wants_text() const override { return false; }
  bool finished() const override { return false; }
};

// The validator riding along a streamed parse: plugged into libxml2's SAX events.
class StreamValidation final : public StreamRider {
 public:
  StreamValidation(xmlSchemaPtr schema, Collector& collector) : schema_(schema), collector_(collector) {}
  ~StreamValidation() override {
    detach();
    if (valid_) xmlSchemaFreeValidCtxt(valid_);
  }
  StreamValidation(const StreamValidation&) = delete;
  StreamValidation& operator=(const StreamValidation&) = delete;

  void attach(_xmlParserCtxt* parser) override {
    valid_ = xmlSchemaNewValidCtxt(schema_);
    if (!valid_) return;
    xmlSchemaSetValidStructuredErrors(valid_, &on_error, &collector_);
    xmlSchemaValidateSetLocator(valid_, &parser_line, parser);
    plug_ = xmlSchemaSAXPlug(valid_, &parser->sax, &parser->userData);
  }
  void detach() override {
    if (plug_) xmlSchemaSAXUnplug(plug_);
    plug_ = nullptr;
  }
  // The parser's own complaints (e.g. an undeclared prefix) are schema findings too.
  void parser_error(const _xmlError* error) override {
    if (plug_) on_error(&collector_, const_cast<xmlErrorPtr>(error));
  }

 private:
  xmlSchemaPtr schema_;
  Collector& collector_;
  xmlSchemaValidCtxtPtr valid_ = nullptr;
  xmlSchemaSAXPlugPtr plug_ = nullptr;
};

// The whole text through xmlSchemaValidateStream: for a manifest libxml2 refused
// to stream, so it is reported exactly as before streaming.
void validate_text(xmlSchemaPtr schema, std::string_view xml, Collector& collector) {
  xmlSchemaValidCtxtPtr valid = xmlSchemaNewValidCtxt(schema);
  xmlParserInputBufferPtr input =
      xmlParserInputBufferCreateMem(xml.data(), static_cast<int>(xml.size()), XML_CHAR_ENCODING_NONE);
  if (valid && input) {
    xmlSchemaSetValidStructuredErrors(valid, &on_error, &collector);
    // The parser's own complaints come through the global handler.
    ErrorsTo errors(collector);
    xmlSchemaValidateStream(valid, input, XML_CHAR_ENCODING_NONE, nullptr, nullptr);  // frees `input`
  } else if (input) {
    xmlFreeParserInputBuffer(input);
  }
  if (valid) xmlSchemaFreeValidCtxt(valid);
}

}  // namespace

void XsdCheck::validate(const XsdRequest& request, const XmlSource& manifest, kit::Findings& findings) {
  std::lock_guard lock(mutex_);
  SchemaSource source;
  source.request = &request;
  if (!request.schema_dir.empty()) {
    std::filesystem::path dir(request.schema_dir);
    std::error_code ec;
    source.folder = std::filesystem::is_directory(dir / edition_folder(request), ec) ? dir / edition_folder(request) : dir;
  }
  std::string problem;
  auto imports = schema_imports(request, problem);
  if (!problem.empty()) {
    findings.warning("scorm.xsd.unavailable", "Schema validation was skipped: " + problem + ".");
    return;
  }
  std::string driver = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">";
  for (auto& [ns, location] : imports) {
    // Trusted folder: the file name decides; package: the hint is a path inside it.
    std::string rel = source.folder.empty() ? location : base_name(location);
    if (source.folder.empty() && (location.find(':') != std::string::npos)) rel = base_name(location);
    if (!fetch(source, rel)) {
      findings.warning("scorm.xsd.unavailable",
                       "Schema validation was skipped: " +
                           std::string(source.folder.empty() ? "the package does not carry " : "the schema folder lacks ") +
                           rel + " (for " + ns + ").");
      return;
    }
    driver += "<xs:import namespace=\"" + ns + "\" schemaLocation=\"" + std::string(kVirtualRoot) + rel + "\"/>";
  }
  driver += "</xs:schema>";

  Collector collector;
  LoaderScope loader(source);
  xmlSchemaParserCtxtPtr parser = xmlSchemaNewMemParserCtxt(driver.data(), static_cast<int>(driver.size()));
  xmlSchemaPtr schema = nullptr;
  if (parser) {
    xmlSchemaSetParserStructuredErrors(parser, &on_error, &collector);
    // Namespace errors in a schema file come from the XML parser, not the schema parser.
    ErrorsTo errors(collector);
    schema = xmlSchemaParse(parser);
    xmlSchemaFreeParserCtxt(parser);
  }
  if (collector.ims_xml_quirk)
    findings.warning("scorm.xsd.ims-xml",
                     "ims_xml.xsd binds the xml namespace as its default namespace, which XML Schema forbids "
                     "(a known flaw of the SCORM 1.2 schema set); the rest of the schemas were used.");
  if (!schema || !collector.schema_errors.empty()) {
    if (schema) xmlSchemaFree(schema);
    std::string why = collector.schema_errors.empty() ? std::string("they could not be compiled")
                                                      : collector.schema_errors.front();
    if (!source.refused.empty()) why += " (refused to load " + source.refused.front() + ")";
    findings.warning("scorm.xsd.unavailable", "Schema validation was skipped: the schemas are not usable: " + why + ".");
    return;
  }
  // The validator follows the parser's events: no tree of the manifest is built
  // (libxml2's tree of it costs over ten times its size) and its text is not held.
  kit::Findings validation(findings.file());
  collector.findings = &validation;
  XmlOutcome outcome = XmlOutcome::refused;
  {
    Nothing nothing;
    StreamValidation rider(schema, collector);
    outcome = stream_xml(manifest, nothing, &rider);
  }
  if (outcome == XmlOutcome::refused) {
    // Only the text libxml2 refused to stream: what that stream reported is replaced.
    validation = kit::Findings(findings.file());
    collector.reported = 0;
    validate_text(schema, read_all(manifest), collector);
  }
  xmlSchemaFree(schema);
  for (const kit::Finding& f : validation.list()) findings.add(f.level, f.code, f.message, f.line);
  if (collector.reported > kMaxReported)
    findings.error("scorm.xsd.invalid",
                   std::to_string(collector.reported - kMaxReported) + " further schema violations were not listed.");

  if (source.folder.empty()) {
    std::vector<std::string> modified;
    for (auto& [path, digest] : source.loaded)
      if (!is_standard_schema(base_name(path), digest)) modified.push_back(path);
    if (modified.empty()) {
      findings.info("scorm.xsd.standard", "The " + std::to_string(source.loaded.size()) +
                                              " schema files the package carries are the published ones.");
    } else {
      std::string list;
      for (const std::string& m : modified) list += (list.empty() ? "" : ", ") + m;
      findings.warning("scorm.xsd.modified",
                       "Schema files the package carries differ from the published ones: " + list +
                           "; the manifest was validated against them as they are.");
    }
  } else {
    findings.info("scorm.xsd.trusted", "The manifest was validated against the trusted schema folder " +
                                           source.folder.string() + ".");
  }
}

}  // namespace trellis::scorm
