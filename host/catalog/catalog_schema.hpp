// The catalog domain's tables and their migrations (defined in catalog_schema.cpp).
#pragma once

#include "store/schema.hpp"

namespace trellis::store {

SchemaDomain catalog_schema();

}  // namespace trellis::store
