// Spark's parent pages: every write goes through the JSON API (/api/spark/) with
// the page's session and CSRF token (BrightPath.api), and every refusal is shown
// in the API's one error shape, beside its field (BrightPath.showErrors).
//
//   consent form      POST consent/ {type: "coppa", signature, password|code};
//                     then PATCH profile/ {timezone} (the browser's), and, when
//                     ticked, POST consent/ {type: "data_sharing", ...}
//   add a child       POST children/ {name, birthDate, avatarId, pin, interests}
//   a child's settings PATCH children/<id>/ {settings: {...}}
//   download data     GET children/<id>/export/ -> a .json file
//   delete a child    DELETE children/<id>/ after a dialog that names what goes
//   revoke consent    DELETE consent/?type=coppa after a dialog that says what it does
//   consent again, or to an outside model: POST consent/ {type, signature, password|code}
//   the time zone     PATCH profile/ {timezone} with this browser's
//   mark a flag seen  POST flags/<message id>/review/
//
// After a change the page is read again from the server, which says what was
// done at the top of the page (kept in sessionStorage over the reload).
(function () {
  "use strict";

  var API = "/api/spark/";
  var FLASH_KEY = "brightpath.spark.flash";
  var B = window.BrightPath;

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }

  function busy(form, on) {
    $all("button", form).forEach(function (button) { button.disabled = on; });
    form.setAttribute("aria-busy", on ? "true" : "false");
  }

  function reloadSaying(text) {
    try { window.sessionStorage.setItem(FLASH_KEY, text); } catch (e) { /* private mode */ }
    window.location.reload();
  }

  function showFlash() {
    var text = null;
    try {
      text = window.sessionStorage.getItem(FLASH_KEY);
      window.sessionStorage.removeItem(FLASH_KEY);
    } catch (e) { return; }
    var flash = document.getElementById("spark-flash");
    if (!text || !flash) return;
    flash.textContent = text;
    flash.hidden = false;
    flash.focus();
  }

  // An error whose fields are "interests[2]" is shown at the interests field.
  function collapseIndexes(error) {
    if (!error || !error.fields) return error;
    var fields = {};
    Object.keys(error.fields).forEach(function (key) {
      var name = key.replace(/\[\d+\]$/, "");
      fields[name] = (fields[name] || []).concat(error.fields[key]);
    });
    return { code: error.code, message: error.message, fields: fields };
  }

  function fieldError(form, name, message) {
    var fields = {};
    fields[name] = [message];
    B.showErrors(form, { message: "", fields: fields });
  }

  function browserTimeZone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return ""; }
  }

  // --- dialogs: opened by a button naming them, closed by Cancel or Escape --------------

  $all("[data-open-dialog]").forEach(function (button) {
    var dialog = document.getElementById(button.getAttribute("data-open-dialog"));
    if (!dialog) return;
    button.addEventListener("click", function () {
      B.clearErrors(dialog);
      var summary = $(".form-errors", dialog);
      if (summary) summary.hidden = true;
      dialog.showModal();
    });
    dialog.addEventListener("close", function () { button.focus(); });
    $all("[data-close]", dialog).forEach(function (close) {
      close.addEventListener("click", function () { dialog.close(); });
    });
  });

  function dialogError(dialog, data) {
    var summary = $(".form-errors", dialog);
    summary.textContent = (data.error && data.error.message) || "That did not work. Please try again.";
    summary.hidden = false;
  }

  // --- proof that it is the parent: the password, or a code sent by email --------------

  function proof(form) {
    var body = { signature: form.elements.signature.value };
    if (form.elements.password) body.password = form.elements.password.value;
    if (form.elements.code) body.code = form.elements.code.value.trim();
    return body;
  }

  $all("[data-send-code]").forEach(function (button) {
    button.addEventListener("click", function () {
      var form = button.closest("form");
      button.disabled = true;
      B.api("POST", API + "consent/code/", {}).then(function (result) {
        button.disabled = false;
        if (!result.ok) {
          B.showErrors(form, result.data.error, { password: "code" });
          return;
        }
        B.announce("We emailed you a 6-digit code. It works for 15 minutes.");
        button.textContent = "Email me a new code";
        form.elements.code.focus();
      });
    });
  });

  // --- the consent form ----------------------------------------------------------------

  var consentForm = document.getElementById("consent-form");
  if (consentForm) {
    var zone = browserTimeZone();
    consentForm.elements.timezone.value = zone;
    if (zone) {
      $("[data-timezone-name]", consentForm).textContent = zone;
      $(".timezone-note", consentForm).hidden = false;
    }
    consentForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var form = consentForm;
      if (!form.elements.guardian.checked) {
        fieldError(form, "guardian", "Only a parent or legal guardian can give consent: tick the box if you are one.");
        return;
      }
      var body = proof(form);
      body.type = "coppa";
      busy(form, true);
      B.api("POST", API + "consent/", body).then(function (result) {
        if (!result.ok) {
          busy(form, false);
          B.showErrors(form, result.data.error, { type: "guardian" });
          return;
        }
        var zoneSaved = form.elements.timezone.value
          ? B.api("PATCH", API + "profile/", { timezone: form.elements.timezone.value })
          : Promise.resolve({ ok: true });
        zoneSaved.then(function () {
          var sharing = form.elements.dataSharing && form.elements.dataSharing.checked;
          if (!sharing) return { ok: true, skipped: true };
          var again = proof(form);
          again.type = "data_sharing";
          return B.api("POST", API + "consent/", again);
        }).then(function (shared) {
          var text = "Thank you: your consent is recorded, and a confirmation is on its way by email. Add your children below.";
          if (!shared.ok) {
            text += " Sharing with an outside model was not recorded: " + shared.data.error.message;
          } else if (!shared.skipped) {
            text += " You also allowed an outside AI model.";
          }
          reloadSaying(text);
        });
      });
    });
  }

  // --- the separate consent to an outside model, and stopping it -----------------------

  $all("form[data-consent]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var body = proof(form);
      body.type = form.getAttribute("data-consent");
      busy(form, true);
      B.api("POST", API + "consent/", body).then(function (result) {
        busy(form, false);
        if (!result.ok) {
          B.showErrors(form, result.data.error);
          return;
        }
        reloadSaying(form.getAttribute("data-done"));
      });
    });
  });

  // --- the time zone the children's days follow: this browser's, if it differs ----------

  $all("[data-use-browser-zone]").forEach(function (button) {
    var zone = browserTimeZone();
    var holder = button.closest("[data-timezone]");
    if (!zone || !holder || holder.getAttribute("data-timezone") === zone) return;
    $("[data-timezone-name]", button).textContent = zone;
    button.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      B.api("PATCH", API + "profile/", { timezone: zone }).then(function (result) {
        button.disabled = false;
        if (!result.ok) {
          B.announce(result.data.error.message);
          return;
        }
        reloadSaying("Your children’s days now follow " + zone + ".");
      });
    });
  });

  $all("[data-stop-sharing]").forEach(function (button) {
    button.addEventListener("click", function () {
      button.disabled = true;
      B.api("DELETE", API + "consent/?type=data_sharing").then(function (result) {
        button.disabled = false;
        if (!result.ok) {
          B.announce(result.data.error.message);
          return;
        }
        reloadSaying("Stopped: the guide no longer uses an outside AI model.");
      });
    });
  });

  $all("[data-revoke]").forEach(function (button) {
    var dialog = button.closest("dialog");
    button.addEventListener("click", function () {
      button.disabled = true;
      B.api("DELETE", API + "consent/?type=coppa").then(function (result) {
        button.disabled = false;
        if (!result.ok) {
          dialogError(dialog, result.data);
          return;
        }
        reloadSaying("Your consent is revoked: Spark is stopped for every child, and nothing new is collected.");
      });
    });
  });

  // --- adding a child ------------------------------------------------------------------

  var addForm = document.getElementById("add-child-form");
  if (addForm) {
    addForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var form = addForm;
      var pin = form.elements.pin.value;
      if (pin !== form.elements.pinAgain.value) {
        fieldError(form, "pinAgain", "The two PINs are not the same.");
        return;
      }
      var checked = $("input[name=avatarId]:checked", form);
      var interests = form.elements.interests.value.split(",")
        .map(function (word) { return word.trim(); })
        .filter(Boolean);
      var body = {
        name: form.elements.name.value,
        birthDate: form.elements.birthDate.value || null,
        avatarId: checked ? checked.value : "",
        pin: pin,
        interests: interests,
      };
      busy(form, true);
      B.api("POST", API + "children/", body).then(function (result) {
        busy(form, false);
        if (!result.ok) {
          B.showErrors(form, collapseIndexes(result.data.error));
          return;
        }
        reloadSaying("Added " + result.data.name + ". Open " + result.data.name + "’s Spark when they are ready.");
      });
    });
  }

  // --- a child's settings ----------------------------------------------------------------

  $all("form[data-child-settings]").forEach(function (form) {
    var saved = $(".saved", form);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var cap = form.elements["settings.dailyTimeLimitMinutes"].value;
      var settings = {
        dailyTimeLimitMinutes: /^\d+$/.test(cap) ? parseInt(cap, 10) : cap,
        bedtimeStart: form.elements["settings.bedtimeStart"].value,
        bedtimeEnd: form.elements["settings.bedtimeEnd"].value,
      };
      saved.textContent = "";
      busy(form, true);
      B.api("PATCH", form.getAttribute("data-url"), { settings: settings }).then(function (result) {
        busy(form, false);
        if (!result.ok) {
          B.showErrors(form, result.data.error);
          return;
        }
        B.clearErrors(form);
        $(".form-errors", form).hidden = true;
        saved.textContent = "Saved " + form.getAttribute("data-name") + "’s settings.";
        var shown = result.data.settings || {};
        var card = form.closest(".child-card");
        var today = card && $(".stat.today dd", card);
        if (today && shown.dailyTimeLimitMinutes) {
          today.firstChild.textContent = today.firstChild.textContent.replace(/of \d+ min/, "of " + shown.dailyTimeLimitMinutes + " min");
        }
      });
    });
  });

  // --- downloading a child's data ------------------------------------------------------

  $all("[data-export]").forEach(function (button) {
    button.addEventListener("click", function () {
      button.disabled = true;
      B.api("GET", button.getAttribute("data-url")).then(function (result) {
        button.disabled = false;
        if (!result.ok) {
          B.announce(result.data.error.message);
          return;
        }
        var blob = new Blob([JSON.stringify(result.data, null, 2)], { type: "application/json" });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = button.getAttribute("data-filename");
        document.body.appendChild(link);
        link.click();
        link.remove();
        window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
        B.announce("Downloaded " + link.download + ".");
      });
    });
  });

  // --- deleting a child ------------------------------------------------------------------

  $all("[data-delete-child]").forEach(function (button) {
    var dialog = button.closest("dialog");
    button.addEventListener("click", function () {
      button.disabled = true;
      B.api("DELETE", button.getAttribute("data-url")).then(function (result) {
        button.disabled = false;
        if (!result.ok) {
          dialogError(dialog, result.data);
          return;
        }
        reloadSaying("Deleted " + button.getAttribute("data-name") + " and everything Spark kept about them.");
      });
    });
  });

  // --- the dashboard: marking a flagged message as seen ----------------------------------

  $all("[data-review]").forEach(function (button) {
    button.addEventListener("click", function () {
      var flag = button.closest(".flag");
      button.disabled = true;
      B.api("POST", button.getAttribute("data-url"), {}).then(function (result) {
        if (!result.ok) {
          button.disabled = false;
          B.announce(result.data.error.message);
          return;
        }
        flag.classList.add("seen");
        var state = $(".flag-state", flag);
        state.textContent = "Seen";
        button.remove();
        var count = document.querySelector("[data-unseen-count='" + flag.getAttribute("data-child") + "']");
        if (count) {
          var left = Math.max(0, parseInt(count.getAttribute("data-value"), 10) - 1);
          count.setAttribute("data-value", left);
          count.textContent = left ? left + " not seen yet" : "all seen";
        }
        state.setAttribute("tabindex", "-1");
        state.focus();
        B.announce("Marked as seen.");
      });
    });
  });

  showFlash();
})();
