// The launch page's player (GET /play/{T}/ on the content origin). The host
// writes the page with its boot data in <script type="application/json"
// id="trellis-launch"> and loads this bundle; this file builds scorm-again's
// runtime API from the data, exposes it where SCOs look for it (window.API for
// SCORM 1.2, window.API_1484_11 for 2004, on this window: the SCO's frame finds
// it through `parent`), points the content frame at the SCO and moves between
// modules by the table of contents, Previous/Continue, or the navigation the
// host answers to a terminate commit.

// Resolved per bundle by build.mjs (apis-all.js, apis-scorm12.js,
// apis-scorm2004.js): a launch page loads only the API its content uses.
import { Scorm12API, Scorm2004API } from "trellis-runtime-apis";
import { CommitService } from "./commit-service.js";
import { Contents, findItem, neighbour } from "./contents.js";

export function readBoot(doc) {
  const node = doc.getElementById("trellis-launch");
  if (!node) throw new Error("the launch page has no #trellis-launch boot data");
  const boot = JSON.parse(node.textContent);
  if (boot.api !== "scorm12" && boot.api !== "scorm2004") throw new Error(`unknown runtime API "${boot.api}"`);
  for (const field of ["content_url", "commit_url"]) {
    if (typeof boot[field] !== "string" || !boot[field]) throw new Error(`the boot data has no ${field}`);
  }
  return boot;
}

// The start URL of module `moduleId`: the boot data's start_url names one module
// (or carries a {m} placeholder); the segment after /modules/ is replaced.
export function startUrlFor(startUrl, moduleId) {
  const id = encodeURIComponent(moduleId);
  if (startUrl.includes("{m}")) return startUrl.replace("{m}", id);
  return startUrl.replace(/\/modules\/[^/]*\/start$/, `/modules/${id}/start`);
}

// The host's navigation answer: "continue", "previous", "choice:ID", "exit",
// or "" / "none" / absent for none.
export function parseNavigation(navigation) {
  if (!navigation || typeof navigation !== "string") return null;
  if (navigation === "continue" || navigation === "previous" || navigation === "exit") return { kind: navigation };
  if (navigation.startsWith("choice:")) return { kind: "choice", target: navigation.slice("choice:".length) };
  return null;
}

class Player {
  constructor(win, boot) {
    this.win = win;
    this.doc = win.document;
    this.boot = boot;
    this.api = null;
    this.service = null;
    this.moving = false;       // a navigation is under way: outcomes do not start another
    this.pending = null;       // navigation the last terminate commit's answer asked for
    this.build();
    this.win.addEventListener("pagehide", () => this.leave());
  }

  build() {
    const root = this.doc.getElementById("trellis-player") || this.doc.body;
    root.classList.add("trellis-player");
    this.contents = new Contents(this.doc, {
      onChoose: (item) => this.navigate({ kind: "choice", target: item.identifier }),
      onFlow: (step) => this.navigate({ kind: step > 0 ? "continue" : "previous" }),
    });
    const stage = this.doc.createElement("main");
    stage.className = "trellis-stage";
    this.frame = this.doc.createElement("iframe");
    this.frame.className = "trellis-content";
    this.frame.name = "trellis-content";
    this.status = this.doc.createElement("p");
    this.status.className = "trellis-status";
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    // The course's title heads the page (the boot data's title, else the page's).
    const heading = this.doc.createElement("h1");
    heading.className = "trellis-title";
    heading.textContent = this.boot.title || this.doc.title || "Course";
    stage.append(heading, this.contents.flow, this.frame, this.status);
    root.append(this.contents.nav, stage);
  }

  say(text) {
    this.status.textContent = text;
  }

  start(boot) {
    this.boot = boot;
    this.pending = null;
    const current = findItem(boot.tree, boot.current);
    this.frame.title = `Course content: ${(current && current.title) || boot.current || "module"}`;
    this.service = new CommitService({
      api: boot.api,
      commitUrl: boot.commit_url,
      lastSeq: boot.seq,
      navRequest: () => this.navRequest(),
      onOutcome: (answer, terminated) => this.outcome(answer, terminated),
    });
    const settings = {
      lmsCommitUrl: boot.commit_url,
      dataCommitFormat: "flattened",
      autocommit: false,
      sendFullCommit: true,
      logLevel: 4,
      httpService: this.service,
    };
    const Api = boot.api === "scorm12" ? Scorm12API : Scorm2004API;
    if (!Api) throw new Error(`this player bundle has no ${boot.api} runtime; the launch page names the wrong script`);
    const api = new Api(settings);
    try {
      // Keywords (cmi._version, ._children) describe the model; scorm-again refuses to set them.
      const values = Object.fromEntries(Object.entries(boot.elements || {}).filter(
        ([key]) => !key.endsWith("._version") && !key.endsWith("._children")));
      api.loadFromFlattenedJSON(values, "");
    } catch (e) {
      // The SCO still runs, on the defaults; the console says which data did not load.
      console.error("trellis player: the stored data did not load:", e);
    }
    this.api = api;
    // Only the standard's own name: a 1.2 SCO must not find a 2004 API and the reverse.
    if (boot.api === "scorm12") {
      this.win.API = api;
      delete this.win.API_1484_11;
    } else {
      this.win.API_1484_11 = api;
      delete this.win.API;
    }
    this.contents.render(boot.tree, boot.current);
    this.frame.src = boot.content_url;
    this.say("");
  }

  navRequest() {
    const api = this.api;
    if (!api || this.boot.api !== "scorm2004" || !api.adl || !api.adl.nav) return "";
    return api.adl.nav.request || "";
  }

  // After every answered commit: a terminate answer may ask to go on.
  outcome(answer, terminated) {
    if (!terminated) return;
    const navigation = parseNavigation(answer.navigation);
    if (!navigation || this.moving) return;
    this.pending = navigation;
    // The SCO's Terminate call is still on the stack: move after it returns.
    this.win.setTimeout(() => {
      if (this.pending === navigation) this.navigate(navigation);
    }, 0);
  }

  running() {
    const api = this.api;
    return !!api && api.isInitialized() && !api.isTerminated();
  }

  terminate() {
    if (!this.running()) return;
    if (this.boot.api === "scorm12") this.api.LMSFinish("");
    else this.api.Terminate("");
  }

  // The page is going away: a SCO that has not terminated gets its terminate
  // commit sent by beacon.
  leave() {
    if (!this.service) return;
    this.service.leaving = true;
    this.terminate();
  }

  // Empties the content frame (the SCO's unload handlers run and usually
  // terminate) and terminates the attempt if the SCO did not.
  async unloadContent() {
    await new Promise((resolve) => {
      const done = () => {
        this.frame.removeEventListener("load", done);
        resolve();
      };
      this.frame.addEventListener("load", done);
      this.frame.src = "about:blank";
    });
    this.terminate();
  }

  target(navigation) {
    const tree = this.boot.tree || [];
    if (navigation.kind === "continue") return neighbour(tree, this.boot.current, +1);
    if (navigation.kind === "previous") return neighbour(tree, this.boot.current, -1);
    if (navigation.kind === "choice") {
      const item = findItem(tree, navigation.target);
      return item && item.launchable ? item : null;
    }
    return null;
  }

  async navigate(navigation) {
    if (this.moving) return;
    this.moving = true;
    this.pending = null;
    // Keyboard users keep their place: focus comes back to the controls after the move.
    const active = this.doc.activeElement;
    const hadFocus = active && (this.contents.nav.contains(active) || this.contents.flow.contains(active))
      ? active.id || "toc" : null;
    this.contents.setBusy(true);
    try {
      const item = navigation.kind === "exit" ? null : this.target(navigation);
      if (navigation.kind !== "exit" && !item) {
        this.say(`There is no module to go to (${navigation.kind}).`);
        return;
      }
      this.say(item ? `Opening ${item.title || item.identifier}…` : "Leaving the course…");
      await this.unloadContent();
      if (!item) {
        this.win.API = undefined;
        this.win.API_1484_11 = undefined;
        this.api = null;
        this.say("You have left the course. You can close this page.");
        return;
      }
      const response = await this.win.fetch(startUrlFor(this.boot.start_url, item.module_id), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{}",
        credentials: "omit",
      });
      if (!response.ok) throw new Error(`the host answered HTTP ${response.status}`);
      const next = await response.json();
      this.moving = false;
      this.start(next);
    } catch (e) {
      this.say(`Could not open the module: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.moving = false;
      this.contents.render(this.boot.tree, this.boot.current);
      this.contents.nav.setAttribute("aria-busy", "false");
      if (hadFocus) this.contents.restoreFocus(hadFocus);
    }
  }
}

function main() {
  let boot;
  try {
    boot = readBoot(document);
  } catch (e) {
    const message = document.createElement("p");
    message.setAttribute("role", "alert");
    message.textContent = `This launch page cannot start: ${e instanceof Error ? e.message : String(e)}`;
    document.body.append(message);
    return;
  }
  const player = new Player(window, boot);
  window.trellisPlayer = player;  // for the browser tests and debugging
  player.start(boot);
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main);
  else main();
}
