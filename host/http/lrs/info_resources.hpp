// The read-only resources: About (versions), Agents (the Person object) and
// Activities (the merged Activity definition).
#pragma once

#include "http/lrs/xapi_request.hpp"

namespace trellis::lrs {

void about_resource(LrsContext& ctx, const XapiRequest& req, http::Response& res);
void agents_resource(LrsContext& ctx, const XapiRequest& req, http::Response& res);
void activities_resource(LrsContext& ctx, const XapiRequest& req, http::Response& res);

}  // namespace trellis::lrs
