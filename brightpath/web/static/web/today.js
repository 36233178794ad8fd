// The today checklist without reloading: each item's forms (complete, uncomplete,
// skip, unskip) are sent to the JSON API instead of posting the page; the item and
// the progress are then read again from the server's page, so what shows is what
// was saved. Without JavaScript the same forms post to the page (views/today.py).
(function () {
  "use strict";

  var root, BP;

  var DONE = {
    complete: "marked done",
    uncomplete: "marked not done",
    skip: "skipped",
    unskip: "back on the list",
  };

  function minutes(value) {
    var parts = value.split(":");
    return parseInt(parts[0], 10) * 60 + parseInt(parts[1], 10);
  }

  // The request body for the API (the forms use the API's names), or the field
  // errors the server's form would give, said the same way.
  function bodyOf(form) {
    var data = new FormData(form);
    var body = { version: parseInt(data.get("version"), 10) };
    var action = form.dataset.action;
    if (action === "skip") body.reason = data.get("reason") || "";
    if (action !== "complete") return { body: body };
    var fields = {};
    body.notes = data.get("notes") || "";
    var start = data.get("actualStartTime") || "";
    var end = data.get("actualEndTime") || "";
    if (start && !end) fields.actualEndTime = ["Give the finish time too, or neither time."];
    else if (end && !start) fields.actualStartTime = ["Give the start time too, or neither time."];
    else if (start && end && minutes(end) <= minutes(start)) {
      fields.actualEndTime = ["The finish time must be after the start time."];
    } else if (start) {
      body.actualStartTime = start;
      body.actualEndTime = end;
    }
    if (data.get("childEngagement")) body.childEngagement = parseInt(data.get("childEngagement"), 10);
    if (data.get("parentInvolvement")) body.parentInvolvement = data.get("parentInvolvement");
    if (Object.keys(fields).length) {
      return { error: { message: "Please correct what is marked below.", fields: fields } };
    }
    return { body: body };
  }

  // Read the page again and put the fresh item, progress and summary in place.
  function refresh(itemId) {
    return fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error("reload failed");
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var item = document.getElementById("item-" + itemId);
        var newItem = fresh.getElementById("item-" + itemId);
        if (item && newItem) item.replaceWith(document.adoptNode(newItem));
        else if (item) item.remove();
        ["day-summary"].concat(
          Array.prototype.map.call(document.querySelectorAll(".child-progress"), function (node) { return node.id; })
        ).forEach(function (id) {
          var old = document.getElementById(id);
          var now = fresh.getElementById(id);
          if (old && now) old.replaceWith(document.adoptNode(now));
        });
        return document.getElementById("item-" + itemId);
      });
  }

  function say(item, text) {
    var message = item && item.querySelector(".item-message");
    if (message) {
      message.textContent = text;
      message.hidden = !text;
    }
  }

  function focusItem(item) {
    var heading = item && item.querySelector(".item-name");
    if (heading) heading.focus();
  }

  function onSubmit(event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-api]")) return;
    event.preventDefault();
    if (form.getAttribute("aria-busy") === "true") return;
    var item = form.closest(".item");
    var itemId = item.dataset.itemId;
    var name = item.dataset.name + " (" + item.dataset.child + ")";
    BP.clearErrors(form);
    say(item, "");
    var parsed = bodyOf(form);
    if (parsed.error) {
      BP.showErrors(form, parsed.error);
      BP.announce(parsed.error.message);
      return;
    }
    form.setAttribute("aria-busy", "true");
    form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    BP.announce("Saving…");
    BP.api("POST", form.dataset.api, parsed.body).then(function (result) {
      if (result.ok || result.status === 409) {
        var text = result.ok
          ? name + " " + DONE[form.dataset.action] + "."
          : result.data.error.message;
        return refresh(itemId).then(
          function (fresh) {
            if (!result.ok) say(fresh, text);
            focusItem(fresh);
            BP.announce(text);
          },
          function () {
            // Saved, but the page could not be read again: reload it whole.
            window.location.reload();
          }
        );
      }
      form.removeAttribute("aria-busy");
      form.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
      var error = result.data.error || { message: "Something went wrong. Please try again." };
      if (result.status === 404) error = { message: "This item is no longer in the plan. Reload the page to see the day as it is." };
      var details = form.querySelector("details");
      if (details && error.fields) details.open = true;
      BP.showErrors(form, error);
      BP.announce(error.message);
    });
  }

  // api.js is deferred after this script (base.html): start once both have run.
  document.addEventListener("DOMContentLoaded", function () {
    root = document.getElementById("today");
    BP = window.BrightPath;
    if (!root || !BP || !window.fetch) return;
    root.addEventListener("submit", onSubmit);
  });
})();
