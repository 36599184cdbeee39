// The browser tests' harness: a real `trellis serve` on a fresh home (API and
// content origins on free ports, the content origin advertised under another
// host name), the CLI for imports, learners, registrations and launch URLs,
// and Debian's Chromium driven headless through puppeteer-core.
//
// A test is a Node script run by ctest (tests/browser/CMakeLists.txt):
// exit 0 passed, 1 failed, 77 skipped (ctest's SKIP_RETURN_CODE), the reason
// printed as "TRELLIS_SKIP: ...". Nothing here sleeps for a fixed time: every
// wait polls a condition under a deadline and fails naming what it waited for.

import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, createWriteStream } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const SKIP_CODE = 77;
const here = path.dirname(fileURLToPath(import.meta.url));

export const env = {
  build: process.env.TRELLIS_BUILD || path.resolve(here, "../../../build"),
  source: process.env.TRELLIS_SOURCE_DIR || path.resolve(here, "../../.."),
  shared: process.env.TRELLIS_SHARED_DIR || path.resolve(here, "../../../../shared"),
  chromium: process.env.TRELLIS_CHROMIUM || "/usr/bin/chromium",
};
env.npm = process.env.TRELLIS_WEB_NPM || path.join(env.build, "web-npm");
env.trellis = path.join(env.build, "bin", "trellis");
env.screenshots = path.join(env.build, "browser-screenshots");
env.fixtures = path.join(here, "..", "fixtures");

export class Skip extends Error {}

export function skip(reason) {
  throw new Skip(reason);
}

export function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

export function checkEqual(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`check failed: ${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

// Polls fn() (sync or async) until it returns a truthy value; throws after the deadline.
export async function waitFor(what, fn, { timeoutMs = 20000, intervalMs = 50 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

// puppeteer-core from the build's `npm ci` folder; skips when it or Chromium is absent.
export function loadPuppeteer() {
  if (!existsSync(env.chromium)) skip(`Chromium is not installed at ${env.chromium} (Debian package chromium)`);
  const modules = path.join(env.npm, "node_modules");
  if (!existsSync(path.join(modules, "puppeteer-core"))) {
    skip(`puppeteer-core is not in ${modules} (the web_assets target's npm ci has not run)`);
  }
  const require = createRequire(path.join(modules, "resolve.js"));
  return { puppeteer: require("puppeteer-core"), require };
}

export function requireTrellis() {
  if (!existsSync(env.trellis)) throw new Error(`${env.trellis} does not exist: build the trellis target first`);
  if (!existsSync(path.join(env.build, "web", "player.js"))) {
    throw new Error(`${env.build}/web/player.js does not exist: build the web_assets target first`);
  }
}

export function sharedPackage(relative) {
  const where = path.join(env.shared, "conformance", "packages", relative);
  if (!existsSync(where)) skip(`the shared conformance package ${where} is absent`);
  return where;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(file, args, options = {}) {
  return new Promise((resolve) => {
    execFile(file, args, { maxBuffer: 64 << 20, ...options }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

// Zips a fixture folder at test time (the `zip` program, as the other tests use).
export async function zipFolder(folder, out) {
  rmSync(out, { force: true });
  const result = await run("zip", ["-q", "-r", "-X", out, "."], { cwd: folder });
  if (result.code !== 0) throw new Error(`zip ${folder} failed: ${result.stderr}`);
  return out;
}

export class Host {
  constructor(name) {
    this.name = name;
    this.root = mkdtempSync(path.join(os.tmpdir(), `trellis-browser-${name}-`));
    this.home = path.join(this.root, "home");
    mkdirSync(this.home);
    this.child = null;
    this.apiPort = 0;
    this.contentPort = 0;
  }

  get apiOrigin() {
    return `http://127.0.0.1:${this.apiPort}`;
  }

  // Another host name than the API's: cookies are per host, not per port.
  get contentOrigin() {
    return `http://localhost:${this.contentPort}`;
  }

  async cli(args, { allowFail = false } = {}) {
    const result = await run(env.trellis, ["--home", this.home, ...args]);
    if (result.code !== 0 && !allowFail) {
      throw new Error(`trellis ${args.join(" ")} exited ${result.code}: ${result.stderr.trim() || result.stdout.trim()}`);
    }
    return result;
  }

  async json(args) {
    const result = await this.cli([...args, "--json"]);
    try {
      return JSON.parse(result.stdout);
    } catch (e) {
      throw new Error(`trellis ${args.join(" ")} --json printed no JSON: ${result.stdout.slice(0, 400)}`);
    }
  }

  // Skips when this build's trellis has no player yet (issue 16's host side).
  async requirePlayer() {
    // Unknown subcommands only print the root help: look for `launch` in the list.
    const help = await this.cli(["--help"], { allowFail: true });
    if (!/^\s+launch\s/m.test(help.stdout)) {
      skip("this build's trellis has no `launch` command: the player's host side (issue 16) is not in it");
    }
    const serve = await this.cli(["serve", "--help"], { allowFail: true });
    if (!serve.stdout.includes("--content-listen")) skip("this build's `trellis serve` has no --content-listen");
  }

  async importPackage(where) {
    const answer = await this.json(["import", where]);
    const course = answer.course_id || (answer.course && answer.course.id);
    check(typeof course === "string" && course, `import of ${where} names its course: ${JSON.stringify(answer)}`);
    return course;
  }

  async registration(course, learner = "learner-1") {
    const learners = await this.json(["learner", "list"]);
    const list = Array.isArray(learners) ? learners : learners.learners || [];
    if (!list.some((l) => l.id === learner)) {
      await this.json(["learner", "add", learner, "--name", "Browser Test Learner", "--email", `${learner}@example.org`]);
    }
    const reg = await this.json(["registration", "create", course, "--learner", learner]);
    check(typeof reg.id === "string" && reg.id, `registration create answers an id: ${JSON.stringify(reg)}`);
    return reg.id;
  }

  async launchUrl(registration, module) {
    const answer = await this.json(["launch", registration, ...(module ? [module] : [])]);
    check(typeof answer.url === "string", `launch answers a url: ${JSON.stringify(answer)}`);
    check(answer.url.startsWith(`${this.contentOrigin}/play/`),
          `the launch URL ${answer.url} is on the content origin ${this.contentOrigin}`);
    return answer;
  }

  async show(registration) {
    return this.json(["registration", "show", registration]);
  }

  async start() {
    if (!this.apiPort) {
      this.apiPort = await freePort();
      this.contentPort = await freePort();
      await this.cli(["settings", "set", "player.content_origin", this.contentOrigin]);
    }
    const log = createWriteStream(path.join(this.root, "serve.log"), { flags: "a" });
    this.child = spawn(env.trellis, ["--home", this.home, "serve", "--listen", `127.0.0.1:${this.apiPort}`,
                                     "--content-listen", `127.0.0.1:${this.contentPort}`],
                       { stdio: ["ignore", "pipe", "pipe"] });
    this.child.stdout.pipe(log);
    this.child.stderr.pipe(log);
    const child = this.child;
    let exited = null;
    child.on("exit", (code, signal) => {
      exited = { code, signal };
    });
    await waitFor(`trellis serve to answer /healthz on ${this.apiOrigin} and the player bundle on ${this.contentOrigin}`,
                  async () => {
                    if (exited) throw new Error(`trellis serve exited early (${JSON.stringify(exited)}): ${this.serveLog()}`);
                    const health = await fetch(`${this.apiOrigin}/healthz`);
                    if (!health.ok) return false;
                    const asset = await fetch(`http://127.0.0.1:${this.contentPort}/assets/player.js`);
                    return asset.ok;
                  });
  }

  serveLog() {
    try {
      return readFileSync(path.join(this.root, "serve.log"), "utf8").slice(-2000);
    } catch (e) {
      return "(no log)";
    }
  }

  async stop() {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15000);
    await gone;
    clearTimeout(timer);
  }

  async restart() {
    await this.stop();
    await this.start();
  }

  cleanup() {
    if (process.env.TRELLIS_KEEP_HOME) {
      console.log(`kept ${this.root}`);
      return;
    }
    rmSync(this.root, { recursive: true, force: true });
  }
}

export async function openBrowser(puppeteer) {
  return puppeteer.launch({
    executablePath: env.chromium,
    headless: true,
    // Root in CI containers: Chromium's sandbox needs user namespaces it may not have.
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
  });
}

// A page that accepts the SCOs' confirm()/alert() boxes and keeps its console for failures.
export async function newPage(browser, log) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 800 });
  page.on("dialog", (dialog) => {
    log.push(`dialog ${dialog.type()}: ${dialog.message()}`);
    dialog.accept().catch(() => {});
  });
  page.on("console", (message) => log.push(`console ${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => log.push(`page error: ${error.message}`));
  return page;
}

export async function screenshot(page, name) {
  mkdirSync(env.screenshots, { recursive: true });
  const file = path.join(env.screenshots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  console.log(`screenshot ${file}`);
  return file;
}

// The frame the player shows the SCO in (its name is trellis-content), once it
// has left about:blank and holds `urlPart`.
export async function contentFrame(page, urlPart = "/content/") {
  return waitFor(`the content frame to show a URL containing ${urlPart}`, () =>
    page.frames().find((f) => f.name() === "trellis-content" && f.url().includes(urlPart)));
}

// Finds the frame (at any depth) whose URL contains urlPart.
export async function frameWith(page, urlPart, what) {
  return waitFor(what || `a frame showing ${urlPart}`, () => page.frames().find((f) => f.url().includes(urlPart)));
}

// Runs a test: prints the reason and exits 77 on a skip, 1 on a failure.
export async function main(name, body) {
  const log = [];
  const context = { log, hosts: [], browser: null };
  let code = 0;
  try {
    await body(context);
    console.log(`${name}: passed`);
  } catch (e) {
    if (e instanceof Skip) {
      console.log(`TRELLIS_SKIP: ${e.message}`);
      code = SKIP_CODE;
    } else {
      console.error(`${name}: FAILED: ${e && e.stack ? e.stack : e}`);
      if (log.length) console.error(`browser log:\n  ${log.slice(-60).join("\n  ")}`);
      for (const host of context.hosts) console.error(`serve log (${host.name}):\n${host.serveLog()}`);
      code = 1;
    }
  } finally {
    if (context.browser) await context.browser.close().catch(() => {});
    for (const host of context.hosts) {
      await host.stop().catch(() => {});
      if (code === 0 || code === SKIP_CODE) host.cleanup();
      else console.error(`home kept for a look: ${host.root}`);
    }
  }
  process.exit(code);
}

// The usual start: a host with the player, serving, and a browser.
export async function setUp(context, name) {
  const { puppeteer, require } = loadPuppeteer();
  requireTrellis();
  const host = new Host(name);
  context.hosts.push(host);
  await host.requirePlayer();
  return { puppeteer, require, host };
}

// Copies a fixture folder (plus the shared SCO script) into the host's scratch
// folder, fills in placeholders, and zips it: the package the test imports.
export async function buildPackage(host, fixture, replacements = {}) {
  const { cpSync, readdirSync, readFileSync: read, writeFileSync } = await import("node:fs");
  const folder = path.join(host.root, `pkg-${fixture}`);
  rmSync(folder, { recursive: true, force: true });
  cpSync(path.join(env.fixtures, fixture), folder, { recursive: true });
  // lessons.json: the SCO pages to write from common/lesson.html, each with the shared sco.js.
  const lessons = path.join(folder, "lessons.json");
  if (existsSync(lessons)) {
    const template = read(path.join(env.fixtures, "common", "lesson.html"), "utf8");
    for (const lesson of JSON.parse(read(lessons, "utf8"))) {
      writeFileSync(path.join(folder, lesson.file),
                    template.split("__TITLE__").join(lesson.title).split("__CONTINUE__").join(String(!!lesson.continue)));
    }
    rmSync(lessons);
    cpSync(path.join(env.fixtures, "common", "sco.js"), path.join(folder, "sco.js"));
  }
  for (const name of readdirSync(folder)) {
    if (!/\.(js|html|xml)$/.test(name)) continue;
    let text = read(path.join(folder, name), "utf8");
    for (const [from, to] of Object.entries(replacements)) text = text.split(from).join(to);
    writeFileSync(path.join(folder, name), text);
  }
  return zipFolder(folder, path.join(host.root, `${fixture}.zip`));
}

// The JSON a fixture SCO writes into <pre id="report"> once body[data-state] is `state`.
export async function scoReport(frame, state, what) {
  await frame.waitForSelector(`body[data-state="${state}"]`, { timeout: 20000 }).catch((e) => {
    throw new Error(`${what || "the SCO"} did not reach state ${state}: ${e.message}`);
  });
  return JSON.parse(await frame.$eval("#report", (node) => node.textContent));
}

export function moduleOf(show, identifier) {
  const modules = show.modules || [];
  const found = modules.find((m) => m.identifier === identifier || m.module_id === identifier);
  check(found, `registration show lists module ${identifier}: ${JSON.stringify(modules)}`);
  return found;
}

// axe-core's violations on the page's own document (frames left out), as lines.
export async function axeViolations(page, require) {
  const source = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(source);
  const results = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { iframes: false, resultTypes: ["violations"] }));
  return results.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

// Presses Tab until the focused element's data-identifier (TOC buttons) is
// `identifier`, or any TOC button when identifier is null; the identifier, or null.
export async function tabToContents(page, identifier = null, presses = 15) {
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el && el.classList.contains("trellis-toc-button") ? el.dataset.identifier : null;
    });
    if (focused && (identifier === null || focused === identifier)) return focused;
  }
  return null;
}

// Imports a package, makes a registration, serves, opens Chromium on the launch
// URL: what most browser tests begin with.
export async function launchCourse(context, puppeteer, host, where) {
  const course = await host.importPackage(where);
  const registration = await host.registration(course);
  await host.start();
  context.browser = await openBrowser(puppeteer);
  const page = await newPage(context.browser, context.log);
  const launch = await host.launchUrl(registration);
  const answer = await page.goto(launch.url, { waitUntil: "load" });
  return { course, registration, page, launch, answer };
}

// axe-core on the page in light and then dark (the console follows the system's theme).
export async function expectNoViolations(page, require, what) {
  for (const scheme of ["light", "dark"]) {
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
    const violations = await axeViolations(page, require);
    check(violations.length === 0, `${what} (${scheme}) has accessibility violations:\n  ${violations.join("\n  ")}`);
  }
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
}
