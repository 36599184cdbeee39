// Tables of the course catalog: a course per (format, package identifier), its
// versions, and modules whose ids stay the same across versions so data attached
// to a module survives re-imports.
#include "catalog/catalog_schema.hpp"

#include "store/schema.hpp"

namespace trellis::store {

SchemaDomain catalog_schema() {
  return SchemaDomain{
      "catalog",
      {
          {1,
           "CREATE TABLE courses ("
           " id TEXT PRIMARY KEY,"
           " format TEXT NOT NULL,"
           " identifier TEXT NOT NULL,"
           " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
           " UNIQUE (format, identifier));"
           "CREATE TABLE course_versions ("
           " course_id TEXT NOT NULL REFERENCES courses(id),"
           " version INTEGER NOT NULL,"
           " edition TEXT,"
           " title TEXT NOT NULL,"
           " package_name TEXT NOT NULL,"
           " content_sha256 TEXT NOT NULL,"
           " model TEXT NOT NULL,"
           " organizations INTEGER NOT NULL,"
           " items INTEGER NOT NULL,"
           " launchable INTEGER NOT NULL,"
           " scos INTEGER NOT NULL,"
           " resources INTEGER NOT NULL,"
           " imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
           " PRIMARY KEY (course_id, version));"
           "CREATE TABLE modules ("
           " id TEXT PRIMARY KEY,"
           " course_id TEXT NOT NULL REFERENCES courses(id),"
           " identifier TEXT NOT NULL,"
           " UNIQUE (course_id, identifier));"
           "CREATE TABLE version_modules ("
           " course_id TEXT NOT NULL,"
           " version INTEGER NOT NULL,"
           " module_id TEXT NOT NULL REFERENCES modules(id),"
           " parent_identifier TEXT NOT NULL,"
           " position INTEGER NOT NULL,"
           " kind TEXT NOT NULL,"
           " title TEXT NOT NULL,"
           " launchable INTEGER NOT NULL,"
           " sco INTEGER NOT NULL,"
           " fingerprint TEXT NOT NULL,"
           " PRIMARY KEY (course_id, version, module_id),"
           " FOREIGN KEY (course_id, version) REFERENCES course_versions(course_id, version));"
           "CREATE TABLE import_diagnostics ("
           " course_id TEXT NOT NULL,"
           " version INTEGER NOT NULL,"
           " seq INTEGER NOT NULL,"
           " severity TEXT NOT NULL,"
           " code TEXT NOT NULL,"
           " message TEXT NOT NULL,"
           " file TEXT NOT NULL,"
           " line INTEGER NOT NULL,"
           " PRIMARY KEY (course_id, version, seq),"
           " FOREIGN KEY (course_id, version) REFERENCES course_versions(course_id, version));"},
          // Streamed course models: the tree a node per row, so neither an import nor
          // a reader holds a large course as one document. course_versions.model then
          // keeps only the course-level part; versions stored before keep it whole.
          {2,
           "CREATE TABLE version_nodes ("
           " course_id TEXT NOT NULL,"
           " version INTEGER NOT NULL,"
           " position INTEGER NOT NULL,"
           " identifier TEXT NOT NULL,"
           " parent_identifier TEXT NOT NULL,"
           " body TEXT NOT NULL,"
           " PRIMARY KEY (course_id, version, position),"
           " UNIQUE (course_id, version, identifier),"
           " FOREIGN KEY (course_id, version) REFERENCES course_versions(course_id, version));"
           "CREATE TABLE version_resources ("
           " course_id TEXT NOT NULL,"
           " version INTEGER NOT NULL,"
           " seq INTEGER NOT NULL,"
           " body TEXT NOT NULL,"
           " PRIMARY KEY (course_id, version, seq),"
           " FOREIGN KEY (course_id, version) REFERENCES course_versions(course_id, version));"
           // Modules are read in tree order; without this SQLite sorts a whole
           // version's modules in memory first.
           "CREATE INDEX version_modules_in_order ON version_modules(course_id, version, position);"},
          // A format-neutral model: what only a format knew (SCORM's edition, its
          // organization and SCO counts, a module being a SCO) becomes the importer's
          // facts, kept as JSON the host shows but never reads. Stored versions keep
          // what designers saw: their old columns become those facts, word for word.
          // The host's own counts are generic; a legacy version's nodes are its
          // organizations and items, its containers its organizations and cmi5 blocks.
          {3,
           "ALTER TABLE course_versions ADD COLUMN facts TEXT NOT NULL DEFAULT '{}';"
           "ALTER TABLE course_versions ADD COLUMN nodes INTEGER NOT NULL DEFAULT 0;"
           "ALTER TABLE course_versions ADD COLUMN containers INTEGER NOT NULL DEFAULT 0;"
           "UPDATE course_versions SET"
           " facts = json_object('edition', edition, 'organizations', organizations, 'scos', scos),"
           " nodes = organizations + items,"
           " containers = organizations + (SELECT count(*) FROM version_modules vm WHERE vm.course_id ="
           "  course_versions.course_id AND vm.version = course_versions.version AND vm.kind = 'block');"
           "ALTER TABLE course_versions DROP COLUMN edition;"
           "ALTER TABLE course_versions DROP COLUMN organizations;"
           "ALTER TABLE course_versions DROP COLUMN scos;"
           "ALTER TABLE version_modules ADD COLUMN facts TEXT NOT NULL DEFAULT '{}';"
           "UPDATE version_modules SET facts = json_object('sco', json(CASE WHEN sco THEN 'true' ELSE 'false' END));"
           "ALTER TABLE version_modules DROP COLUMN sco;"},
          // The files of each version, so the player serves only what the import
          // stored (a URL never becomes a disk path). Versions imported before this
          // have files_indexed = 0: their index is built once, on first use, by
          // walking their folder (catalog/content_files.cpp).
          {4,
           "CREATE TABLE version_files ("
           " course_id TEXT NOT NULL,"
           " version INTEGER NOT NULL,"
           " path TEXT NOT NULL,"
           " size INTEGER NOT NULL,"
           " PRIMARY KEY (course_id, version, path),"
           " FOREIGN KEY (course_id, version) REFERENCES course_versions(course_id, version)) WITHOUT ROWID;"
           "ALTER TABLE course_versions ADD COLUMN files_indexed INTEGER NOT NULL DEFAULT 0;"},
      }};
}

}  // namespace trellis::store
