// The SCORM 1.2 plugin: the importer (the shared SCORM reader, answering only
// for SCORM 1.2 packages) and the runtime of the modules it imports.
#include "scorm12_runtime.hpp"
#include "scorm_importer.hpp"
#include "trellis/cpp/plugin.hpp"

namespace {

class Scorm12Plugin : public trellis::Plugin, public trellis::scorm::ScormImporter, public trellis::Runtime {
 public:
  explicit Scorm12Plugin(trellis::Host) : ScormImporter(trellis::scorm::Standard::scorm12) {}
  // The importer writes this format into every course it makes.
  const char* runtime_format() const override { return "scorm12"; }
  std::string prepare_launch(std::string_view request) const override { return trellis::scorm12::prepare_launch(request); }
  std::string apply_commit(std::string_view request) const override { return trellis::scorm12::apply_commit(request); }
};

}  // namespace

TRELLIS_PLUGIN(Scorm12Plugin, "scorm12", "1.0.0")
