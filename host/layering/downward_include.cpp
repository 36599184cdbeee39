// Compiled as a file of the catalog domain would be, including only what lies
// below it (a domain before it, a value layer, store and core). It must compile:
// it shows the upward probe fails for the include alone, not for its set-up.
#include "catalog/catalog_store.hpp"
#include "core/result.hpp"
#include "package/package.hpp"
#include "plugins/manager.hpp"
#include "store/database.hpp"

int layering_probe_downward() { return 0; }
