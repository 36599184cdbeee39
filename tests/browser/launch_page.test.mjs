// The launch page itself: it runs under the host's strict CSP (no violation
// reported), it is keyboard usable (Tab from the top of the page reaches the
// table of contents; Enter on a lesson opens it; Previous goes back), and it
// passes axe-core's rules.
import { axeViolations, buildPackage, check, checkEqual, frameWith, launchCourse, main, scoReport, screenshot,
         setUp, tabToContents, waitFor } from "./lib/harness.mjs";

main("browser launch page", async (context) => {
  const { puppeteer, require, host } = await setUp(context, "launch-page");
  const zip = await buildPackage(host, "scorm12-resume");
  const { page, answer } = await launchCourse(context, puppeteer, host, zip);
  const csp = answer.headers()["content-security-policy"] || "";
  check(/script-src 'self'/.test(csp), `the launch page has a strict CSP: ${csp}`);
  const first = await frameWith(page, "lesson1.html", "lesson one");
  await scoReport(first, "ready", "lesson one");

  // Keyboard: Tab from the start of the page reaches the TOC, then lesson two's button.
  check(await tabToContents(page), "Tab reaches the table of contents");
  checkEqual(await tabToContents(page, "item_lesson2", 5), "item_lesson2", "Tab moves through the lessons in tree order");
  await screenshot(page, "launch-page-1-keyboard-focus");
  await page.keyboard.press("Enter");
  const second = await frameWith(page, "lesson2.html", "lesson two, opened by keyboard");
  await scoReport(second, "ready", "lesson two");
  await waitFor("Previous to be enabled", () => page.$eval("#trellis-previous", (b) => !b.disabled));
  await page.focus("#trellis-previous");
  await page.keyboard.press("Enter");
  const back = await frameWith(page, "lesson1.html", "lesson one again, by Previous");
  await scoReport(back, "ready", "lesson one again");

  // axe-core's rules on the launch page (the SCO's own page is the content's business).
  const violations = await axeViolations(page, require);
  checkEqual(violations.length, 0, `axe-core violations: ${violations.join("; ")}`);
  await screenshot(page, "launch-page-2-axe-checked");

  const refused = context.log.filter((line) => /Content Security Policy|Refused to/.test(line));
  checkEqual(refused.length, 0, `CSP violations on the launch page: ${refused.join("; ")}`);
});
