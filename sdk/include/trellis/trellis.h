/* Everything a Trellis plugin needs, in one include. */
#ifndef TRELLIS_TRELLIS_H
#define TRELLIS_TRELLIS_H

#include "trellis/abi.h"
#include "trellis/host.h"
#include "trellis/plugin.h"
#include "trellis/importer.h"
#include "trellis/connector.h"
#include "trellis/exporter.h"
#include "trellis/runtime.h"

#endif /* TRELLIS_TRELLIS_H */
