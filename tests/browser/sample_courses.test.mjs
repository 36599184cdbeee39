// The project's own sample courses (packages/) in Chromium: the first lesson
// starts, the learner marks it read through the SCO's own button and moves on
// (SCORM 1.2: the player's Continue; SCORM 2004: the SCO's Continue, which asks
// adl.nav.request=continue and terminates, the host's answer moving the
// player), and the first lesson's completion reaches `trellis registration show`.
// Usage: node sample_courses.test.mjs scorm12|scorm2004
import path from "node:path";
import { checkEqual, env, frameWith, launchCourse, main, moduleOf, screenshot, setUp, waitFor } from "./lib/harness.mjs";

const samples = {
  scorm12: { folder: "scorm12-workplace-safety", first: "item_hazards", firstPage: "modules/hazards.html",
             button: "I have read this module", second: "modules/ppe.html" },
  scorm2004: { folder: "scorm2004-fire-and-emergency", first: "lesson_prevention", firstPage: "lessons/prevention.html",
               button: "Continue", second: "lessons/evacuation.html" },
};
const edition = process.argv[2];
const sample = samples[edition];
if (!sample) {
  console.error("usage: node sample_courses.test.mjs scorm12|scorm2004");
  process.exit(2);
}

async function clickButton(frame, label) {
  const buttons = await frame.$$("button");
  for (const button of buttons) {
    if ((await button.evaluate((b) => b.textContent.trim())) === label) return button.click();
  }
  throw new Error(`no button "${label}" in ${frame.url()}`);
}

main(`browser sample course ${edition}`, async (context) => {
  const { puppeteer, host } = await setUp(context, `sample-${edition}`);
  const { registration, page } = await launchCourse(context, puppeteer, host, path.join(env.source, "packages", sample.folder));
  const first = await frameWith(page, sample.firstPage, "the sample course's first lesson");
  await waitFor("the first lesson to initialize the API", () => page.evaluate(() => {
    const api = window.API_1484_11 || window.API;
    return !!api && api.isInitialized();
  }));
  await screenshot(page, `sample-${edition}-1-first-lesson`);
  await clickButton(first, sample.button);
  if (edition === "scorm12") {
    await waitFor("the Continue button", () => page.$eval("#trellis-continue", (b) => !b.disabled));
    await page.click("#trellis-continue");
  }
  await frameWith(page, sample.second, "the sample course's second lesson");
  await waitFor("the second lesson to initialize the API", () => page.evaluate(() => {
    const api = window.API_1484_11 || window.API;
    return !!api && api.isInitialized();
  }));
  await screenshot(page, `sample-${edition}-2-second-lesson`);
  const show = await host.show(registration);
  checkEqual(moduleOf(show, sample.first).completion, "completed", "the first lesson's completion");
  checkEqual(show.completed, false, "the course is not completed after one lesson");
});
