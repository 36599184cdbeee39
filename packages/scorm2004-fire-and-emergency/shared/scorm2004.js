// SCORM 2004 run-time glue: finds API_1484_11 on a parent or opener window and
// records progress; without an LMS the pages work as practice material.
(function () {
  "use strict";

  function locate(win) {
    var hops = 0;
    while (win && hops++ < 10) {
      try {
        if (win.API_1484_11) return win.API_1484_11;
      } catch (e) { /* cross-origin ancestor */ }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  var api = locate(window) || (window.opener ? locate(window.opener) : null);
  var state = "new";  // new -> running -> terminated

  function invoke(method, args) {
    if (!api) return "";
    var value = api[method].apply(api, args || []);
    var error = api.GetLastError();
    if (error !== "0" && window.console) {
      console.warn("SCORM 2004 " + method + ": " + error + " " + api.GetErrorString(error));
    }
    return value;
  }

  function set(element, value) { return invoke("SetValue", [element, String(value)]); }

  var Lesson = {
    connected: function () { return api !== null; },
    begin: function () {
      if (state !== "new") return;
      state = "running";
      if (!api) {
        var banner = document.getElementById("practice-mode");
        if (banner) banner.hidden = false;
        return;
      }
      invoke("Initialize", [""]);
      if (invoke("GetValue", ["cmi.completion_status"]) === "unknown") set("cmi.completion_status", "incomplete");
      set("cmi.exit", "suspend");
    },
    // Share of the lesson read (0..1); the manifest's completionThreshold turns it into completion.
    progress: function (measure) {
      if (!api) return;
      set("cmi.progress_measure", Math.max(0, Math.min(1, measure)).toFixed(2));
      invoke("Commit", [""]);
    },
    done: function () {
      if (!api) return;
      set("cmi.progress_measure", "1");
      set("cmi.completion_status", "completed");
      set("cmi.success_status", "passed");
      set("cmi.exit", "normal");
      invoke("Commit", [""]);
    },
    // scaled in -1..1 as SCORM 2004 wants; the LMS applies minNormalizedMeasure.
    assessed: function (scaled, passed) {
      if (!api) return;
      set("cmi.score.scaled", scaled.toFixed(2));
      set("cmi.score.raw", Math.round(scaled * 100));
      set("cmi.score.min", 0);
      set("cmi.score.max", 100);
      set("cmi.completion_status", "completed");
      set("cmi.success_status", passed ? "passed" : "failed");
      set("cmi.exit", "normal");
      invoke("Commit", [""]);
    },
    // Asks the LMS's sequencer for the next activity, then leaves.
    next: function () {
      if (!api) return;
      set("adl.nav.request", "continue");
      Lesson.end();
    },
    end: function () {
      if (!api || state !== "running") return;
      state = "terminated";
      invoke("Terminate", [""]);
    }
  };

  // Lessons report progress as the learner scrolls, so skimming to the button
  // is not enough for the completionThreshold in the manifest.
  function trackScrolling() {
    if (!document.body.hasAttribute("data-track-scroll")) return;
    window.addEventListener("scroll", function () {
      Lesson.progress((window.scrollY + window.innerHeight) / document.body.scrollHeight);
    }, { passive: true });
  }

  window.SafetyLesson = Lesson;
  window.addEventListener("load", trackScrolling);
  window.addEventListener("load", Lesson.begin);
  window.addEventListener("pagehide", Lesson.end);
})();
