// The player bundle (build/web/player.js) against a stand-in host written here
// in Node that speaks the player contract's content-origin routes: the launch
// page (strict CSP, boot data in #trellis-launch), /assets/*, the SCO's files,
// POST .../commit and POST .../modules/{m}/start. It checks what the browser
// sends, commit by commit: seq after the stored one, terminate, the flattened
// elements, adl.nav.request at terminate, JSON by XHR while the page stays and
// a text/plain beacon when the learner leaves without the SCO terminating.
// Runs on the web branch alone; the e2e tests check the same against trellis.
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { axeViolations, buildPackage, check, checkEqual, env, frameWith, Host, loadPuppeteer, main, newPage, openBrowser,
         scoReport, screenshot, tabToContents, waitFor } from "./lib/harness.mjs";

const TOKEN = "tok_contract_test";
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
                ".xml": "application/xml" };

function escapeJson(value) {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

class StandIn {
  constructor(folder, api) {
    this.folder = folder;
    this.api = api;
    this.tree = [
      { identifier: "org", title: "Browser test course", module_id: "m0", launchable: false, depth: 0 },
      { identifier: "item_lesson1", title: "Lesson one", module_id: "m1", launchable: true, depth: 1, href: "lesson1.html" },
      { identifier: "item_lesson2", title: "Lesson two", module_id: "m2", launchable: true, depth: 1, href: "lesson2.html" },
    ];
    this.attempts = new Map();  // module_id -> {id, seq, elements, commits: []}
    this.commits = [];           // every commit as received
    this.nextAttempt = 1;
  }

  attemptFor(moduleId) {
    let attempt = this.attempts.get(moduleId);
    if (!attempt || attempt.closed) {
      const before = attempt;
      attempt = { id: `a${this.nextAttempt++}`, module: moduleId, seq: 0, elements: {}, closed: false };
      // A suspended attempt resumes: its data comes back with entry resume.
      if (before && before.suspended) {
        attempt.elements = { ...before.elements };
        attempt.resume = true;
      }
      this.attempts.set(moduleId, attempt);
    }
    return attempt;
  }

  boot(moduleId) {
    const item = this.tree.find((i) => i.module_id === moduleId);
    const attempt = this.attemptFor(moduleId);
    const is2004 = this.api === "scorm2004";
    const elements = { ...attempt.elements };
    elements[is2004 ? "cmi.learner_id" : "cmi.core.student_id"] = "learner-1";
    elements[is2004 ? "cmi.entry" : "cmi.core.entry"] = attempt.resume ? "resume" : "ab-initio";
    return {
      token: TOKEN, api: this.api, elements, seq: attempt.seq,
      content_url: `/play/${TOKEN}/content/${item.href}`,
      commit_url: `/play/${TOKEN}/attempts/${attempt.id}/commit`,
      tree: this.tree.map(({ href, ...rest }) => rest),
      current: item.identifier,
      start_url: `/play/${TOKEN}/modules/${moduleId}/start`,
    };
  }

  commit(attemptId, contentType, text) {
    const attempt = [...this.attempts.values()].find((a) => a.id === attemptId);
    const body = JSON.parse(text);
    this.commits.push({ attempt: attemptId, contentType, body });
    if (!attempt) return [404, { result: false, errorCode: 101 }];
    if (body.seq !== attempt.seq + 1) return [409, { result: false, errorCode: 391, errorText: "seq" }];
    attempt.seq = body.seq;
    const exitName = this.api === "scorm2004" ? "cmi.exit" : "cmi.core.exit";
    const kept = {};
    for (const [name, value] of Object.entries(body.elements)) {
      if (name.startsWith("cmi.") && typeof value === "string") kept[name] = value;
    }
    attempt.elements = kept;
    const answer = { result: true, errorCode: 0 };
    if (body.terminate) {
      attempt.closed = true;
      attempt.suspended = body.elements[exitName] === "suspend";
      const nav = body.elements["adl.nav.request"];
      if (nav === "continue" || nav === "previous" || nav === "exit") answer.navigation = nav;
    }
    return [200, answer];
  }

  handle(req, res) {
    const url = new URL(req.url, "http://x");
    const send = (status, type, data, headers = {}) => {
      res.writeHead(status, { "Content-Type": type, "X-Content-Type-Options": "nosniff", ...headers });
      res.end(data);
    };
    const prefix = `/play/${TOKEN}/`;
    if (req.method === "GET" && url.pathname === prefix) {
      const html = `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Browser test course</title>` +
        `<link rel="stylesheet" href="/assets/player.css"></head><body>` +
        `<script type="application/json" id="trellis-launch">${escapeJson(this.boot("m1"))}</script>` +
        `<script src="/assets/player.js"></script></body></html>`;
      return send(200, TYPES[".html"], html, {
        "Content-Security-Policy": "default-src 'self'; script-src 'self'; frame-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'",
        "Cache-Control": "no-store",
      });
    }
    if (req.method === "GET" && url.pathname.startsWith("/assets/")) {
      const file = path.join(env.build, "web", path.basename(url.pathname));
      if (!existsSync(file)) return send(404, "text/plain", "no such asset");
      return send(200, TYPES[path.extname(file)] || "application/octet-stream", readFileSync(file));
    }
    if (req.method === "GET" && url.pathname.startsWith(`${prefix}content/`)) {
      const name = path.basename(url.pathname);
      const file = path.join(this.folder, name);
      if (!existsSync(file)) return send(404, "text/plain", "no such file");
      return send(200, TYPES[path.extname(file)] || "application/octet-stream", readFileSync(file));
    }
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let match = url.pathname.match(/^\/play\/[^/]+\/attempts\/([^/]+)\/commit$/);
      if (req.method === "POST" && match) {
        const [status, answer] = this.commit(match[1], req.headers["content-type"] || "", text);
        return send(status, "application/json", JSON.stringify(answer));
      }
      match = url.pathname.match(/^\/play\/[^/]+\/modules\/([^/]+)\/start$/);
      if (req.method === "POST" && match) return send(200, "application/json", JSON.stringify(this.boot(match[1])));
      send(404, "application/json", '{"title":"not found"}');
    });
  }
}

main("browser player contract", async (context) => {
  const { puppeteer, require } = loadPuppeteer();
  if (!existsSync(path.join(env.build, "web", "player.js"))) {
    throw new Error(`${env.build}/web/player.js does not exist: build the web_assets target first`);
  }
  const scratch = new Host("player-contract");  // only its scratch folder: no trellis runs here
  context.hosts.push(scratch);
  await buildPackage(scratch, "scorm2004-resume");
  const standIn = new StandIn(path.join(scratch.root, "pkg-scorm2004-resume"), "scorm2004");
  const server = http.createServer((req, res) => standIn.handle(req, res));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  try {
    context.browser = await openBrowser(puppeteer);
    let page = await newPage(context.browser, context.log);
    await page.goto(`${origin}/play/${TOKEN}/`, { waitUntil: "load" });
    let frame = await frameWith(page, "lesson1.html", "lesson one");
    let report = await scoReport(frame, "ready", "lesson one");
    checkEqual(report.standard, "2004", "the SCO finds API_1484_11 through its parent");
    checkEqual(report.entry, "ab-initio", "cmi.entry from the boot data");
    checkEqual(report.learner, "learner-1", "cmi.learner_id from the boot data");
    checkEqual(await page.evaluate(() => typeof window.API), "undefined", "no SCORM 1.2 API beside a 2004 one");
    await screenshot(page, "player-contract-1-launch");

    await frame.click("#suspend");
    report = await scoReport(frame, "suspended", "lesson one");
    checkEqual(report.commit, "true", "Commit answered by the host");
    checkEqual(report.finish, "true", "Terminate answered by the host");
    const [commit, terminate] = standIn.commits;
    check(commit && terminate, `two commits arrived: ${JSON.stringify(standIn.commits)}`);
    checkEqual(commit.body.seq, 1, "the first commit's seq (boot seq 0 + 1)");
    checkEqual(commit.body.terminate, false, "Commit is not a terminate commit");
    check(commit.contentType.startsWith("application/json"), `Commit by XHR as JSON: ${commit.contentType}`);
    checkEqual(commit.body.elements["cmi.suspend_data"], "page=3;answers=b,c,a", "suspend data in the commit");
    checkEqual(commit.body.elements["cmi.location"], "page-3", "location in the commit");
    check(Object.values(commit.body.elements).every((v) => typeof v === "string"), "elements are a flat map of strings");
    checkEqual(terminate.body.seq, 2, "the terminate commit's seq");
    checkEqual(terminate.body.terminate, true, "Terminate sends terminate: true");
    checkEqual(terminate.body.elements["cmi.exit"], "suspend", "cmi.exit in the terminate commit");
    await page.close();

    // Relaunch: the stand-in resumes the suspended attempt.
    page = await newPage(context.browser, context.log);
    await page.goto(`${origin}/play/${TOKEN}/`, { waitUntil: "load" });
    frame = await frameWith(page, "lesson1.html", "lesson one, resumed");
    report = await scoReport(frame, "ready", "lesson one, resumed");
    checkEqual(report.entry, "resume", "cmi.entry resume from the boot data");
    checkEqual(report.suspend_data, "page=3;answers=b,c,a", "suspend data from the boot data");
    const before = standIn.commits.length;
    await frame.click("#complete");
    // The terminate commit carries adl.nav.request=continue; the answer's navigation opens lesson two.
    const next = await frameWith(page, "lesson2.html", "lesson two, by the host's navigation answer");
    report = await scoReport(next, "ready", "lesson two");
    const finished = standIn.commits.slice(before);
    checkEqual(finished.length, 2, "Commit and Terminate of the resumed attempt");
    checkEqual(finished[0].body.seq, 1, "the resumed attempt's commits continue after its boot seq");
    checkEqual(finished[0].body.elements["adl.nav.request"], undefined, "no navigation request outside terminate");
    checkEqual(finished[1].body.elements["adl.nav.request"], "continue", "adl.nav.request in the terminate commit");
    checkEqual(finished[1].body.elements["cmi.success_status"], "passed", "success status");
    checkEqual(finished[1].body.elements["cmi.score.scaled"], "0.87", "scaled score");
    const current = await page.$eval(".trellis-toc-button[aria-current='page']", (b) => b.dataset.identifier);
    checkEqual(current, "item_lesson2", "the table of contents follows");
    await screenshot(page, "player-contract-2-navigated");
    checkEqual(await tabToContents(page, "item_lesson1"), "item_lesson1", "Tab reaches the table of contents");
    const violations = await axeViolations(page, require);
    checkEqual(violations.length, 0, `axe-core violations on the player's page: ${violations.join("; ")}`);
    const refused = context.log.filter((line) => /Content Security Policy|Refused to/.test(line));
    checkEqual(refused.length, 0, `CSP violations: ${refused.join("; ")}`);

    // Choice by keyboard while lesson two runs: the player terminates lesson two itself (its SCO
    // does not on unload) by XHR, opens lesson one again, and keeps the focus in the contents.
    const chose = standIn.commits.length;
    await page.keyboard.press("Enter");
    const again = await frameWith(page, "lesson1.html", "lesson one, chosen from the contents");
    await scoReport(again, "ready", "lesson one, chosen");
    const closing = standIn.commits.slice(chose).find((c) => c.body.terminate);
    check(closing, "the player terminated lesson two before the choice");
    check(closing.contentType.startsWith("application/json"), `by XHR while the page stays: ${closing.contentType}`);
    checkEqual(await page.evaluate(() => document.activeElement && document.activeElement.dataset.identifier),
               "item_lesson1", "focus on the chosen item after the move");

    // The learner leaves while lesson one runs: its terminate commit goes out as a text/plain beacon.
    const left = standIn.commits.length;
    await page.goto("about:blank");
    const beacon = await waitFor("the terminate beacon of lesson one", () =>
      standIn.commits.slice(left).find((c) => c.body.terminate));
    check(beacon.contentType.startsWith("text/plain"), `the beacon is text/plain: ${beacon.contentType}`);
    checkEqual(beacon.body.seq, 1, "the beacon's seq");
    check(standIn.attempts.get("m1").closed, "the stand-in stored lesson one's terminate");
  } finally {
    server.close();
  }
});
