// Issue 17, the learner's pages: Matthew signs in, finds a sample course in the
// catalog, asks a question on one of its modules, replies on the thread, searches
// "cultural differences" and gets the guideline, the module, his thread and the
// colleagues who know, grouped by kind with counts; launches a module (the
// player on the content origin) and sees the course under My courses; an admin
// route answers his session 403. Every page passes axe-core in light and dark.
// Screenshots: build/browser-screenshots/console-learner-*.png.
import path from "node:path";
import { check, expectNoViolations, checkEqual, env, main, newPage, openBrowser, screenshot, setUp } from "./lib/harness.mjs";

const password = "matthew's long pass phrase";

async function go(page, action) {
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), action()]);
}

await main("console learner pages", async (context) => {
  const { puppeteer, require, host } = await setUp(context, "console-learner");
  const course = await host.importPackage(path.join(env.source, "packages", "scorm12-workplace-safety"));
  const knowledge = path.join(env.source, "packages", "knowledge");
  await host.cli(["plugin", "configure", "folder-kb", `path=${knowledge}/documents`]);
  await host.cli(["connector", "sync", "folder-kb"]);
  await host.cli(["plugin", "configure", "experts", `path=${knowledge}/experts.csv`]);
  await host.cli(["connector", "sync", "experts"]);
  await host.start();
  const added = await host.json(["user", "add", "matthew", "--role", "learner", "--name", "Matthew Brown", "--invite"]);
  context.browser = await openBrowser(puppeteer);
  const page = await newPage(context.browser, context.log);

  await page.goto(added.invite_url, { waitUntil: "load" });
  await page.type("#password", password);
  await go(page, () => page.keyboard.press("Enter"));
  checkEqual(await page.$eval("h1", (h) => h.textContent), "My courses", "after the invitation the page is");
  check((await page.$eval("main", (m) => m.textContent)).includes("not started a course"), "no course is started yet");

  // The catalog, filtered by format, then the course.
  await go(page, () => page.click("nav a[href='/console/courses']"));
  await page.select("#format", "scorm12");
  await go(page, () => page.click("form.filters button"));
  check(new URL(page.url()).searchParams.get("format") === "scorm12", `the filter is in the address: ${page.url()}`);
  const rows = await page.$$eval("tbody tr", (r) => r.length);
  checkEqual(rows, 1, "SCORM 1.2 courses in the catalog");
  await expectNoViolations(page, require, "the catalog");
  await screenshot(page, "console-learner-catalog");
  await go(page, () => page.click(`tbody a[href='/console/courses/${course}']`));
  await page.waitForSelector("section.module");
  const launchable = await page.$$eval("section.module form[action$='/launch']", (f) => f.length);
  check(launchable >= 1, "the course page offers a Launch button per launchable module");
  await expectNoViolations(page, require, "the course page");
  await screenshot(page, "console-learner-course");

  // Ask a question on the first module.
  const question = "How do cultural differences change a safety briefing?";
  await page.click("section.module details summary");
  await page.type("section.module details input[name=title]", question);
  await page.type("section.module details textarea[name=body]", "My team is spread over **three** countries.");
  await go(page, () => page.click("section.module details button"));
  check(new URL(page.url()).pathname.startsWith("/console/threads/"), `asking lands on the thread: ${page.url()}`);
  checkEqual(await page.$eval("h1", (h) => h.textContent), question, "the thread page's heading");
  check((await page.$eval("article", (a) => a.innerHTML)).includes("<strong>three</strong>"), "the body is rendered Markdown");
  await page.type("#reply", "Mei Lin ran a session on this last year.");
  await go(page, () => page.click("main form button"));
  checkEqual(await page.$$eval("article", (a) => a.length), 2, "posts on the thread after a reply");
  await expectNoViolations(page, require, "the thread page");
  await screenshot(page, "console-learner-thread");

  // One search box: results grouped by kind, with counts.
  await go(page, () => page.click("nav a[href='/console/search']"));
  await page.type("#q", "cultural differences");
  await go(page, () => page.keyboard.press("Enter"));
  const headings = await page.$$eval("main section h2", (h) => h.map((x) => x.textContent));
  for (const kind of ["Documents", "Threads", "Colleagues who know"])
    check(headings.some((h) => h.startsWith(kind)), `the search groups ${kind}: ${headings.join(" | ")}`);
  const experts = await page.$eval("#kind-expert", (h) => h.parentElement.textContent);
  check(experts.includes("Mei Lin") && experts.includes("Rafael Souza"), `the two colleagues who know: ${experts}`);
  const threadLinks = await page.$$eval("main section a[href^='/console/threads/']", (a) => a.length);
  check(threadLinks >= 1, "the question just asked is found and links to its console page");
  await expectNoViolations(page, require, "the search page");
  await screenshot(page, "console-learner-search");

  // Launch: the player, on the content origin.
  await page.goto(`${host.apiOrigin}/console/courses/${course}`, { waitUntil: "load" });
  await go(page, () => page.click("section.module form[action$='/launch'] button"));
  check(page.url().startsWith(`${host.contentOrigin}/play/`), `Launch opens the player on the content origin: ${page.url()}`);
  await page.goto(`${host.apiOrigin}/console/`, { waitUntil: "load" });
  const mine = await page.$eval("main", (m) => m.textContent);
  check(mine.includes("modules done"), `My courses shows the started course with its progress: ${mine}`);
  await expectNoViolations(page, require, "My courses");
  await screenshot(page, "console-learner-home");

  // A learner's session opens no admin route.
  // (The console's CSP lets no page script fetch: the browser opens the route itself.)
  const answer = await page.goto(`${host.apiOrigin}/api/v1/plugins`, { waitUntil: "load" });
  checkEqual(answer.status(), 403, "GET /api/v1/plugins with a learner's session answers");
});
