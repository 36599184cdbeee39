// Scores the quiz and reports it to the LMS through SafetyCourse (shared/scorm12.js).
(function () {
  "use strict";
  var answers = { q1: "b", q2: "b", q3: "a", q4: "b" };
  var passMark = 75;

  document.getElementById("quiz").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    var names = Object.keys(answers);
    var right = names.filter(function (n) {
      var chosen = form.querySelector("input[name=" + n + "]:checked");
      return chosen && chosen.value === answers[n];
    }).length;
    var score = (100 * right) / names.length;
    var passed = score >= passMark;
    window.SafetyCourse.score(score, passed);
    document.getElementById("result").textContent =
      "You scored " + Math.round(score) + "%. " + (passed ? "Well done: you passed." : "Review the modules and try again.");
  });
})();
