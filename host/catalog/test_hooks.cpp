#include "catalog/test_hooks.hpp"

#include <signal.h>

#include <cstdlib>
#include <cstring>

namespace trellis::catalog {

void test_hook(const char* step) {
  const char* at = std::getenv("TRELLIS_TEST_IMPORT_KILL_AT");
  if (at != nullptr && std::strcmp(at, step) == 0) ::raise(SIGKILL);
}

}  // namespace trellis::catalog
