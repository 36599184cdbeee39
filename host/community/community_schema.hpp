// The community domain's tables and their migrations (defined in community_schema.cpp).
#pragma once

#include "store/schema.hpp"

namespace trellis::store {

SchemaDomain community_schema();

}  // namespace trellis::store
