// The accounts domain's tables and their migrations (accounts_schema.cpp).
#pragma once

#include "store/schema.hpp"

namespace trellis::store {

SchemaDomain accounts_schema();

}  // namespace trellis::store
