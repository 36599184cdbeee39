// A small cmi5 AU runtime written for Trellis's sample course. It follows the cmi5
// launch sequence: read the launch parameters, fetch the auth token once, read
// LMS.LaunchData, then send cmi5-defined statements built on its contextTemplate.
(function (global) {
  "use strict";

  var XAPI_VERSION = "1.0.3";
  var VERB = {
    initialized: "http://adlnet.gov/expapi/verbs/initialized",
    completed: "http://adlnet.gov/expapi/verbs/completed",
    passed: "http://adlnet.gov/expapi/verbs/passed",
    failed: "http://adlnet.gov/expapi/verbs/failed",
    terminated: "http://adlnet.gov/expapi/verbs/terminated"
  };
  var CATEGORY_CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
  var CATEGORY_MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
  var EXT_MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";

  function uuid() {
    if (global.crypto && global.crypto.randomUUID) return global.crypto.randomUUID();
    return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, function (c) {
      var r = (Math.random() * 16) | 0;
      return (c === "x" ? r : (r & 0x3) | 0x8).toString(16);
    });
  }

  // ISO 8601 duration with seconds to two decimals, as xAPI expects.
  function duration(ms) {
    return "PT" + (Math.max(0, ms) / 1000).toFixed(2) + "S";
  }

  function Cmi5(href) {
    var query = new URL(href).searchParams;
    this.endpoint = query.get("endpoint");
    this.fetchUrl = query.get("fetch");
    this.registration = query.get("registration");
    this.activityId = query.get("activityId");
    var actor = query.get("actor");
    if (!this.endpoint || !this.fetchUrl || !this.registration || !this.activityId || !actor) {
      throw new Error("This page is a cmi5 AU: launch it from an LMS (endpoint, fetch, actor, registration and activityId are missing).");
    }
    this.actor = JSON.parse(actor);
    if (this.endpoint.slice(-1) !== "/") this.endpoint += "/";
    this.startedAt = Date.now();
    this.launchData = null;
    this.auth = null;
    this.sent = {};
  }

  Cmi5.prototype.request = function (method, path, body) {
    var headers = { "X-Experience-API-Version": XAPI_VERSION, Authorization: this.auth };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return fetch(this.endpoint + path, {
      method: method,
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) throw new Error(method + " " + path + " answered " + response.status);
      return response.status === 204 ? null : response.text().then(function (t) { return t ? JSON.parse(t) : null; });
    });
  };

  // The cmi5 start: the token (single use, so only once), the LaunchData state
  // and the learner preferences.
  Cmi5.prototype.start = function () {
    var self = this;
    return fetch(this.fetchUrl, { method: "POST" })
      .then(function (r) { return r.json(); })
      .then(function (token) {
        if (token["error-code"]) throw new Error("The LMS refused the token: " + token["error-text"]);
        self.auth = "Basic " + token["auth-token"];
        var params = new URLSearchParams({
          stateId: "LMS.LaunchData",
          activityId: self.activityId,
          agent: JSON.stringify(self.actor),
          registration: self.registration
        });
        return self.request("GET", "activities/state?" + params.toString());
      })
      .then(function (launchData) {
        self.launchData = launchData || {};
        // Section 11: the learner's preferences, read before the session starts.
        var params = new URLSearchParams({ agent: JSON.stringify(self.actor), profileId: "cmi5LearnerPreferences" });
        return self.request("GET", "agents/profile?" + params.toString()).catch(function () { return null; });
      })
      .then(function (preferences) {
        self.preferences = preferences || {};
        return self.send("initialized");
      });
  };

  Cmi5.prototype.launchMode = function () { return (this.launchData && this.launchData.launchMode) || "Normal"; };
  Cmi5.prototype.masteryScore = function () {
    return this.launchData && typeof this.launchData.masteryScore === "number" ? this.launchData.masteryScore : null;
  };
  Cmi5.prototype.launchParameters = function () { return (this.launchData && this.launchData.launchParameters) || ""; };

  Cmi5.prototype.statement = function (verb, result) {
    var context = JSON.parse(JSON.stringify((this.launchData && this.launchData.contextTemplate) || {}));
    context.registration = this.registration;
    context.contextActivities = context.contextActivities || {};
    var category = context.contextActivities.category || [];
    category.push({ id: CATEGORY_CMI5, objectType: "Activity" });
    if (verb === "completed" || verb === "passed" || verb === "failed") {
      category.push({ id: CATEGORY_MOVEON, objectType: "Activity" });
    }
    context.contextActivities.category = category;
    if ((verb === "passed" || verb === "failed") && this.masteryScore() !== null) {
      context.extensions = context.extensions || {};
      context.extensions[EXT_MASTERY] = this.masteryScore();
    }
    var statement = {
      id: uuid(),
      timestamp: new Date().toISOString(),
      actor: this.actor,
      verb: { id: VERB[verb], display: { "en-US": verb } },
      object: { id: this.activityId, objectType: "Activity" },
      context: context
    };
    if (result) statement.result = result;
    return statement;
  };

  // Sends one cmi5-defined statement; each verb at most once per session.
  Cmi5.prototype.send = function (verb, result) {
    if (this.sent[verb]) return Promise.resolve(null);
    this.sent[verb] = true;
    return this.request("POST", "statements", this.statement(verb, result));
  };

  Cmi5.prototype.complete = function () {
    if (this.launchMode() !== "Normal") return Promise.resolve(null);
    return this.send("completed", { completion: true, duration: duration(Date.now() - this.startedAt) });
  };

  // Passed or failed against the LMS's masteryScore (else the AU's own threshold).
  Cmi5.prototype.score = function (scaled, ownThreshold) {
    if (this.launchMode() !== "Normal") return Promise.resolve(null);
    var threshold = this.masteryScore() !== null ? this.masteryScore() : ownThreshold;
    var success = scaled >= threshold;
    return this.send(success ? "passed" : "failed", {
      score: { scaled: scaled },
      success: success,
      duration: duration(Date.now() - this.startedAt)
    }).then(function () { return success; });
  };

  Cmi5.prototype.terminate = function () {
    var self = this;
    return this.send("terminated", { duration: duration(Date.now() - this.startedAt) }).then(function () {
      var back = self.launchData && self.launchData.returnURL;
      if (back) global.location.href = back;
    });
  };

  // Page glue both AUs share: launch from this page's URL, show progress in
  // `status`, and enable `button` once the LMS answered. Returns the AU, or null.
  Cmi5.launchPage = function (status, button, connectedText) {
    function fail(error) {
      status.textContent = error.message;
      status.className = "status error";
    }
    try {
      var au = new Cmi5(global.location.href);
      au.fail = fail;
      au.start().then(function () {
        status.textContent = connectedText(au);
        button.disabled = false;
      }).catch(fail);
      return au;
    } catch (error) {
      fail(error);
      return null;
    }
  };

  global.Cmi5 = Cmi5;
  if (typeof module !== "undefined") module.exports = { Cmi5: Cmi5, duration: duration };
})(typeof window !== "undefined" ? window : globalThis);
