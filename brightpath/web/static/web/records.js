// The records page's buttons: copy a calendar feed link, make a feed, revoke one
// (after a confirm), and save the records target. All through the JSON API
// (BrightPath.api, static/web/api.js); the rest of the page needs no script.
(function () {
  "use strict";

  var root = document.getElementById("records");
  if (!root) return;
  var feedsUrl = root.dataset.feedsUrl;
  var targetUrl = root.dataset.targetUrl;

  function formErrors(form) { return form.querySelector(".form-errors"); }

  function showMessage(form, text) {
    var box = formErrors(form);
    box.textContent = text;
    box.hidden = !text;
  }

  // --- copy ----------------------------------------------------------------------------
  function selectText(input) {
    input.focus();
    input.select();
    input.setSelectionRange(0, input.value.length);
  }

  function copy(button) {
    var input = document.getElementById(button.dataset.copy);
    var done = function () {
      button.firstChild.textContent = "Copied";
      BrightPath.announce("Link copied");
      window.setTimeout(function () { button.firstChild.textContent = "Copy"; }, 2500);
    };
    // Without the clipboard (an old browser, or a page not served over HTTPS), the
    // text is selected so the parent can copy it with the keyboard or the menu.
    var fallback = function () {
      selectText(input);
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      if (copied) done();
      else BrightPath.announce("The link is selected: press Control+C (or Command+C) to copy it");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, fallback);
    } else {
      fallback();
    }
  }

  // --- feeds ---------------------------------------------------------------------------
  var list = document.getElementById("feed-list");
  var empty = document.getElementById("feeds-empty");
  var feedForm = document.getElementById("feed-form");

  function feedItem(feed) {
    var name = feed.childName || "The whole family";
    var id = "feed-url-" + feed.id;
    var li = document.createElement("li");
    li.className = "feed";
    li.dataset.feedId = feed.id;
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = name;
    var row = document.createElement("div");
    row.className = "feed-row";
    var input = document.createElement("input");
    input.id = id;
    input.className = "feed-url";
    input.type = "text";
    input.readOnly = true;
    input.value = feed.url;
    row.appendChild(input);
    row.appendChild(button("copy", "Copy", " the link for " + name, { copy: id }));
    var subscribe = document.createElement("a");
    subscribe.className = "subscribe";
    subscribe.href = feed.webcalUrl;
    subscribe.textContent = "Subscribe";
    subscribe.appendChild(hidden(" to " + name));
    row.appendChild(subscribe);
    row.appendChild(button("revoke secondary", "Revoke", " the link for " + name, { feed: feed.id, name: name }));
    li.appendChild(label);
    li.appendChild(row);
    return li;
  }

  function hidden(text) {
    var span = document.createElement("span");
    span.className = "visually-hidden";
    span.textContent = text;
    return span;
  }

  function button(className, text, more, data) {
    var node = document.createElement("button");
    node.type = "button";
    node.className = className;
    node.appendChild(document.createTextNode(text));
    node.appendChild(hidden(more));
    Object.keys(data).forEach(function (key) { node.dataset[key] = data[key]; });
    return node;
  }

  function refreshEmpty() {
    var any = list.children.length > 0;
    empty.hidden = any;
    feedForm.querySelector("button[type=submit]").textContent = any ? "Make a new feed link" : "Make a feed link";
  }

  function createFeed(event) {
    event.preventDefault();
    var submit = feedForm.querySelector("button[type=submit]");
    var choice = feedForm.querySelector("[name=childId]");
    var body = choice && choice.value ? { childId: choice.value } : {};
    BrightPath.clearErrors(feedForm);
    showMessage(feedForm, "");
    submit.disabled = true;
    BrightPath.api("POST", feedsUrl, body).then(function (result) {
      submit.disabled = false;
      if (!result.ok) {
        BrightPath.showErrors(feedForm, result.data.error);
        return;
      }
      var item = feedItem(result.data);
      list.appendChild(item);
      refreshEmpty();
      item.querySelector(".feed-url").focus();
      BrightPath.announce("New feed link made for " + (result.data.childName || "the whole family"));
    });
  }

  function revokeFeed(button) {
    var name = button.dataset.name;
    if (!window.confirm("Revoke the calendar link for " + name + "? Calendars subscribed to it stop updating, and the link stops working for good.")) return;
    var item = button.closest(".feed");
    button.disabled = true;
    BrightPath.api("DELETE", feedsUrl + button.dataset.feed + "/").then(function (result) {
      // Already revoked elsewhere (404) is as good as revoked here.
      if (!result.ok && result.status !== 404) {
        button.disabled = false;
        showMessage(feedForm, result.data.error.message);
        return;
      }
      item.remove();
      refreshEmpty();
      feedForm.querySelector("button[type=submit]").focus();
      BrightPath.announce("The link for " + name + " is revoked");
    });
  }

  // --- target --------------------------------------------------------------------------
  var targetForm = document.getElementById("target-form");

  function numberOrNull(value) {
    value = value.trim();
    if (value === "") return null;
    var number = Number(value);
    return Number.isInteger(number) ? number : value; // the API names what is wrong
  }

  function saveTarget(event) {
    event.preventDefault();
    var field = function (name) { return targetForm.querySelector("[name=" + name + "]").value; };
    var body = {
      state: field("state").trim(),
      yearStart: field("yearStart") || null,
      yearEnd: field("yearEnd") || null,
      requiredDays: numberOrNull(field("requiredDays")),
      requiredHours: numberOrNull(field("requiredHours")),
      requiredCoreHours: numberOrNull(field("requiredCoreHours")),
    };
    var submit = targetForm.querySelector("button[type=submit]");
    submit.disabled = true;
    BrightPath.api("PUT", targetUrl, body).then(function (result) {
      submit.disabled = false;
      if (!result.ok) {
        BrightPath.showErrors(targetForm, result.data.error);
        return;
      }
      BrightPath.announce("Target saved");
      // Progress is worked out on the server: show the page again with it.
      window.location.hash = "target";
      window.location.reload();
    });
  }

  // The buttons that need this script are hidden until it runs.
  root.querySelectorAll(".needs-js").forEach(function (node) { node.hidden = false; });
  root.addEventListener("click", function (event) {
    var target = event.target.closest("button");
    if (!target) return;
    if (target.classList.contains("copy")) copy(target);
    else if (target.classList.contains("revoke")) revokeFeed(target);
  });
  feedForm.addEventListener("submit", createFeed);
  targetForm.addEventListener("submit", saveTarget);
})();
