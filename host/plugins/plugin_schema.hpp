// The plugins domain's tables and their migrations (defined in plugin_schema.cpp).
#pragma once

#include "store/schema.hpp"

namespace trellis::store {

SchemaDomain plugins_schema();

}  // namespace trellis::store
