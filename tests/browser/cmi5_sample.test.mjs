// The cmi5 sample course (packages/cmi5-safety-basics) in Chromium against the
// real host: each AU is opened at the launch URL the host answers, takes its
// credential from the fetch URL, reads LMS.LaunchData and reports to the LRS
// on the API origin across origins; the learner reads both lessons and passes
// the quiz. Then the registration shows every AU done, and the LRS holds the
// LMS's launched statements and its satisfied statements for the block and
// the course.
import { check, checkEqual, env, main, moduleOf, newPage, openBrowser, screenshot, setUp, waitFor } from "./lib/harness.mjs";
import path from "node:path";

const lessons = [
  { id: "https://trellis.example.org/courses/safety-basics/aus/hazards", shot: "cmi5-1-hazards" },
  { id: "https://trellis.example.org/courses/safety-basics/aus/ppe", shot: "cmi5-2-ppe" },
];
const quiz = "https://trellis.example.org/courses/safety-basics/aus/quiz";

async function statusText(page) {
  return page.$eval("#status", (p) => p.textContent);
}

main("browser cmi5 sample course", async (context) => {
  const { puppeteer, host } = await setUp(context, "cmi5-sample");
  const course = await host.importPackage(path.join(env.source, "packages", "cmi5-safety-basics"));
  const registration = await host.registration(course);
  await host.start();
  context.browser = await openBrowser(puppeteer);
  const page = await newPage(context.browser, context.log);

  for (const lesson of lessons) {
    const launch = await host.launchUrl(registration, lesson.id);
    const url = new URL(launch.url);
    checkEqual(url.searchParams.get("endpoint"), `${host.apiOrigin}/xapi/`, "the launch URL's endpoint");
    check(url.searchParams.get("fetch").startsWith(`${host.apiOrigin}/xapi-launch/fetch/`), "the fetch URL is on the API origin");
    await page.goto(launch.url, { waitUntil: "load" });
    await waitFor(`the lesson ${lesson.id} to connect to the LMS`, async () => (await statusText(page)).startsWith("Connected"));
    await screenshot(page, `${lesson.shot}-connected`);
    await page.click("#done");
    await waitFor("the lesson to be recorded", async () => (await statusText(page)).startsWith("Lesson recorded"));
  }

  const launch = await host.launchUrl(registration, quiz);
  await page.goto(launch.url, { waitUntil: "load" });
  await waitFor("the quiz to connect to the LMS", async () => (await statusText(page)).startsWith("Connected. Pass mark: 75%"));
  for (let i = 0; i < 4; ++i) await page.click(`input[name=q${i}][value="1"]`);
  await screenshot(page, "cmi5-3-quiz-answered");
  await page.click("#submit");
  await waitFor("the quiz result", async () => (await statusText(page)).includes("passed."));
  await screenshot(page, "cmi5-4-quiz-passed");

  const show = await host.show(registration);
  for (const lesson of lessons) checkEqual(moduleOf(show, lesson.id).completion, "completed", `${lesson.id} completion`);
  checkEqual(moduleOf(show, quiz).success, "passed", "the quiz's success");
  checkEqual(show.completed, true, "the course is completed");

  // What the LRS holds for the registration, read as any xAPI client would.
  const key = await host.json(["lrs", "key", "create", "--scope", "all", "--name", "browser-test"]);
  const auth = "Basic " + Buffer.from(`${key.key}:${key.secret}`).toString("base64");
  const answer = await fetch(`${host.apiOrigin}/xapi/statements?registration=${show.xapi_registration}&limit=100`,
                             { headers: { Authorization: auth, "X-Experience-API-Version": "1.0.3" } });
  checkEqual(answer.status, 200, "the LRS answers the registration's statements");
  const statements = (await answer.json()).statements;
  const verbs = (tail) => statements.filter((s) => s.verb.id.endsWith(tail));
  checkEqual(verbs("/launched").length, 3, "one launched statement per AU session");
  checkEqual(verbs("/terminated").length, 3, "each AU terminated its session");
  const satisfied = verbs("/satisfied").map((s) => s.object.definition.type.split("/").pop()).sort();
  checkEqual(JSON.stringify(satisfied), JSON.stringify(["block", "course"]), "satisfied for the block and the course");
});
