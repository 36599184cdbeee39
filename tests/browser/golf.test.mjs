// Rustici's golf example SCO (the shared conformance set's RuntimeBasicCalls
// packages, SCORM 1.2 and SCORM 2004 3rd Edition) in Chromium: it initializes,
// the test pages through it with its own Next button to the end (completion),
// answers its assessment (score, passed/failed), exits with its own Exit button,
// and what the SCO set reaches `trellis registration show`.
// Usage: node golf.test.mjs scorm12|scorm2004
import { check, checkEqual, frameWith, launchCourse, main, moduleOf, screenshot, setUp, sharedPackage, waitFor } from "./lib/harness.mjs";

const edition = process.argv[2];
const packages = {
  scorm12: "scorm12/RuntimeBasicCalls_SCORM12",
  scorm2004: "scorm2004-3rd/RuntimeBasicCalls_SCORM20043rdEdition",
};
if (!packages[edition]) {
  console.error("usage: node golf.test.mjs scorm12|scorm2004");
  process.exit(2);
}
const is2004 = edition === "scorm2004";

main(`browser golf ${edition}`, async (context) => {
  const where = sharedPackage(packages[edition]);
  const { puppeteer, host } = await setUp(context, `golf-${edition}`);
  const { registration, page } = await launchCourse(context, puppeteer, host, where);

  const sco = await frameWith(page, "shared/launchpage.html", "the golf SCO's launch page");
  await waitFor("the golf SCO to initialize the API", () => page.evaluate((twentyOhFour) => {
    const api = twentyOhFour ? window.API_1484_11 : window.API;
    return !!api && api.isInitialized();
  }, is2004));
  await screenshot(page, `golf-${edition}-1-start`);

  // Its own Next button until it disables itself on the last page (the assessment).
  for (let clicks = 0; ; clicks++) {
    check(clicks < 40, "the golf SCO's Next button never disabled itself");
    await sco.waitForSelector("#butNext");
    if (await sco.$eval("#butNext", (b) => b.disabled)) break;
    await sco.click("#butNext");
  }
  const quiz = await frameWith(page, "assessmenttemplate.html", "the golf assessment page");
  await quiz.waitForSelector("input[type=button][value='Submit Answers']");
  // One answer per question: the first choice of each.
  await quiz.evaluate(() => {
    const seen = new Set();
    for (const input of document.querySelectorAll("input[type=radio]")) {
      if (seen.has(input.name)) continue;
      seen.add(input.name);
      input.click();
    }
  });
  await quiz.click("input[type=button][value='Submit Answers']");
  const expected = await waitFor("the assessment to record a score", () => page.evaluate((twentyOhFour) => {
    const cmi = twentyOhFour ? window.API_1484_11.cmi : window.API.cmi;
    const raw = twentyOhFour ? cmi.score.raw : cmi.core.score.raw;
    if (raw === "") return null;
    return twentyOhFour
      ? { raw, success: cmi.success_status, completion: cmi.completion_status }
      : { raw, status: cmi.core.lesson_status };
  }, is2004));
  await screenshot(page, `golf-${edition}-2-assessed`);

  await sco.click("#butExit");
  await waitFor("the golf SCO's terminate commit to be answered", () => page.evaluate(() => {
    const player = window.trellisPlayer;
    return !player.api || player.api.isTerminated();
  }));
  await screenshot(page, `golf-${edition}-3-exited`);

  const show = await host.show(registration);
  const module = moduleOf(show, "item_1");
  checkEqual(Number(module.score_raw), Number(expected.raw), "the raw score the SCO set");
  if (is2004) {
    checkEqual(module.completion, "completed", "completion (the SCO reached its last page)");
    checkEqual(module.success, expected.success, "success status");
  } else {
    checkEqual(module.success, expected.status, "lesson_status passed/failed as success");
    checkEqual(module.completion, "completed", "completion (a 1.2 passed/failed SCO has finished)");
  }
  check(show.completed === true, `the one-SCO course is completed: ${JSON.stringify(show)}`);
});
