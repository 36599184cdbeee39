// Data access for the xAPI document resources (State, Activity Profile, Agent
// Profile). A document is addressed by its kind and key; parts of the key a kind
// does not use are empty strings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::records {

enum class DocumentKind { state, activity_profile, agent_profile };

struct DocumentKey {
  DocumentKind kind = DocumentKind::state;
  std::string activity;      // activityId (state, activity profile)
  std::string agent;         // agent key (state, agent profile)
  std::string registration;  // state only; "" when none
  std::string doc_id;        // stateId / profileId
};

struct Document {
  std::string content_type;
  std::string content;
  std::string etag;     // quoted, as sent in ETag
  std::string updated;  // ISO 8601 UTC
};

// xAPI 1.0.3 asks for the SHA-1 of the content as a document's ETag: quoted, as sent.
std::string document_etag(std::string_view content);

Result<std::optional<Document>> find_document(store::Database& db, const DocumentKey& key);
// Creates or replaces.
Status put_document(store::Database& db, const DocumentKey& key, const Document& doc);
// Deletes one document (doc_id set) or, for state with doc_id empty, every state
// document of the activity/agent(/registration). Returns how many went.
Result<int> delete_documents(store::Database& db, const DocumentKey& key);
// The doc_ids under a key (doc_id ignored), updated after `since` when given.
Result<std::vector<std::string>> list_document_ids(store::Database& db, const DocumentKey& key,
                                                   const std::optional<std::string>& since);

}  // namespace trellis::records
