// The SCORM 1.2 importer plugin: the shared SCORM reader, answering only for
// SCORM 1.2 packages (detect returns 0 for the other SCORM's).
#include "scorm_importer.hpp"
#include "trellis/cpp/plugin.hpp"

namespace {

class Scorm12Importer : public trellis::Plugin, public trellis::scorm::ScormImporter {
 public:
  explicit Scorm12Importer(trellis::Host) : ScormImporter(trellis::scorm::Standard::scorm12) {}
};

}  // namespace

TRELLIS_PLUGIN(Scorm12Importer, "scorm12", "1.0.0")
