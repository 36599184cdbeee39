/* Capability "trellis.runtime/1" (ABI 1.4): runs a launchable module of the
 * plugin's format for a learner. The host owns learners, registrations,
 * attempts, the content origin, the launch page and the storage; the plugin
 * owns what the format means: which data-model elements exist, what values
 * they take, the standard's error codes and limits, the initial values of a
 * launch, and which xAPI statements a change of state is worth.
 *
 * Both calls are pure functions of their input: the whole attempt state
 * crosses in the request and the new state comes back in the answer, so a
 * plugin keeps no per-learner state, two learners' commits may run at once,
 * and a killed host loses nothing the plugin held.
 *
 * Data-model values cross "flattened": one JSON object whose keys are the
 * dotted element names the content uses ("cmi.core.lesson_status",
 * "cmi.interactions.0.id") and whose values are the strings it set, the
 * form scorm-again's `flattened` commit format and `loadFromFlattenedJSON`
 * use. docs/sdk.md describes every member of the documents below.
 *
 * prepare_launch
 *   request  "trellis.launch-request/1":
 *     {"schema": ..., "course": {"format", "edition", "identifier", "title"},
 *      "module": <the node object as the importer gave it>,
 *      "learner": {"id", "name"},
 *      "attempt": {"number": 1, "mode": "normal"|"browse"|"review",
 *                  "credit": "credit"|"no-credit",
 *                  "state": {flattened stored elements} | null},
 *      "launch_context": {"actor", "registration", "activity_id",
 *                         "module_identifier", "session_id", "timestamp"}}
 *     `state` is null for an attempt that has never committed;
 *     launch_context is present when the host issues a launch (ABI 1.4
 *     hosts from issue 16 on).
 *   answer   "trellis.launch-plan/1":
 *     {"schema": ..., "api": "scorm12"|"scorm2004" (later formats add their
 *      own), "elements": {flattened values the runtime starts with, learner
 *      id and name, entry, credit, mode, launch data and mastery score
 *      included}}
 *     or, for content that talks to the LRS itself (cmi5, xAPI):
 *     {"schema": ..., "api": "xapi-launch", "query": {...}, "documents":
 *      [...], "statements": [...], "session": {"rules": "cmi5"|"none", ...}}
 *     whose strings "{endpoint}", "{fetch}", "{auth}", "{actor}",
 *     "{registration}", "{activity_id}", "{module_identifier}",
 *     "{launch_url}" and "{timestamp}" the host fills (docs/sdk.md); such a
 *     module gets no apply_commit calls.
 *
 * apply_commit
 *   request  "trellis.commit-request/1": the launch request's members plus
 *     {"elements": {flattened, as the content sent them},
 *      "terminate": true when this is the session's last commit,
 *      "session_first": true for the first commit of a launch,
 *      "statement_context": {"actor": <xAPI Agent>, "registration": UUID,
 *                            "activity_id": IRI of the module,
 *                            "course_activity_id": IRI of the course,
 *                            "timestamp": RFC 3339 of the commit}}
 *   answer   "trellis.commit-outcome/1":
 *     {"schema": ..., "error_code": 0 | the standard's code (e.g. 405, 406,
 *      407 for SCORM 2004, 403, 405 for 1.2), "error_element": the element
 *      refused, "error_text": one sentence,
 *      "state": {flattened, the whole new state},
 *      "status": {"completion": "completed"|"incomplete"|"not attempted"|
 *                 "unknown", "success": "passed"|"failed"|"unknown",
 *                 "score_scaled": number|null, "score_raw": number|null,
 *                 "session_seconds": number, "total_seconds": number,
 *                 "suspended": bool, "location": string},
 *      "navigation": "" | "continue" | "previous" | "exit" | "exitAll" |
 *                    "abandon" | "abandonAll" | "suspendAll" |
 *                    "choice:<target identifier>",
 *      "statements": [complete xAPI statements, actor, registration,
 *                     context activities and timestamp from
 *                     statement_context, following ADL's xAPI SCORM
 *                     Profile]}
 *     A non-zero error_code means the commit is refused whole: the host
 *     stores nothing, keeps the previous state and answers the content
 *     {"result": false, "errorCode": N}; then `state`, `status` and
 *     `statements` may be absent.
 */
#ifndef TRELLIS_RUNTIME_H
#define TRELLIS_RUNTIME_H

#include "trellis/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct trellis_runtime_v1 {
  uint32_t struct_size;
  /* NUL-terminated: the module format this runtime runs, as the plugin's
   * importer writes it in the course model ("scorm12"); owned by plugin,
   * valid until shutdown returns. */
  const char* format;

  /* Builds the plan for one launch of one module.
   *   request_json  borrowed for the call.
   *   plan_json     owned by host, borrowed for the call: the answer document.
   *   error         owned by host, borrowed for the call: one line when the
   *                 call fails (TRELLIS_ERR_INVALID_INPUT for a request that
   *                 is not a launch request, TRELLIS_ERR_UNSUPPORTED for a
   *                 module this runtime cannot run).
   * [thread: any] */
  trellis_status (*prepare_launch)(void* plugin_state, trellis_str request_json,
                                   const trellis_sink* plan_json, const trellis_sink* error);

  /* Checks one commit against the data model and folds it into the state.
   * Returns TRELLIS_OK whenever an outcome was written, a refused commit
   * (error_code != 0) included; another status only when the request itself
   * is broken (not a commit request: TRELLIS_ERR_INVALID_INPUT) or the plugin
   * failed (TRELLIS_ERR_INTERNAL), with one line in `error`.
   *   request_json  borrowed for the call.
   *   outcome_json  owned by host, borrowed for the call: the answer document.
   *   error         owned by host, borrowed for the call.
   * [thread: any] */
  trellis_status (*apply_commit)(void* plugin_state, trellis_str request_json,
                                 const trellis_sink* outcome_json, const trellis_sink* error);
} trellis_runtime_v1;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TRELLIS_RUNTIME_H */
