// The player domain's tables and their migrations (defined in player_schema.cpp).
#pragma once

#include "store/schema.hpp"

namespace trellis::store {

SchemaDomain player_schema();

}  // namespace trellis::store
