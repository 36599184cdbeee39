// The records domain's tables and their migrations (defined in records_schema.cpp).
#pragma once

#include "store/schema.hpp"

namespace trellis::store {

SchemaDomain records_schema();

}  // namespace trellis::store
