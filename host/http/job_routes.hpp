// /api/v1/jobs: the state, progress and result of long work (imports, exports,
// syncs) submitted over HTTP, by polling or as Server-Sent Events, and its
// cancellation. A key sees the jobs it submitted; an admin key sees all.
#pragma once

#include "app/runtime.hpp"
#include "http/server/router.hpp"

namespace trellis {

void register_job_routes(http::Router& router, Runtime& runtime);

// How a route answers once it has handed its work to a job: 202 with the job
// and its Location, or, when the client asked to wait (`Prefer: wait=N`,
// RFC 7240) and the job ended in time, the job's own final answer.
void answer_with_job(Runtime& runtime, const std::string& job_id, const http::Request& req, http::Response& res);

}  // namespace trellis
