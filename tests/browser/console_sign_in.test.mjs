// Issue 17, accounts: an invited learner takes up the invitation, signs out and
// signs in again in Debian's Chromium from the keyboard alone; the session
// cookie is invisible to scripts; every page passes axe-core (WCAG 2.1 AA) in
// light and dark; a form posted from another site is refused. Screenshots of
// each page land in build/browser-screenshots/console-*.png.
import { check, expectNoViolations, checkEqual, main, newPage, openBrowser, screenshot, setUp, waitFor } from "./lib/harness.mjs";

const password = "a long pass phrase for matthew";

async function typeInto(page, selector, text) {
  await waitFor(`focus on ${selector}`, () => page.evaluate((s) => document.activeElement === document.querySelector(s), selector),
                { timeoutMs: 2000, intervalMs: 20 }).catch(() => {
    throw new Error(`Tab did not reach ${selector}`);
  });
  await page.keyboard.type(text);
}

await main("console sign-in", async (context) => {
  const { puppeteer, require, host } = await setUp(context, "console-sign-in");
  await host.start();
  const added = await host.json(["user", "add", "matthew", "--role", "learner", "--name", "Matthew Brown", "--invite"]);
  check(added.invite_url.startsWith(host.apiOrigin), `the invitation names the API origin: ${added.invite_url}`);
  context.browser = await openBrowser(puppeteer);
  const page = await newPage(context.browser, context.log);

  // The invitation: choose a password from the keyboard.
  await page.goto(added.invite_url, { waitUntil: "load" });
  await expectNoViolations(page, require, "the invitation page");
  await screenshot(page, "console-invite");
  await page.keyboard.press("Tab");
  await typeInto(page, "#password", password);
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
  checkEqual(new URL(page.url()).pathname, "/console/", "after the invitation the browser lands on");
  const welcome = await page.$eval("header", (m) => m.textContent);
  check(welcome.includes("matthew (learner)"), `the header names the user and role: ${welcome}`);
  checkEqual(await page.$eval("h1", (h) => h.textContent), "My courses", "the learner's home page is");
  const scriptCookies = await page.evaluate(() => document.cookie);
  check(!scriptCookies.includes("trellis_session"), "the session cookie is HttpOnly (scripts cannot read it)");
  const cookies = await page.cookies();
  const session = cookies.find((c) => c.name === "trellis_session");
  check(session && session.httpOnly && session.sameSite === "Strict", `the session cookie: ${JSON.stringify(session)}`);
  await expectNoViolations(page, require, "the signed-in home page");
  await screenshot(page, "console-home");

  // Sign out from the keyboard: the first button after the header.
  let reached = false;
  for (let i = 0; i < 6 && !reached; ++i) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement && document.activeElement.textContent === "Sign out");
  }
  check(reached, "Tab reaches the Sign out button");
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
  checkEqual(new URL(page.url()).pathname, "/console/login", "after signing out the browser is on");
  await expectNoViolations(page, require, "the sign-in page");
  await screenshot(page, "console-login");

  // A wrong password is said in words, on the page, with focus order intact.
  await page.keyboard.press("Tab");
  await typeInto(page, "#name", "matthew");
  await page.keyboard.press("Tab");
  await typeInto(page, "#password", "not the password at all");
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
  const problem = await page.$eval("[role=alert]", (p) => p.textContent);
  check(problem.includes("do not match an account"), `the failed sign-in says why: ${problem}`);
  await expectNoViolations(page, require, "the sign-in page with an error");
  await screenshot(page, "console-login-error");

  // The right one signs in (the name field keeps what was typed).
  await page.focus("#password");
  await page.keyboard.type(password);
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
  checkEqual(new URL(page.url()).pathname, "/console/", "after signing in the browser is on");

  // A page of another site posting the sign-out form: the browser keeps the
  // SameSite=Strict cookie to itself and the host refuses a post without the
  // page's token, so the session lives on.
  const other = await newPage(context.browser, context.log);
  await other.goto(`${host.contentOrigin}/assets/player.css`);  // another site (localhost vs 127.0.0.1)
  await other.evaluate(async (api) => {
    const form = new URLSearchParams({ csrf: "guessed" });
    await fetch(`${api}/console/logout`, { method: "POST", body: form, credentials: "include", mode: "no-cors" })
      .catch(() => {});
  }, host.apiOrigin);
  await page.reload({ waitUntil: "load" });
  checkEqual(new URL(page.url()).pathname, "/console/", "the session survived the cross-site post; the browser is on");
});
