// Compiled as a file of the catalog domain would be. It includes a header of the
// HTTP adapter, two floors up, so it must fail to compile: the layering test
// expects exactly that failure ("No such file"), and nothing else.
#include "http/problem.hpp"

int layering_probe_upward() { return 0; }
