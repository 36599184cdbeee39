#include "records/document_store.hpp"

#include <openssl/sha.h>

#include "core/hex.hpp"

namespace trellis::records {

std::string document_etag(std::string_view content) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(content.data()), content.size(), digest);
  return "\"" + hex_encode(digest, sizeof digest) + "\"";
}
namespace {

const char* kind_name(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::state:
      return "state";
    case DocumentKind::activity_profile:
      return "activity_profile";
    case DocumentKind::agent_profile:
      return "agent_profile";
  }
  return "state";
}

void bind_scope(store::Statement& st, const DocumentKey& key) {
  st.bind(1, kind_name(key.kind)).bind(2, key.activity).bind(3, key.agent).bind(4, key.registration);
}

}  // namespace

Result<std::optional<Document>> find_document(store::Database& db, const DocumentKey& key) {
  auto st = db.prepare(
      "SELECT content_type, content, etag, updated FROM documents "
      "WHERE kind = ?1 AND activity = ?2 AND agent = ?3 AND registration = ?4 AND doc_id = ?5");
  if (!st) return st.error();
  bind_scope(*st, key);
  st->bind(5, key.doc_id);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return std::optional<Document>();
  return std::optional<Document>(Document{st->text(0), st->blob(1), st->text(2), st->text(3)});
}

Status put_document(store::Database& db, const DocumentKey& key, const Document& doc) {
  auto st = db.prepare(
      "INSERT INTO documents(kind, activity, agent, registration, doc_id, content_type, content, etag, updated) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
      "ON CONFLICT(kind, activity, agent, registration, doc_id) DO UPDATE SET content_type = excluded.content_type, "
      "content = excluded.content, etag = excluded.etag, updated = excluded.updated");
  if (!st) return st.error();
  bind_scope(*st, key);
  st->bind(5, key.doc_id).bind(6, doc.content_type).bind_blob(7, doc.content).bind(8, doc.etag).bind(9, doc.updated);
  return st->run();
}

Result<int> delete_documents(store::Database& db, const DocumentKey& key) {
  std::string sql = "DELETE FROM documents WHERE kind = ?1 AND activity = ?2 AND agent = ?3 AND registration = ?4";
  if (!key.doc_id.empty()) sql += " AND doc_id = ?5";
  auto st = db.prepare(sql);
  if (!st) return st.error();
  bind_scope(*st, key);
  if (!key.doc_id.empty()) st->bind(5, key.doc_id);
  TRELLIS_TRY(st->run());
  return db.changes();
}

Result<std::vector<std::string>> list_document_ids(store::Database& db, const DocumentKey& key,
                                                   const std::optional<std::string>& since) {
  std::string sql =
      "SELECT doc_id FROM documents WHERE kind = ?1 AND activity = ?2 AND agent = ?3 AND registration = ?4";
  if (since) sql += " AND updated > ?5";
  sql += " ORDER BY doc_id";
  auto st = db.prepare(sql);
  if (!st) return st.error();
  bind_scope(*st, key);
  if (since) st->bind(5, *since);
  std::vector<std::string> ids;
  while (true) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) return ids;
    ids.push_back(st->text(0));
  }
}

}  // namespace trellis::records
