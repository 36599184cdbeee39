// A real TinCan package (Rustici's GolfExample_TCAPI, from the shared
// conformance set) launched by the host in Chromium: TinCanJS reads endpoint,
// auth, actor and registration from the launch URL the host answers and sends
// its statements to the LRS on the API origin, across origins, with the
// credential the launch minted. The LRS then holds them under the
// registration, and the registration shows the activity begun.
//
// The shared copy of the package leaves out the TinCanJS library it loads
// (scripts/TinCanJS/build/tincan-min.js); the test puts npm's tincanjs there.
import { cpSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { check, checkEqual, env, main, moduleOf, newPage, openBrowser, screenshot, setUp, sharedPackage, skip, waitFor,
         zipFolder } from "./lib/harness.mjs";

const activity = "http://id.tincanapi.com/activity/tincan-prototypes/golf-example";

main("browser TinCan golf example", async (context) => {
  const where = sharedPackage("xapi/GolfExample_TCAPI");
  const { puppeteer, host } = await setUp(context, "tincan-golf");
  const library = path.join(env.npm, "node_modules", "tincanjs", "build", "tincan-min.js");
  if (!existsSync(library)) skip(`npm's tincanjs is not installed (${library}); run the web_assets build`);
  const folder = path.join(host.root, "golf");
  cpSync(where, folder, { recursive: true });
  mkdirSync(path.join(folder, "scripts", "TinCanJS", "build"), { recursive: true });
  cpSync(library, path.join(folder, "scripts", "TinCanJS", "build", "tincan-min.js"));
  const course = await host.importPackage(await zipFolder(folder, path.join(host.root, "golf.zip")));
  const registration = await host.registration(course);
  await host.start();
  context.browser = await openBrowser(puppeteer);
  const page = await newPage(context.browser, context.log);

  const launch = await host.launchUrl(registration);
  const url = new URL(launch.url);
  checkEqual(url.searchParams.get("endpoint"), `${host.apiOrigin}/xapi/`, "the launch URL's endpoint");
  checkEqual(url.searchParams.get("activity_id"), activity, "the activity id is the package's own");
  check(url.searchParams.get("auth").startsWith("Basic "), "the launch URL carries the credential");
  check(JSON.parse(url.searchParams.get("actor")).account.name === "learner-1", "the actor is the learner's account");
  await page.goto(launch.url, { waitUntil: "load" });

  const show = await host.show(registration);
  const key = await host.json(["lrs", "key", "create", "--scope", "all", "--name", "browser-test"]);
  const auth = "Basic " + Buffer.from(`${key.key}:${key.secret}`).toString("base64");
  const statements = async () => {
    const answer = await fetch(`${host.apiOrigin}/xapi/statements?registration=${show.xapi_registration}&limit=100`,
                               { headers: { Authorization: auth, "X-Experience-API-Version": "1.0.3" } });
    return answer.ok ? (await answer.json()).statements : [];
  };
  const sent = await waitFor("the golf example's first statements in the LRS", async () => {
    const list = await statements();
    return list.some((s) => s.verb.id.endsWith("/attempted")) ? list : null;
  });
  await screenshot(page, "tincan-golf-1-first-page");
  for (const s of sent) {
    checkEqual(s.actor.account.name, "learner-1", "every statement's actor is the launch actor");
    checkEqual(s.context.registration, show.xapi_registration, "every statement is in the registration");
    check(s.authority && s.authority.account && s.authority.account.name.startsWith("trellis-au-"),
          `the statement's authority is the launch's credential: ${JSON.stringify(s.authority)}`);
  }
  const after = await host.show(registration);
  checkEqual(moduleOf(after, activity).completion, "incomplete", "the activity is begun");
});
