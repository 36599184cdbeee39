#pragma once

#include "http/lrs/xapi_request.hpp"

namespace trellis::lrs {

void statements_resource(LrsContext& ctx, const XapiRequest& req, http::Response& res);

}  // namespace trellis::lrs
