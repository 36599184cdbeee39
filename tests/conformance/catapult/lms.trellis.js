// Trellis adapter for ADL's cmi5 CATAPULT LMS Test Suite (lts/).
// run.sh copies it into the suite as lib/lms.custom.js, so it may only
// require what the suite installs (@hapi/wreck) and lib/errors.js.
//
// The server comes from the environment run.sh sets:
//   TRELLIS_API_ORIGIN   e.g. http://127.0.0.1:PORT (API, LRS and fetch URLs)
//   TRELLIS_KEY / TRELLIS_SECRET   a key with the admin and all scopes
"use strict";

const Wreck = require("@hapi/wreck"),
    {InvalidPackageError} = require("./errors");

const origin = () => (process.env.TRELLIS_API_ORIGIN || "").replace(/\/+$/, "");
const auth = () => "Basic " + Buffer.from(
    `${process.env.TRELLIS_KEY}:${process.env.TRELLIS_SECRET}`).toString("base64");

// Courses imported since the last cleanup: the suite re-imports the same
// package in later cases and expects a fresh course each time.
let imported = [];
// The host makes the registration UUID itself, so remember which of our
// registrations each UUID names (for a second session and for waiving).
const registrations = new Map();   // xapi_registration -> {id, courseId}
const sessions = new Map();        // session id -> {registration, module}
const auCache = new Map();         // course id -> [AU identifier, ...]

// One call to the host; answers {status, headers, body} whatever the status,
// with a JSON body parsed when it is JSON.
async function call(method, path, {body, type = "application/json", headers = {}} = {}) {
    const payload = body === undefined || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const res = await Wreck.request(method, origin() + path, {
        payload,
        headers: Object.assign(
            {Authorization: auth()},
            payload === undefined ? {} : {"Content-Type": type},
            headers)
    });
    const raw = await Wreck.read(res);
    let parsed = raw.toString("utf8");
    if (/json/.test(res.headers["content-type"] || "")) {
        try { parsed = JSON.parse(parsed); } catch (e) { /* keep the text */ }
    }
    return {status: res.statusCode, headers: res.headers, body: parsed};
}

// The host's complaint in one line, for error messages.
function why(res) {
    const b = res.body;
    return `${res.status} ${typeof b === "object" ? (b.detail || b.title || JSON.stringify(b)) : b}`;
}

function readAll(stream) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        stream.on("data", (c) => chunks.push(c));
        stream.on("end", () => resolve(Buffer.concat(chunks)));
        stream.on("error", reject);
    });
}

// An import is a job; Prefer: wait normally gives its own answer, but a slow
// machine can still get the 202, so poll the job until it ends.
async function importAnswer(res) {
    for (let i = 0; res.status === 202 && i < 600; ++i) {
        await new Promise((r) => setTimeout(r, 100));
        const job = await call("GET", res.headers.location);
        const state = job.body && job.body.state;
        if (state === "queued" || state === "running") continue;
        if (state === "succeeded") {
            return {status: 201, body: {course_id: (job.body.location || "").split("/").pop()}};
        }
        return {status: 422, body: {detail: job.body.error || `job ${state}`}};
    }
    return res;
}

// AUs of a course in course-structure order, which is the index CATAPULT uses.
async function auIdentifiers(courseId) {
    if (!auCache.has(courseId)) {
        const res = await call("GET", `/api/v1/courses/${encodeURIComponent(courseId)}`);
        if (res.status !== 200) throw new Error(`course ${courseId}: ${why(res)}`);
        auCache.set(courseId, res.body.modules.filter((m) => m.kind === "au").map((m) => m.identifier));
    }
    return auCache.get(courseId);
}

async function auAt(courseId, auIndex) {
    const aus = await auIdentifiers(courseId);
    if (auIndex < 0 || auIndex >= aus.length) {
        throw new Error(`course ${courseId} has ${aus.length} AUs, no index ${auIndex}`);
    }
    return aus[auIndex];
}

// CATAPULT names its learner by an account; Trellis picks the launch actor
// itself (urn:trellis:learner), so the account name becomes the learner id.
async function learnerFor(actor) {
    const id = (actor && actor.account && actor.account.name) || (actor && actor.mbox) || "catapult";
    const res = await call("POST", "/api/v1/learners", {body: {id, name: id}});
    if (res.status !== 201 && res.status !== 200 && res.status !== 409) {
        throw new Error(`learner ${id}: ${why(res)}`);
    }
    if (process.env.TRELLIS_CATAPULT_SEED_PREFS) await seedPreferences(id);
    return id;
}

// Diagnostic only (TRELLIS_CATAPULT_SEED_PREFS=1, never for the official
// count): the host writes an empty cmi5LearnerPreferences document, which
// fails 11.0.0.0-5 and stops 001-essentials before its 17 checks of the
// launch statements. Writing a complete one first (the host keeps an existing
// document) shows what those checks say. Assumes the host's actor shape.
async function seedPreferences(learner) {
    const agent = JSON.stringify({objectType: "Agent", account: {homePage: "urn:trellis:learner", name: learner}});
    const res = await call("PUT",
        `/xapi/agents/profile?profileId=cmi5LearnerPreferences&agent=${encodeURIComponent(agent)}`, {
            body: {languagePreference: "en-US", audioPreference: "off"},
            headers: {"X-Experience-API-Version": "1.0.3", "If-None-Match": "*"}
        });
    if (res.status !== 204 && res.status !== 412) throw new Error(`seed preferences: ${why(res)}`);
}

async function registrationFor(courseId, learner, wanted) {
    if (wanted) {
        const known = registrations.get(wanted);
        if (known && known.courseId === courseId) return known.id;
        // Host gap: a registration UUID chosen by the caller cannot be passed in.
        throw new Error(`Trellis makes registration UUIDs itself; cannot launch under ${wanted}`);
    }
    const res = await call("POST", "/api/v1/registrations", {body: {course_id: courseId, learner}});
    if (res.status !== 201 && res.status !== 200) throw new Error(`registration: ${why(res)}`);
    registrations.set(res.body.xapi_registration, {id: res.body.id, courseId});
    return res.body.id;
}

async function launch(registration, module, mode) {
    const res = await call("POST", `/api/v1/registrations/${registration}/launch`, {body: {module, mode}});
    if (res.status !== 201 && res.status !== 200) throw new Error(`launch ${module}: ${why(res)}`);
    // The answer does not echo the mode today (the AU reads it from
    // LMS.LaunchData); complain only if it names a different one.
    if (res.body.mode !== undefined && res.body.mode !== mode) {
        console.warn(`trellis: launch asked for mode ${mode}, answer says ${res.body.mode}`);
    }
    sessions.set(res.body.session, {registration, module, mode});
    return res.body;
}

module.exports = {
    setup: async () => {
        if (!origin() || !process.env.TRELLIS_KEY) {
            throw new Error("TRELLIS_API_ORIGIN, TRELLIS_KEY and TRELLIS_SECRET must be set");
        }
        const res = await call("GET", "/healthz");
        if (res.status !== 200) throw new Error(`Trellis not healthy: ${why(res)}`);
    },

    teardown: async () => {},

    getLrsEndpoint: () => `${origin()}/xapi`,
    getLrsAuthHeader: () => auth(),

    importCourse: async (stream, contentType, filename) => {
        const body = await readAll(stream);
        const res = await importAnswer(await call("POST", "/api/v1/packages", {
            body, type: contentType, headers: {"Prefer": "wait=120"}
        }));
        if (res.status === 201 || res.status === 200) {
            imported.push(res.body.course_id);
            return res.body.course_id;
        }
        // A refused package is a client error with problem+json (422 mostly,
        // 400/415 for a body the host cannot read as a package at all).
        if (res.status >= 400 && res.status < 500 && res.status !== 401 && res.status !== 403 &&
            res.status !== 409 && res.status !== 429) {
            throw new InvalidPackageError(`${filename}: ${why(res)}`);
        }
        throw new Error(`import of ${filename}: ${why(res)}`);
    },

    getLaunchUrl: async (courseId, auIndex, actor, {registration, launchMode} = {}) => {
        const module = await auAt(courseId, auIndex);
        const learner = await learnerFor(actor);
        const reg = await registrationFor(courseId, learner, registration);
        return (await launch(reg, module, launchMode || "Normal")).url;
    },

    cleanup: async () => {
        const courses = imported;
        imported = [];
        for (const id of courses) {
            const res = await call("DELETE", `/api/v1/courses/${encodeURIComponent(id)}`);
            if (res.status !== 200 && res.status !== 204 && res.status !== 404) {
                throw new Error(`delete course ${id}: ${why(res)}`);
            }
            auCache.delete(id);
        }
    },

    hasWaive: () => true,
    waiveAU: async (registration, auIndex, reason) => {
        const known = registrations.get(registration);
        if (!known) throw new Error(`no Trellis registration for ${registration}`);
        const module = await auAt(known.courseId, auIndex);
        const res = await call("POST", `/api/v1/registrations/${known.id}/waive`, {body: {module, reason}});
        if (res.status < 200 || res.status >= 300) throw new Error(`waive ${module}: ${why(res)}`);
    },

    // Trellis has no "abandon this session" call; launching the AU again over
    // its open session makes the host record abandoned and retire the
    // session's credential, which is what the suite checks. The new launch is
    // never opened.
    hasAbandon: () => true,
    abandonSession: async (sessionId) => {
        const s = sessions.get(sessionId);
        if (!s) throw new Error(`no launch of session ${sessionId} seen by this adapter`);
        await launch(s.registration, s.module, "Normal");
    }
};
