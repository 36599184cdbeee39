// Every data domain's schema, as the home database carries them.
#pragma once

#include <vector>

#include "store/schema.hpp"

namespace trellis {

const std::vector<store::SchemaDomain>& home_schema_domains();

}  // namespace trellis
