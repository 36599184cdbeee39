// The http_request service of the test hosts: real HTTP over the network (httplib),
// as the host's own service does it. No answer at all is TRELLIS_ERR_IO.
#pragma once

#include "trellis/host.h"

namespace trellis::testing {

trellis_status real_http(void* host_ctx, const trellis_http_request* request, const trellis_http_response_sink* response);

}  // namespace trellis::testing
