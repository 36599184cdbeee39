// Runs the sample course's cmi5 AU runtime (packages/cmi5-safety-basics/shared/
// cmi5-runtime.js) against a small LMS written here: fetch URL, LRS state and
// statements endpoints over real HTTP on 127.0.0.1. Checks the cmi5 launch
// sequence and the statements an AU must send. Usage: node sample_runtime_test.js <runtime.js>
"use strict";
const assert = require("assert");
const http = require("http");
const path = require("path");

const runtimePath = path.resolve(process.argv[2]);
const registration = "6e2b3c1e-9f0a-4e53-8b71-2d1f4f0c9a11";
const activityId = "https://trellis.example.org/courses/safety-basics/aus/quiz";
const actor = { objectType: "Agent", account: { homePage: "https://lms.example.org", name: "learner-1" } };
const sessionId = "b5f0e1c2-0000-4000-8000-000000000001";

function startLms() {
  const lms = { tokens: 0, statements: [], stateReads: 0, preferencesReadBefore: null };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const url = new URL(req.url, "http://127.0.0.1");
      if (req.method === "POST" && url.pathname === "/fetch") {
        lms.tokens++;
        res.writeHead(200, { "Content-Type": "application/json" });
        return res.end(JSON.stringify(lms.tokens === 1 ? { "auth-token": "dG9rZW4=" } : { "error-code": "1", "error-text": "used" }));
      }
      if (req.headers.authorization !== "Basic dG9rZW4=" || req.headers["x-experience-api-version"] !== "1.0.3") {
        res.writeHead(401);
        return res.end();
      }
      if (req.method === "GET" && url.pathname === "/lrs/activities/state") {
        assert.strictEqual(url.searchParams.get("stateId"), "LMS.LaunchData");
        assert.strictEqual(url.searchParams.get("registration"), registration);
        assert.deepStrictEqual(JSON.parse(url.searchParams.get("agent")), actor);
        lms.stateReads++;
        res.writeHead(200, { "Content-Type": "application/json" });
        return res.end(JSON.stringify({
          contextTemplate: { extensions: { "https://w3id.org/xapi/cmi5/context/extensions/sessionid": sessionId } },
          launchMode: "Normal",
          launchMethod: "OwnWindow",
          moveOn: "CompletedAndPassed",
          masteryScore: 0.75,
          launchParameters: "{\"shuffle\":false}"
        }));
      }
      if (req.method === "GET" && url.pathname === "/lrs/agents/profile") {
        assert.strictEqual(url.searchParams.get("profileId"), "cmi5LearnerPreferences");
        assert.deepStrictEqual(JSON.parse(url.searchParams.get("agent")), actor);
        // cmi5 section 11: read before the first statement.
        lms.preferencesReadBefore = lms.statements.length;
        res.writeHead(200, { "Content-Type": "application/json" });
        return res.end(JSON.stringify({ languagePreference: "en-US", audioPreference: "on" }));
      }
      if (req.method === "POST" && url.pathname === "/lrs/statements") {
        lms.statements.push(JSON.parse(body));
        res.writeHead(200, { "Content-Type": "application/json" });
        return res.end(JSON.stringify([lms.statements.at(-1).id]));
      }
      res.writeHead(404);
      res.end();
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, lms })));
}

async function main() {
  const { server, lms } = await startLms();
  const base = `http://127.0.0.1:${server.address().port}`;
  const launch = new URL(`${base}/content/au/quiz.html`);
  launch.searchParams.set("endpoint", `${base}/lrs`);
  launch.searchParams.set("fetch", `${base}/fetch`);
  launch.searchParams.set("actor", JSON.stringify(actor));
  launch.searchParams.set("registration", registration);
  launch.searchParams.set("activityId", activityId);
  globalThis.location = { href: launch.toString() };
  const { Cmi5 } = require(runtimePath);

  assert.throws(() => new Cmi5(`${base}/content/au/quiz.html`), /launch it from an LMS/);

  const au = new Cmi5(launch.toString());
  await au.start();
  assert.strictEqual(lms.tokens, 1, "the token is fetched exactly once");
  assert.strictEqual(lms.stateReads, 1, "LMS.LaunchData is read before any statement");
  assert.strictEqual(au.masteryScore(), 0.75);
  assert.strictEqual(au.launchParameters(), "{\"shuffle\":false}");
  assert.strictEqual(await au.score(0.5, 0.9), false, "the LMS masteryScore decides, not the AU's own");
  await au.complete();
  await au.terminate();
  await au.terminate();

  assert.strictEqual(lms.preferencesReadBefore, 0, "the learner preferences are read before initialized");
  const verbs = lms.statements.map((s) => s.verb.id.split("/").pop());
  assert.deepStrictEqual(verbs, ["initialized", "failed", "completed", "terminated"]);
  for (const s of lms.statements) {
    assert.strictEqual(s.context.registration, registration);
    assert.strictEqual(s.object.id, activityId);
    assert.deepStrictEqual(s.actor, actor);
    assert.strictEqual(s.context.extensions["https://w3id.org/xapi/cmi5/context/extensions/sessionid"], sessionId);
    const categories = s.context.contextActivities.category.map((c) => c.id);
    assert.ok(categories.includes("https://w3id.org/xapi/cmi5/context/categories/cmi5"));
    const moveOn = categories.includes("https://w3id.org/xapi/cmi5/context/categories/moveon");
    assert.strictEqual(moveOn, ["failed", "completed"].includes(s.verb.id.split("/").pop()));
    assert.match(s.id, /^[0-9a-f-]{36}$/);
  }
  const failed = lms.statements[1];
  assert.strictEqual(failed.result.success, false);
  assert.strictEqual(failed.result.score.scaled, 0.5);
  assert.strictEqual(failed.context.extensions["https://w3id.org/xapi/cmi5/context/extensions/masteryscore"], 0.75);
  assert.match(lms.statements[3].result.duration, /^PT\d+\.\d\dS$/);

  // A second launch of the same session: the LMS refuses the used token and the
  // page says so instead of enabling the AU.
  const status = { textContent: "", className: "status" };
  const button = { disabled: true };
  assert.ok(Cmi5.launchPage(status, button, () => "connected"));
  for (let i = 0; i < 50 && !status.className.includes("error"); i++) await new Promise((r) => setTimeout(r, 20));
  assert.match(status.textContent, /refused the token/);
  assert.strictEqual(button.disabled, true);
  server.close();
  console.log(`cmi5 sample runtime: ${lms.statements.length} statements as cmi5 requires`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
