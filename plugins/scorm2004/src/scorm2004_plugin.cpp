// The SCORM 2004 (2nd, 3rd, 4th Edition) importer plugin: the shared SCORM reader, answering only for
// SCORM 2004 (2nd, 3rd, 4th Edition) packages (detect returns 0 for the other SCORM's).
#include "scorm_importer.hpp"
#include "trellis/cpp/plugin.hpp"

namespace {

class Scorm2004Importer : public trellis::Plugin, public trellis::scorm::ScormImporter {
 public:
  explicit Scorm2004Importer(trellis::Host) : ScormImporter(trellis::scorm::Standard::scorm2004) {}
};

}  // namespace

TRELLIS_PLUGIN(Scorm2004Importer, "scorm2004", "1.0.0")
