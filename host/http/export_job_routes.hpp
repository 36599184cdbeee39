// Exports as jobs, for pages and scripts that should not hold a request open
// while a large export is written:
//
//   POST /api/v1/records/exports   the parameters of GET /api/v1/records/export
//                                  (format, since, until, verb, agent, course) in
//                                  the query or as a JSON object; 202 with a job
//                                  on the work lane (kind "export")
//   GET  /api/v1/records/exports/{job_id}   the finished file (Range, ETag)
//
// The job writes home/exports/<job_id>.<format>.partial and renames it to
// home/exports/<job_id>.<format> when done; a failed or cancelled job leaves no
// file. Both routes take the export gate (scope "all"), and a file is served
// only to the key that asked for it. Files are kept 24 hours: older ones go
// when the server starts (with any .partial a killed run left) and whenever an
// export is submitted. A file also stops being served once its job is
// forgotten (a restart, or 500 later jobs): the job knows whose it is.
#pragma once

#include "app/runtime.hpp"
#include "http/server/router.hpp"

namespace trellis {

void register_export_job_routes(http::Router& router, Runtime& runtime);

}  // namespace trellis
