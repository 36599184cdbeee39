// Talks to a SCORM 1.2 LMS when the page runs inside one (the API object on a
// parent or opener window), and runs as a practice page when it does not.
(function () {
  "use strict";

  function findApi(win) {
    for (var hops = 0; win && hops < 10; hops++) {
      try {
        if (win.API) return win.API;
      } catch (e) { /* a cross-origin frame: keep climbing */ }
      if (win.parent && win.parent !== win) win = win.parent;
      else break;
    }
    return null;
  }

  var api = findApi(window) || (window.opener ? findApi(window.opener) : null);
  var started = false;
  var finished = false;

  function call(name, args) {
    if (!api || typeof api[name] !== "function") return "";
    var result = api[name].apply(api, args || []);
    var code = api.LMSGetLastError ? api.LMSGetLastError() : "0";
    if (code && code !== "0" && window.console) {
      console.warn("SCORM 1.2 " + name + " failed: " + code + " " + (api.LMSGetErrorString ? api.LMSGetErrorString(code) : ""));
    }
    return result;
  }

  var Course = {
    connected: function () { return api !== null; },
    start: function () {
      if (started) return;
      started = true;
      if (!api) {
        var note = document.getElementById("practice-mode");
        if (note) note.hidden = false;
        return;
      }
      call("LMSInitialize", [""]);
      if (call("LMSGetValue", ["cmi.core.lesson_status"]) === "not attempted") {
        call("LMSSetValue", ["cmi.core.lesson_status", "incomplete"]);
      }
    },
    // A lesson is complete once the learner has read it to the end.
    complete: function () {
      if (!api) return;
      call("LMSSetValue", ["cmi.core.lesson_status", "completed"]);
      call("LMSCommit", [""]);
    },
    // Quiz result on the 0-100 scale SCORM 1.2 uses; the LMS compares it with masteryscore.
    score: function (raw, passed) {
      if (!api) return;
      call("LMSSetValue", ["cmi.core.score.min", "0"]);
      call("LMSSetValue", ["cmi.core.score.max", "100"]);
      call("LMSSetValue", ["cmi.core.score.raw", String(Math.round(raw))]);
      call("LMSSetValue", ["cmi.core.lesson_status", passed ? "passed" : "failed"]);
      call("LMSCommit", [""]);
    },
    finish: function () {
      if (!api || finished || !started) return;
      finished = true;
      call("LMSFinish", [""]);
    }
  };

  window.SafetyCourse = Course;
  window.addEventListener("load", Course.start);
  window.addEventListener("beforeunload", Course.finish);
  window.addEventListener("pagehide", Course.finish);
})();
