// The list of every data domain's migrations. A domain adds itself here with one
// line; its migrations live beside its data-access layer.
#include "store/schema.hpp"

namespace trellis::store {

SchemaDomain host_schema();
SchemaDomain plugins_schema();
SchemaDomain catalog_schema();
SchemaDomain records_schema();
SchemaDomain outbox_schema();
SchemaDomain knowledge_schema();
SchemaDomain community_schema();

const std::vector<SchemaDomain>& known_schema_domains() {
  static const std::vector<SchemaDomain> domains = [] {
    std::vector<SchemaDomain> d;
    d.push_back(host_schema());
    d.push_back(plugins_schema());
    d.push_back(catalog_schema());
    d.push_back(records_schema());
    d.push_back(outbox_schema());
    d.push_back(knowledge_schema());
    d.push_back(community_schema());
    return d;
  }();
  return domains;
}

}  // namespace trellis::store
