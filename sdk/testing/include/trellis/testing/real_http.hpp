// Optional part (target Trellis::testing_http, needs cpp-httplib): an
// http_request service making real requests over the network, as the host's
// own does, so a plugin under test can talk to a server on 127.0.0.1.
// No answer at all is TRELLIS_ERR_IO; the whole body is handed over at once.
#pragma once

#include "trellis/host.h"

namespace trellis::testing {

trellis_status real_http(void* host_ctx, const trellis_http_request* request, const trellis_http_response_sink* response);

}  // namespace trellis::testing
