#include "xsd_validator.hpp"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>

#include <fstream>
#include <sstream>
#include <string>

#include "trellis/import_kit/text.hpp"

namespace trellis::cmi5 {
namespace {

constexpr int kMaxReported = 50;

struct Collector {
  kit::Findings* findings;
  std::string schema_name;
  int reported = 0;
  std::string first_error;  // for schema compilation failures
};

void on_error(void* ctx, xmlErrorPtr error) {
  auto* c = static_cast<Collector*>(ctx);
  if (error == nullptr || error->level < XML_ERR_ERROR) return;
  std::string message = error->message ? std::string(kit::trim(error->message)) : std::string("unknown error");
  if (c->findings == nullptr) {
    if (c->first_error.empty()) c->first_error = message;
    return;
  }
  if (++c->reported > kMaxReported) return;
  c->findings->error("cmi5.xsd.invalid", c->schema_name + ": " + message, error->line > 0 ? error->line : 0);
}

}  // namespace

struct XsdValidator::Compiled {
  xmlSchemaPtr schema = nullptr;
  ~Compiled() {
    if (schema) xmlSchemaFree(schema);
  }
};

// In init, which the host serialises: libxml2 2.9 builds the schema built-in
// types lazily on first use without a lock.
XsdValidator::XsdValidator() {
  xmlInitParser();
  xmlSchemaInitTypes();
}
XsdValidator::~XsdValidator() = default;

std::optional<std::filesystem::path> XsdValidator::find_schema(const std::filesystem::path& schema_dir) {
  for (const auto& candidate : {schema_dir / "cmi5" / "CourseStructure.xsd", schema_dir / "CourseStructure.xsd"}) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
  }
  return std::nullopt;
}

std::shared_ptr<XsdValidator::Compiled> XsdValidator::compiled(const std::filesystem::path& schema,
                                                                std::string& error) {
  std::lock_guard lock(mutex_);
  if (auto it = cache_.find(schema); it != cache_.end()) return it->second;
  std::ifstream in(schema, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string text = bytes.str();
  // From memory: the schema has no imports, and nothing may be fetched anyway.
  xmlSchemaParserCtxtPtr parser = xmlSchemaNewMemParserCtxt(text.data(), static_cast<int>(text.size()));
  if (!parser) {
    error = "cannot read " + schema.string();
    return nullptr;
  }
  Collector collector{nullptr, {}, 0, {}};
  xmlSchemaSetParserStructuredErrors(parser, &on_error, &collector);
  auto out = std::make_shared<Compiled>();
  out->schema = xmlSchemaParse(parser);
  xmlSchemaFreeParserCtxt(parser);
  if (!out->schema) {
    error = schema.string() + " is not a usable XML Schema: " + collector.first_error;
    return nullptr;
  }
  cache_[schema] = out;
  return out;
}

void XsdValidator::validate(std::string_view xml, const std::filesystem::path& schema, kit::Findings& findings) {
  std::string error;
  std::shared_ptr<Compiled> compiled_schema = compiled(schema, error);
  if (!compiled_schema) {
    findings.warning("cmi5.xsd.unavailable", "Schema validation was skipped: " + error + ".");
    return;
  }
  Collector collector{&findings, schema.filename().string(), 0, {}};
  // No network, no entity substitution, no DTD loading; the parser refused DOCTYPEs already.
  xmlParserCtxtPtr parser = xmlNewParserCtxt();
  if (!parser) throw std::bad_alloc();
  xmlSetStructuredErrorFunc(&collector, &on_error);
  xmlDocPtr doc = xmlCtxtReadMemory(parser, xml.data(), static_cast<int>(xml.size()), findings.file().c_str(),
                                    nullptr, XML_PARSE_NONET | XML_PARSE_NOWARNING);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  xmlFreeParserCtxt(parser);
  if (!doc) {
    if (collector.reported == 0) findings.error("cmi5.xsd.invalid", "libxml2 could not parse the course structure.");
    return;
  }
  xmlSchemaValidCtxtPtr valid = xmlSchemaNewValidCtxt(compiled_schema->schema);
  xmlSchemaSetValidStructuredErrors(valid, &on_error, &collector);
  xmlSchemaValidateDoc(valid, doc);
  xmlSchemaFreeValidCtxt(valid);
  xmlFreeDoc(doc);
  if (collector.reported > kMaxReported)
    findings.error("cmi5.xsd.invalid", std::to_string(collector.reported - kMaxReported) +
                                           " further schema violations were not listed.");
}

}  // namespace trellis::cmi5
