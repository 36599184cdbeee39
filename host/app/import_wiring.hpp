// The catalog's import hooks as the composition root wires them: the knowledge
// index follows every stored version inside its transaction; suggestions and
// automatic attachment (which ask connectors, so may be slow) follow the commit.
#pragma once

#include "app/runtime.hpp"
#include "catalog/import_hooks.hpp"

namespace trellis {

enum class ImportFollowUp {
  in_report,      // the caller waits: suggestions and auto_attached go into the report (CLI)
  in_background,  // queued on the Runtime's background queue; the report says so (server)
};

// `progress` (in_report only, where the caller waits for it) hears "asking the
// connectors for suggestions" once the import has committed.
catalog::ImportHooks import_hooks(Runtime& runtime, ImportFollowUp follow_up, ProgressFn progress = {});

}  // namespace trellis
