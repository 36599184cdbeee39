// The outbox domain's tables and their migrations (defined in outbox_schema.cpp).
#pragma once

#include "store/schema.hpp"

namespace trellis::store {

SchemaDomain outbox_schema();

}  // namespace trellis::store
