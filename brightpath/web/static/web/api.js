// What every page's script shares: calling the JSON API with the page's session
// (and its CSRF token), reading the API's one error shape, putting field errors
// next to their fields, and saying things to screen readers.
//
//   BrightPath.api("POST", "/api/schedule-items/<id>/move/", {...})
//     -> Promise of {ok, status, data}; never rejects on an HTTP error, only
//        when the network fails (then {ok: false, status: 0, data: {error: ...}}).
//   BrightPath.showErrors(form, data.error, {fieldName: "input-name"})
//   BrightPath.clearErrors(form)
//   BrightPath.announce("Saved")
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  function api(method, url, body) {
    var init = {
      method: method,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
    };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(
      function (response) {
        var type = response.headers.get("Content-Type") || "";
        var read = type.indexOf("json") >= 0 ? response.json() : response.text();
        return read.then(function (data) {
          if (!response.ok && (typeof data !== "object" || !data || !data.error)) {
            data = { error: { code: "http_" + response.status, message: "The server answered " + response.status + ". Please try again." } };
          }
          return { ok: response.ok, status: response.status, data: data };
        });
      },
      function () {
        return {
          ok: false,
          status: 0,
          data: { error: { code: "network", message: "Could not reach BrightPath. Check your connection and try again." } },
        };
      }
    );
  }

  function clearErrors(root) {
    root.querySelectorAll(".field-error").forEach(function (node) { node.remove(); });
    root.querySelectorAll("[aria-invalid]").forEach(function (node) {
      node.removeAttribute("aria-invalid");
      // Back to the field's own help text, if it had any.
      var help = node.getAttribute("data-help-ids");
      if (help) node.setAttribute("aria-describedby", help);
      else node.removeAttribute("aria-describedby");
      node.removeAttribute("data-help-ids");
    });
  }

  var errorCount = 0;

  // Each of the API's `fields` errors ("a.b[0].c": [messages]) under the control
  // whose name (or data-field) matches, through `names` when the two differ;
  // what matches no control goes in the form's summary, with the message.
  function showErrors(root, error, names) {
    names = names || {};
    clearErrors(root);
    var unplaced = [];
    var fields = (error && error.fields) || {};
    Object.keys(fields).forEach(function (key) {
      var name = names[key] || key;
      var control = root.querySelector('[name="' + CSS.escape(name) + '"], [data-field="' + CSS.escape(name) + '"]');
      if (!control) {
        unplaced.push(key + ": " + fields[key].join(" "));
        return;
      }
      var note = document.createElement("p");
      note.className = "field-error";
      note.id = "field-error-" + (++errorCount);
      note.textContent = fields[key].join(" ");
      control.setAttribute("aria-invalid", "true");
      // The error first, then the field's help text, which it keeps.
      if (!control.hasAttribute("data-help-ids")) {
        control.setAttribute("data-help-ids", control.getAttribute("aria-describedby") || "");
      }
      var help = control.getAttribute("data-help-ids");
      control.setAttribute("aria-describedby", (note.id + " " + help).trim());
      (control.closest(".field") || control).insertAdjacentElement("afterend", note);
    });
    var summary = root.querySelector(".form-errors");
    if (summary) {
      var lines = [(error && error.message) || ""].concat(unplaced).filter(Boolean);
      summary.textContent = lines.join(" ");
      summary.hidden = !lines.length;
    }
    var first = root.querySelector("[aria-invalid]");
    if (first) first.focus();
  }

  function announce(text) {
    var region = document.getElementById("announcer");
    if (!region) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  window.BrightPath = { api: api, csrfToken: csrfToken, showErrors: showErrors, clearErrors: clearErrors, announce: announce };
})();
