// The list of every data domain's migrations, in the order they apply. The
// composition root keeps it because only it may know every domain; a domain adds
// itself here with one line, and its migrations live beside its data-access layer.
#include "app/schema_registry.hpp"

#include "accounts/accounts_schema.hpp"
#include "catalog/catalog_schema.hpp"
#include "community/community_schema.hpp"
#include "knowledge/knowledge_schema.hpp"
#include "player/player_schema.hpp"
#include "plugins/plugin_schema.hpp"
#include "records/outbox_schema.hpp"
#include "records/records_schema.hpp"

namespace trellis {

const std::vector<store::SchemaDomain>& home_schema_domains() {
  static const std::vector<store::SchemaDomain> domains = [] {
    std::vector<store::SchemaDomain> d;
    d.push_back(store::host_schema());
    d.push_back(store::plugins_schema());
    d.push_back(store::catalog_schema());
    d.push_back(store::records_schema());
    d.push_back(store::outbox_schema());
    d.push_back(store::knowledge_schema());
    d.push_back(store::community_schema());
    d.push_back(store::player_schema());
    d.push_back(store::accounts_schema());
    return d;
  }();
  return domains;
}

}  // namespace trellis
