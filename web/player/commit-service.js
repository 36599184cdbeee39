// How scorm-again's commits reach the host: an IHttpService (scorm-again's
// `httpService` setting) that sends each commit to the attempt's commit URL as
// `{seq, terminate, elements}` and maps the host's answer back.
//
// scorm-again's own synchronous service sends every Terminate commit with
// navigator.sendBeacon, whose answer nobody can read; the host's answer to a
// Terminate carries the navigation the SCO asked for (adl.nav.request), so this
// service sends Terminate by synchronous XHR too while the page stays, and uses
// sendBeacon (text/plain, which needs no preflight) only when the page is being
// left or the browser refuses synchronous XHR there.

// The general commit failure codes of each standard (SCORM 1.2 has none of its
// own: 101 "General Exception"; SCORM 2004: 391 "General Commit Failure").
const GENERAL_FAILURE = { scorm12: 101, scorm2004: 391 };

// Flattened commits from scorm-again hold an empty collection as `{}`
// ("cmi.interactions": {}); the host's elements are a flat map of strings.
export function flatElements(commit) {
  const elements = {};
  for (const [name, value] of Object.entries(commit || {})) {
    if (value === null || value === undefined) continue;
    if (typeof value === "object") continue;
    elements[name] = String(value);
  }
  return elements;
}

export class CommitService {
  // api: "scorm12" | "scorm2004"; commitUrl: the attempt's commit URL;
  // lastSeq: the seq the host stored last (the boot data's `seq`);
  // navRequest(): the SCO's pending adl.nav.request ("" when none);
  // onOutcome(answer, wasTerminate): called after every answered commit.
  constructor({ api, commitUrl, lastSeq, navRequest, onOutcome }) {
    this.api = api;
    this.commitUrl = commitUrl;
    this.confirmedSeq = Number.isInteger(lastSeq) ? lastSeq : 0;
    this.navRequest = navRequest || (() => "");
    this.onOutcome = onOutcome || (() => {});
    this.leaving = false;  // set when the page is being left: commits go by beacon
    this.reportsRequestCompletion = false;
  }

  updateSettings() {}

  // The body of the next commit; its seq is the one after the last stored one.
  body(params, terminate) {
    const elements = flatElements(params);
    // The SCO's navigation request counts when it terminates (SCORM 2004 RTE 4.2.1.1).
    const nav = terminate ? this.navRequest() : "";
    if (nav && nav !== "_none_") elements["adl.nav.request"] = nav;
    return { seq: this.confirmedSeq + 1, terminate: !!terminate, elements };
  }

  failure(message) {
    return { result: "false", errorCode: GENERAL_FAILURE[this.api] || 101, errorMessage: message };
  }

  processHttpRequest(url, params, immediate) {
    const body = this.body(params, immediate);
    if (immediate && this.leaving) return this.beacon(url, body);
    let xhr;
    try {
      xhr = new XMLHttpRequest();
      xhr.open("POST", url || this.commitUrl, false);
      xhr.setRequestHeader("Content-Type", "application/json");
      xhr.send(JSON.stringify(body));
    } catch (e) {
      // Chromium refuses synchronous XHR while a page is dismissed: the
      // terminate commit still goes out by beacon.
      if (immediate) return this.beacon(url, body);
      return this.failure(e instanceof Error ? e.message : String(e));
    }
    return this.answer(xhr, body, immediate);
  }

  beacon(url, body) {
    const sent = navigator.sendBeacon(url || this.commitUrl,
                                      new Blob([JSON.stringify(body)], { type: "text/plain;charset=UTF-8" }));
    if (!sent) return this.failure("the browser refused to queue the terminate commit");
    // Nobody reads a beacon's answer: the host stores it or refuses it alone.
    this.confirmedSeq = body.seq;
    return { result: "true", errorCode: 0 };
  }

  answer(xhr, body, terminate) {
    let answer = null;
    try {
      answer = JSON.parse(xhr.responseText);
    } catch (e) {
      answer = null;
    }
    if (xhr.status < 200 || xhr.status > 299 || !answer || typeof answer !== "object") {
      return this.failure("the host answered HTTP " + xhr.status);
    }
    const ok = answer.result === true || answer.result === "true";
    if (ok) this.confirmedSeq = body.seq;
    const code = Number.isInteger(answer.errorCode) ? answer.errorCode : ok ? 0 : GENERAL_FAILURE[this.api] || 101;
    this.onOutcome(answer, !!terminate && ok);
    const mapped = { result: ok ? "true" : "false", errorCode: ok ? 0 : code || GENERAL_FAILURE[this.api] || 101 };
    if (!ok && answer.errorText) mapped.errorMessage = String(answer.errorText);
    return mapped;
  }
}
