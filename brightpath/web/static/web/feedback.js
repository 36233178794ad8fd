// The weekly feedback forms (home page prompt, /feedback/): with JavaScript they
// post to the JSON API (/api/feedback/) and thank the parent in place; without
// it they post to the page's own view, which calls the same service.
(function () {
  "use strict";

  var STATEMENTS = ["q1", "q2", "q3", "q4", "q5"];
  var ADJUSTMENTS = ["timeShifted", "blocksResized", "subjectsReordered"];
  // The API's field paths -> the form's control names.
  var NAMES = {};
  STATEMENTS.forEach(function (key) { NAMES["feedbackData.likertResponses." + key] = key; });
  ADJUSTMENTS.forEach(function (key) { NAMES["feedbackData.adjustments." + key] = key; });

  function body(form) {
    var data = new FormData(form);
    var out = { scheduleId: data.get("scheduleId"), rating: data.get("rating") ? Number(data.get("rating")) : null };
    if (data.get("comments")) out.comments = data.get("comments");
    var feedbackData = {};
    var likert = {};
    STATEMENTS.forEach(function (key) { if (data.get(key)) likert[key] = Number(data.get(key)); });
    if (Object.keys(likert).length) feedbackData.likertResponses = likert;
    if (data.get("form") === "full") {
      // The full form lists every change: unticked means "no".
      feedbackData.adjustments = {};
      ADJUSTMENTS.forEach(function (key) { feedbackData.adjustments[key] = data.has(key); });
    }
    if (Object.keys(feedbackData).length) out.feedbackData = feedbackData;
    return out;
  }

  function thank(form, text) {
    var note = document.createElement("p");
    note.className = "thanks";
    note.textContent = text;
    form.replaceWith(note);
    BrightPath.announce(text);
  }

  document.querySelectorAll("form[data-feedback-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector('button[type="submit"]');
      button.disabled = true;
      BrightPath.api("POST", "/api/feedback/", body(form)).then(function (result) {
        button.disabled = false;
        if (result.ok) {
          var whose = result.data.childName ? result.data.childName + "'s week" : "the week";
          thank(form, "Thank you: your rating of " + whose + " is saved. It helps plan the next one.");
        } else if (result.status === 409) {
          thank(form, result.data.error.message);
        } else {
          BrightPath.showErrors(form, result.data.error, NAMES);
        }
      });
    });
  });
})();
