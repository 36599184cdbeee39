// The C++ wrapper seen from the host's side of the boundary: a class made into
// a plugin by TRELLIS_PLUGIN, driven only through the C tables, the way the
// host drives it. Every exception must come back as a status and a message.
#include <catch2/catch.hpp>

#include <cstring>
#include <stdexcept>
#include <string>

#include "trellis/cpp/plugin.hpp"

namespace {

class FileSession : public trellis::ExportSession {
 public:
  explicit FileSession(trellis::Output out) : out_(out) {}
  void write_batch(const std::vector<trellis::Record>& records, trellis::Outcomes&, const trellis::Cancel&) override {
    if (records.empty()) throw std::bad_alloc();
    for (const auto& r : records) out_.write(r.statement_id);  // the output outlives open
  }
  void close() override { out_.write("|end"); }

 private:
  trellis::Output out_;
};

class Everything : public trellis::Plugin, public trellis::Importer, public trellis::Connector, public trellis::Exporter,
                   public trellis::Runtime {
 public:
  explicit Everything(trellis::Host) {}
  const char* format() const override { return "everything"; }
  int detect(const trellis::Package&, std::string& what) override {
    what = "all of it";
    return 250;
  }
  void import_package(const trellis::Package&, const trellis::ImportOptions&, trellis::ImportReport&,
                      const trellis::Cancel&) override {
    throw trellis::Error(TRELLIS_ERR_IO, "disk gone");
  }
  const char* source_name() const override { return "Everything"; }
  void search(const trellis::SearchQuery&, trellis::ItemSink&, const trellis::Cancel&) override {
    throw std::runtime_error("search broke");
  }
  void fetch(std::string_view, trellis::ItemSink&, const trellis::Cancel&) override {}
  const char* media_type() const override { return "text/plain"; }
  std::unique_ptr<trellis::ExportSession> open(const trellis::ExportOptions&, trellis::Output output) override {
    return std::make_unique<FileSession>(output);
  }
  const char* runtime_format() const override { return "everything-run"; }
  std::string prepare_launch(std::string_view request) const override {
    return "{\"plan_for\": " + std::string(request) + "}";
  }
  std::string apply_commit(std::string_view request) const override {
    if (request.empty()) throw trellis::InvalidInput("not a commit request");
    throw std::runtime_error("commit broke");
  }
};

trellis_status append(void* ctx, trellis_str bytes) {
  static_cast<std::string*>(ctx)->append(bytes.data, bytes.size);
  return TRELLIS_OK;
}

trellis_host_services services() {
  trellis_host_services s{};
  s.struct_size = sizeof s;
  s.abi_major = TRELLIS_ABI_MAJOR;
  s.abi_minor = TRELLIS_ABI_MINOR;
  s.is_shutting_down = [](void*) -> int32_t { return 0; };
  return s;
}

}  // namespace

TRELLIS_PLUGIN(Everything, "everything", "1.0.0")

TEST_CASE("the wrapper's tables belong to their instance and offer only what the class overrides", "[sdk][trampolines]") {
  const trellis_plugin_descriptor* d = trellis_plugin_entry_v1();
  REQUIRE(d == trellis_plugin_entry_v1());
  CHECK(std::string(d->id) == "everything");
  trellis_host_services host = services();
  void* first = nullptr;
  void* second = nullptr;
  REQUIRE(d->init(&host, &first, nullptr) == TRELLIS_OK);
  REQUIRE(d->init(&host, &second, nullptr) == TRELLIS_OK);  // a reload's second instance

  auto* imp = static_cast<const trellis_importer_v1*>(d->get_capability(first, TRELLIS_CAPABILITY_IMPORTER));
  auto* con = static_cast<const trellis_connector_v1*>(d->get_capability(first, TRELLIS_CAPABILITY_CONNECTOR));
  auto* exp = static_cast<const trellis_exporter_v1*>(d->get_capability(first, TRELLIS_CAPABILITY_EXPORTER));
  REQUIRE(imp != nullptr);
  REQUIRE(con != nullptr);
  REQUIRE(exp != nullptr);
  CHECK(imp->struct_size == sizeof(trellis_importer_v1));
  CHECK(std::string(imp->format) == "everything");
  CHECK(con->struct_size == sizeof(trellis_connector_v1));
  CHECK(con->fetch != nullptr);
  CHECK(con->sync == nullptr);
  CHECK(con->post == nullptr);
  CHECK(std::string(exp->media_type) == "text/plain");
  CHECK(d->get_capability(first, TRELLIS_CAPABILITY_IMPORTER) == imp);
  CHECK(d->get_capability(second, TRELLIS_CAPABILITY_IMPORTER) != imp);
  CHECK(d->get_capability(first, "trellis.importer/2") == nullptr);
  d->shutdown(second);
  d->shutdown(first);
}

TEST_CASE("every exception reaches the host as a status and a message", "[sdk][trampolines]") {
  const trellis_plugin_descriptor* d = trellis_plugin_entry_v1();
  trellis_host_services host = services();
  void* state = nullptr;
  REQUIRE(d->init(&host, &state, nullptr) == TRELLIS_OK);

  SECTION("connector") {
    auto* con = static_cast<const trellis_connector_v1*>(d->get_capability(state, TRELLIS_CAPABILITY_CONNECTOR));
    trellis_search_query q{};
    q.struct_size = sizeof q;
    q.max_results = 3;
    trellis_item_sink items{sizeof(trellis_item_sink), nullptr, [](void*, const trellis_knowledge_item*) {
                              return TRELLIS_OK;
                            }};
    std::string error;
    trellis_sink error_sink{&error, &append};
    CHECK(con->search(state, &q, &items, nullptr, &error_sink) == TRELLIS_ERR_INTERNAL);
    CHECK(error == "search broke");
  }

  SECTION("importer") {
    auto* imp = static_cast<const trellis_importer_v1*>(d->get_capability(state, TRELLIS_CAPABILITY_IMPORTER));
    std::string what;
    trellis_sink what_sink{&what, &append};
    CHECK(imp->detect(state, nullptr, &what_sink) == 100);  // clamped
    CHECK(what == "all of it");
    std::string diagnostics;
    trellis_import_report report{};
    report.struct_size = sizeof report;
    report.ctx = &diagnostics;
    report.diagnostic = [](void* ctx, const trellis_diagnostic* diag) {
      static_cast<std::string*>(ctx)->append(diag->code.data, diag->code.size).append(": ").append(diag->message.data,
                                                                                                  diag->message.size);
    };
    CHECK(imp->import_package(state, nullptr, nullptr, &report, nullptr) == TRELLIS_ERR_IO);
    CHECK(diagnostics == "importer.failed: disk gone");
  }

  SECTION("exporter: the output is kept from open to close") {
    auto* exp = static_cast<const trellis_exporter_v1*>(d->get_capability(state, TRELLIS_CAPABILITY_EXPORTER));
    std::string written, error;
    trellis_sink output{&written, &append};
    trellis_sink error_sink{&error, &append};
    trellis_export_options options{};
    options.struct_size = sizeof options;
    options.output = &output;
    void* session = nullptr;
    REQUIRE(exp->open(state, &options, &session, &error_sink) == TRELLIS_OK);
    trellis_record record{sizeof(trellis_record), {"id-1", 4}, {"{}", 2}, {"", 0}};
    CHECK(exp->write_batch(session, &record, 1, nullptr, nullptr, &error_sink) == TRELLIS_OK);
    CHECK(exp->write_batch(session, &record, 0, nullptr, nullptr, &error_sink) == TRELLIS_ERR_INTERNAL);
    CHECK(error == "out of memory");
    CHECK(exp->close(session, &error_sink) == TRELLIS_OK);
    CHECK(written == "id-1|end");
  }
  d->shutdown(state);
}

TEST_CASE("init refuses a host services table older than the wrapper needs", "[sdk][trampolines]") {
  const trellis_plugin_descriptor* d = trellis_plugin_entry_v1();
  trellis_host_services host = services();
  host.struct_size = offsetof(trellis_host_services, is_shutting_down);
  void* state = nullptr;
  std::string error;
  trellis_sink error_sink{&error, &append};
  CHECK(d->init(&host, &state, &error_sink) == TRELLIS_ERR_UNSUPPORTED);
  CHECK(state == nullptr);
  CHECK_FALSE(error.empty());
}

TEST_CASE("the runtime wrapper answers through the sink and turns exceptions into statuses", "[sdk][trampolines]") {
  const trellis_plugin_descriptor* d = trellis_plugin_entry_v1();
  trellis_host_services host = services();
  void* state = nullptr;
  REQUIRE(d->init(&host, &state, nullptr) == TRELLIS_OK);
  auto* run = static_cast<const trellis_runtime_v1*>(d->get_capability(state, TRELLIS_CAPABILITY_RUNTIME));
  REQUIRE(run != nullptr);
  CHECK(run->struct_size == sizeof(trellis_runtime_v1));
  CHECK(std::string(run->format) == "everything-run");

  std::string plan, error;
  trellis_sink plan_sink{&plan, &append}, error_sink{&error, &append};
  REQUIRE(run->prepare_launch(state, trellis::to_str("{}"), &plan_sink, &error_sink) == TRELLIS_OK);
  CHECK(plan == "{\"plan_for\": {}}");

  std::string outcome;
  trellis_sink outcome_sink{&outcome, &append};
  CHECK(run->apply_commit(state, trellis::to_str(""), &outcome_sink, &error_sink) == TRELLIS_ERR_INVALID_INPUT);
  CHECK(error == "not a commit request");
  error.clear();
  CHECK(run->apply_commit(state, trellis::to_str("{}"), &outcome_sink, &error_sink) == TRELLIS_ERR_INTERNAL);
  CHECK(error == "commit broke");
  CHECK(outcome.empty());
  CHECK(run->prepare_launch(state, trellis::to_str("{}"), nullptr, &error_sink) == TRELLIS_ERR_INVALID_ARGUMENT);
  d->shutdown(state);
}
