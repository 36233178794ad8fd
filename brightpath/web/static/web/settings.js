/* Settings pages: small enhancements; every form works without this file.
   - a removal asks first with a dialog (without JS, the server shows a confirm page);
   - a commitment form shows only the fields its frequency uses;
   - a subject's time shows only when it is always at the same time;
   - after a form came back with errors, focus goes to its list of errors;
     after a save, the message is read out. */
(function () {
  "use strict";

  function confirmRemovals() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) {
          event.preventDefault();
          return;
        }
        var yes = document.createElement("input");
        yes.type = "hidden";
        yes.name = "confirmed";
        yes.value = "yes";
        form.appendChild(yes);
      });
    });
  }

  // Hidden groups are disabled too, so what they hold is not sent.
  function showGroup(group, shown) {
    group.hidden = !shown;
    group.querySelectorAll("input, select, textarea").forEach(function (control) {
      control.disabled = !shown;
    });
  }

  function commitmentForms() {
    document.querySelectorAll("form[data-commitment]").forEach(function (form) {
      var frequency = form.querySelector("[name=frequency]");
      if (!frequency) return;
      function update() {
        form.querySelectorAll("[data-when]").forEach(function (group) {
          var uses = group.dataset.when.split(" ").indexOf(frequency.value) !== -1;
          var hasError = group.querySelector(".errorlist") !== null;
          showGroup(group, uses || hasError);
        });
      }
      frequency.addEventListener("change", update);
      update();
    });
  }

  function fixedTime() {
    document.querySelectorAll("[data-fixed-time]").forEach(function (box) {
      var fixed = box.querySelector("input[type=checkbox]");
      var time = box.querySelector("input[type=time]");
      if (!fixed || !time) return;
      var field = time.closest(".field");
      function update() {
        var shown = fixed.checked || field.querySelector(".errorlist") !== null;
        showGroup(field, shown);
      }
      fixed.addEventListener("change", function () {
        update();
        if (fixed.checked) time.focus();
      });
      update();
    });
  }

  function busyButtons() {
    document.querySelectorAll("button[data-busy]").forEach(function (button) {
      button.form.addEventListener("submit", function (event) {
        if (event.submitter !== button) return;
        // Disabled after the submit has read the button, so it still counts.
        setTimeout(function () {
          button.disabled = true;
          button.textContent = button.dataset.busy;
        }, 0);
      });
    });
  }

  // A form that came back: focus on what was wrong. Else a saved change: say so
  // (a live region that is already on the page when it loads is not read out).
  function focusErrorsOrAnnounce() {
    var summary = document.querySelector(".error-summary");
    if (summary) {
      summary.focus();
      return;
    }
    var flash = document.querySelector(".flash");
    if (flash && window.BrightPath) window.BrightPath.announce(flash.textContent.trim());
  }

  document.addEventListener("DOMContentLoaded", function () {
    confirmRemovals();
    commitmentForms();
    fixedTime();
    busyButtons();
    focusErrorsOrAnnounce();
  });
})();
