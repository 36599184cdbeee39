// The SCORM 2004 (2nd, 3rd, 4th Edition) plugin: the importer (the shared
// SCORM reader, answering only for SCORM 2004 packages) and the runtime of
// the modules it imports.
#include "scorm2004_runtime.hpp"
#include "scorm_importer.hpp"
#include "trellis/cpp/plugin.hpp"

namespace {

class Scorm2004Plugin : public trellis::Plugin, public trellis::scorm::ScormImporter, public trellis::Runtime {
 public:
  explicit Scorm2004Plugin(trellis::Host) : ScormImporter(trellis::scorm::Standard::scorm2004) {}
  // The importer writes this format into every course it makes.
  const char* runtime_format() const override { return "scorm2004"; }
  std::string prepare_launch(std::string_view request) const override { return trellis::scorm2004::prepare_launch(request); }
  std::string apply_commit(std::string_view request) const override { return trellis::scorm2004::apply_commit(request); }
};

}  // namespace

TRELLIS_PLUGIN(Scorm2004Plugin, "scorm2004", "1.0.0")
