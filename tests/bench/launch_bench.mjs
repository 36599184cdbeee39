// Launch (issue 16): from opening the launch URL to the SCO's first API call
// (its LMSInitialize answered and reported, body[data-state] leaving
// "loading"), in Debian's headless Chromium, against the floor of the same
// SCO page opened as a plain file of the same content origin with an API
// stub already in its window. Both are timed the same way (navigation start
// to the SCO's state change, seen by a mutation observer), alternately, 15
// times after 3 unmeasured rounds. Target: within 1.3x of the floor.
// Prints a BENCH line; exits 1 when over target or unable to measure.
import { buildPackage, Host, loadPuppeteer, newPage, openBrowser, requireTrellis } from "../browser/lib/harness.mjs";

const runs = 15;
const warmup = 3;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// What the SCO needs of an API to initialize and report: answers only.
function installStub() {
  const ok = () => "true";
  window.API = {
    LMSInitialize: ok, LMSFinish: ok, LMSCommit: ok, LMSSetValue: ok,
    LMSGetValue: () => "", LMSGetLastError: () => "0", LMSGetErrorString: () => "", LMSGetDiagnostic: () => "",
  };
}

async function timeToFirstCall(page, url, frameMatch) {
  const start = Date.now();
  await page.goto(url, { waitUntil: "domcontentloaded" });
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes(frameMatch));
    if (frame) {
      try {
        await frame.waitForFunction(() => document.body && document.body.dataset.state &&
                                          document.body.dataset.state !== "loading", { polling: "mutation", timeout: 20000 });
        return Date.now() - start;
      } catch (e) {
        if (!String(e).includes("detached")) throw e;
      }
    }
    await new Promise((r) => setTimeout(r, 2));
    if (Date.now() - start > 20000) throw new Error(`no frame showing ${frameMatch} after 20 s`);
  }
}

let code = 0;
const host = new Host("launch-bench");
let browser = null;
try {
  const { puppeteer } = loadPuppeteer();
  requireTrellis();
  await host.requirePlayer();
  const zip = await buildPackage(host, "scorm12-resume");
  const course = await host.importPackage(zip);
  const registration = await host.registration(course);
  await host.start();
  browser = await openBrowser(puppeteer);
  const launch = await host.launchUrl(registration);
  const sco = `${launch.url}content/lesson1.html`;
  const subjectPage = await newPage(browser, []);
  const floorPage = await newPage(browser, []);
  await floorPage.evaluateOnNewDocument(installStub);
  const subject = [];
  const floor = [];
  for (let i = 0; i < warmup + runs; ++i) {
    const s = await timeToFirstCall(subjectPage, launch.url, "lesson1.html");
    const f = await timeToFirstCall(floorPage, sco, "lesson1.html");
    if (i >= warmup) {
      subject.push(s);
      floor.push(f);
    }
  }
  const ratio = median(subject) / median(floor);
  const within = ratio <= 1.3;
  console.log(`BENCH player.launch: subject ${median(subject).toFixed(1)} ms (min ${Math.min(...subject)}), ` +
              `floor ${median(floor).toFixed(1)} ms (min ${Math.min(...floor)}), ratio ${ratio.toFixed(3)} ` +
              `(target <= 1.30) ${within ? "within target" : "OVER TARGET"}`);
  if (!within) code = 1;
} catch (e) {
  console.log(`BENCH player.launch: FAILED: ${e && e.message ? e.message : e}`);
  code = 1;
} finally {
  if (browser) await browser.close().catch(() => {});
  await host.stop().catch(() => {});
  host.cleanup();
}
process.exit(code);
