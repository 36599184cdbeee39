/* Compiled as strict C11: proves the public headers are plain C. */
#include "trellis/trellis.h"

int trellis_sdk_c11_probe(void);
int trellis_sdk_c11_probe(void) {
  trellis_str s = {"x", 1};
  trellis_diagnostic d;
  d.struct_size = sizeof d;
  d.code = s;
  return (int)(d.code.size + TRELLIS_ABI_MAJOR);
}
