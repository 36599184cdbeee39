// Marks the check and reports a scaled score; the sequencing in the manifest
// turns it into the course's pass or fail (minNormalizedMeasure 0.8).
(function () {
  "use strict";
  var key = { q1: "smoke", q2: "alarm", q3: "no", q4: "co2", q5: "aim" };
  document.getElementById("check").addEventListener("submit", function (event) {
    event.preventDefault();
    var questions = Object.keys(key);
    var correct = 0;
    questions.forEach(function (q) {
      var picked = event.target.querySelector("input[name=" + q + "]:checked");
      if (picked && picked.value === key[q]) correct++;
    });
    var scaled = correct / questions.length;
    var passed = scaled >= 0.8;
    window.SafetyLesson.assessed(scaled, passed);
    document.getElementById("score").textContent =
      correct + " of " + questions.length + " correct: " + (passed ? "passed." : "not yet; revisit the lessons.");
  });
})();
