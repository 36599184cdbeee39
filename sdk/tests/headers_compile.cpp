// Compiled as C++17 and C++20: the C headers and the header-only C++ wrapper.
#include "trellis/trellis.h"
#include "trellis/cpp/plugin.hpp"

int trellis_sdk_cxx_probe();
int trellis_sdk_cxx_probe() {
  trellis::StringSink sink;
  trellis::write_to(sink.get(), "ok");
  return static_cast<int>(sink.str().size());
}
