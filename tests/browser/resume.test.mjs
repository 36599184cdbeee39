// A fixture course (SCORM 1.2 or 2004, two SCOs) in Chromium: the SCO starts
// ab-initio, suspends with location and suspend data, the host restarts, the
// relaunch resumes (cmi.entry resume and the data back), the SCO completes with
// a score, and the player goes on to the second SCO (2004: the SCO's
// adl.nav.request=continue answered by the host; 1.2: the Continue button).
// Usage: node resume.test.mjs scorm12|scorm2004
import { buildPackage, check, checkEqual, frameWith, launchCourse, main, moduleOf, newPage,
         scoReport, screenshot, setUp, waitFor } from "./lib/harness.mjs";

const edition = process.argv[2];
if (edition !== "scorm12" && edition !== "scorm2004") {
  console.error("usage: node resume.test.mjs scorm12|scorm2004");
  process.exit(2);
}
const is2004 = edition === "scorm2004";

main(`browser resume ${edition}`, async (context) => {
  const { puppeteer, host } = await setUp(context, `resume-${edition}`);
  const zip = await buildPackage(host, `${edition}-resume`);
  // First launch: a fresh attempt.
  const started = await launchCourse(context, puppeteer, host, zip);
  const { registration } = started;
  let { page } = started;
  let frame = await frameWith(page, "lesson1.html", "the first SCO's frame");
  let report = await scoReport(frame, "ready", "lesson one");
  checkEqual(report.standard, is2004 ? "2004" : "1.2", "the API the SCO found");
  checkEqual(report.initialized, "true", "Initialize");
  checkEqual(report.entry, "ab-initio", "cmi entry on the first launch");
  checkEqual(report.suspend_data, "", "suspend data on the first launch");
  check(report.learner !== "", "the learner id reaches the SCO");
  await screenshot(page, `${edition}-resume-1-first-launch`);

  await frame.click("#suspend");
  report = await scoReport(frame, "suspended", "lesson one");
  checkEqual(report.commit, "true", "Commit of the suspend data (answered true only once durable)");
  checkEqual(report.finish, "true", "Terminate after suspending");
  let show = await host.show(registration);
  checkEqual(moduleOf(show, "item_lesson1").completion, "incomplete", "lesson one's completion after suspending");
  await page.close();

  // The host goes down and comes back; the data must have been on disk.
  await host.restart();

  page = await newPage(context.browser, context.log);
  const second = await host.launchUrl(registration);
  checkEqual(second.registration, registration, "the relaunch reuses the registration");
  await page.goto(second.url, { waitUntil: "load" });
  frame = await frameWith(page, "lesson1.html", "the resumed SCO's frame");
  report = await scoReport(frame, "ready", "lesson one, resumed");
  checkEqual(report.entry, "resume", "cmi entry after a suspend");
  checkEqual(report.suspend_data, "page=3;answers=b,c,a", "suspend data back after the restart");
  checkEqual(report.location, "page-3", "location back after the restart");
  await screenshot(page, `${edition}-resume-2-resumed`);

  await frame.click("#complete");
  if (is2004) {
    // The terminate commit carried adl.nav.request=continue; the host's answer moves the player on.
    const next = await frameWith(page, "lesson2.html", "lesson two, after the host's continue navigation");
    report = await scoReport(next, "ready", "lesson two");
  } else {
    report = await scoReport(frame, "completed", "lesson one");
    checkEqual(report.commit, "true", "Commit of the score");
    checkEqual(report.finish, "true", "LMSFinish");
    await waitFor("the Continue button to be enabled", () =>
      page.$eval("#trellis-continue", (button) => !button.disabled));
    await page.click("#trellis-continue");
    const next = await frameWith(page, "lesson2.html", "lesson two, after Continue");
    report = await scoReport(next, "ready", "lesson two");
  }
  checkEqual(report.entry, "ab-initio", "lesson two starts a new attempt");
  const current = await page.$eval(".trellis-toc-button[aria-current='page']", (b) => b.dataset.identifier);
  checkEqual(current, "item_lesson2", "the table of contents marks lesson two");
  await screenshot(page, `${edition}-resume-3-next-sco`);

  show = await host.show(registration);
  const lesson = moduleOf(show, "item_lesson1");
  checkEqual(lesson.completion, "completed", "lesson one's completion");
  checkEqual(lesson.success, "passed", "lesson one's success");
  checkEqual(Number(lesson.score_raw), 87, "lesson one's raw score");
  if (is2004) checkEqual(Number(lesson.score_scaled), 0.87, "lesson one's scaled score");
  check(typeof show.xapi_registration === "string" && show.xapi_registration.length === 36,
        `registration show carries the xAPI registration: ${JSON.stringify(show)}`);
});
