// A hostile SCO in Chromium gets nothing: the test first gives the API origin
// (where the console will live) a cookie and a stored admin key, as a logged-in
// administrator's browser would hold, then launches a SCO that reads cookies,
// the launch page, storage, and asks the admin routes on its own origin and on
// the API origin (with the browser's credentials). Every try must come back
// empty, refused or blocked.
import { buildPackage, check, checkEqual, frameWith, main, newPage, openBrowser, scoReport, screenshot,
         setUp } from "./lib/harness.mjs";

main("browser hostile SCO", async (context) => {
  const { puppeteer, host } = await setUp(context, "hostile");
  await host.start();
  const key = await host.json(["lrs", "key", "create", "--name", "console-admin", "--scope", "admin"]);
  check(key.key && key.secret, `lrs key create answers a key and secret: ${JSON.stringify(key)}`);
  const secrets = [key.key, key.secret, "console-session-7f3a9c"];
  const basic = "Basic " + Buffer.from(`${key.key}:${key.secret}`).toString("base64");

  // The route the SCO goes for exists and holds something with the key: a refusal below means something.
  const plugins = await fetch(`${host.apiOrigin}/api/v1/plugins`, { headers: { Authorization: basic } });
  checkEqual(plugins.status, 200, "GET /api/v1/plugins with the admin key on the API origin");
  const pluginBody = await plugins.text();
  check(pluginBody.includes("scorm12"), "the plugin list names the SCORM 1.2 importer");

  const zip = await buildPackage(host, "hostile-sco", { __API_ORIGIN__: host.apiOrigin });
  const course = await host.importPackage(zip);
  const registration = await host.registration(course);
  const launch = await host.launchUrl(registration);
  context.browser = await openBrowser(puppeteer);

  // The administrator's browser: a session cookie and the key in the API origin's storage.
  const consolePage = await newPage(context.browser, context.log);
  await consolePage.goto(`${host.apiOrigin}/healthz`);
  const held = await consolePage.evaluate((cookie, value) => {
    document.cookie = `trellis_console=${cookie}; path=/; SameSite=Lax`;
    localStorage.setItem("trellis-console-key", value);
    return document.cookie;
  }, secrets[2], `${key.key}:${key.secret}`);
  check(held.includes(secrets[2]), "the API origin holds the console cookie (the test's precondition)");

  // The content origin's own answers carry no cookie.
  const pageAnswer = await fetch(launch.url);
  checkEqual(pageAnswer.status, 200, "the launch page");
  checkEqual(pageAnswer.headers.get("set-cookie"), null, "Set-Cookie on the launch page");

  const page = await newPage(context.browser, context.log);
  await page.goto(launch.url, { waitUntil: "load" });
  const frame = await frameWith(page, "hostile.html", "the hostile SCO's frame");
  const report = await scoReport(frame, "done", "the hostile SCO");
  await screenshot(page, "hostile-sco");
  const tries = report.tries;
  const leaked = (value) => secrets.filter((s) => JSON.stringify(value ?? "").includes(s));

  checkEqual(tries.cookie.value, "", "document.cookie in the SCO");
  checkEqual(tries.parent_cookie.value, "", "parent.document.cookie");
  checkEqual(tries.top_cookie.value, "", "top.document.cookie");
  check(typeof tries.parent_html.value === "string", "the launch page is the SCO's (same-origin) parent");
  checkEqual(leaked(tries.parent_html).length, 0, "secrets in the launch page's HTML");
  checkEqual(leaked(tries.local_storage).length, 0, "secrets in the content origin's localStorage");
  check(!String(tries.local_storage.value || "").includes("trellis-console-key"),
        "the API origin's localStorage is not the SCO's");

  for (const name of ["plugins_same_origin", "plugins_same_origin_v1_courses"]) {
    const t = tries[name];
    check(t.error || [401, 403, 404].includes(t.status), `${name} is refused: ${JSON.stringify(t)}`);
    check(!String(t.body || "").includes("scorm12"), `${name} lists nothing`);
    checkEqual(t.setCookie ?? null, null, `${name} sets no cookie`);
  }
  for (const name of ["plugins_api_origin", "plugins_api_origin_credentials", "courses_api_origin_credentials"]) {
    const t = tries[name];
    // Without CORS headers the browser hides the answer (TypeError); with them the key is still missing.
    check(t.error || [401, 403].includes(t.status), `${name} gets nothing: ${JSON.stringify(t)}`);
    check(!String(t.body || "").includes("scorm12"), `${name} lists nothing`);
  }
  check(tries.api_frame_document.error === "SecurityError" || tries.api_frame_document.value === null,
        `the API origin's document is out of reach: ${JSON.stringify(tries.api_frame_document)}`);
  check(!!tries.api_frame_storage.error, `the API origin's storage is out of reach: ${JSON.stringify(tries.api_frame_storage)}`);
  checkEqual(leaked(report).length, 0, "secrets anywhere in the SCO's report");
});
