// The document resources: State, Activity Profile and Agent Profile. Writes are
// guarded by ETag preconditions (If-Match / If-None-Match); POST merges JSON
// objects into the stored one.
#pragma once

#include "http/lrs/xapi_request.hpp"
#include "records/document_store.hpp"

namespace trellis::lrs {

void document_resource(records::DocumentKind kind, LrsContext& ctx, const XapiRequest& req, http::Response& res);

}  // namespace trellis::lrs
