// The knowledge domain's tables and their migrations (defined in knowledge_schema.cpp).
#pragma once

#include "store/schema.hpp"

namespace trellis::store {

SchemaDomain knowledge_schema();

}  // namespace trellis::store
