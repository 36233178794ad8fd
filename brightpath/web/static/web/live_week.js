// Live updates for the family week page (/week/): when another device changes
// this week (an item done, moved, added; a carry-over, a day off, a new plan),
// the plan on this page is fetched again and replaced, without a reload, and
// "brightpath:week-refreshed" is sent on the document (the calendar, calendar.js,
// reads its items again then). calendar.js also asks for a refresh after its own
// changes: BrightPath.liveWeek.refresh() -> Promise, settled once the page is fresh.
//
// With a live channel (the page gives data-events-url: the server has Redis) it
// listens to GET /api/family/events/ with EventSource; each time the stream
// (re)opens it asks /api/family/changes/ once, to catch up on what happened
// while it was not listening. Without one, or once the stream gives up for good,
// it polls /api/family/changes/ every data-poll-seconds while the tab is visible.
(function () {
  "use strict";

  var page = document.getElementById("family-week");
  if (!page || !window.fetch) return;
  var week = page.dataset.week;
  var changesUrl = page.dataset.changesUrl;
  var eventsUrl = page.dataset.eventsUrl;
  var pollMs = Math.max(parseInt(page.dataset.pollSeconds, 10) || 20, 1) * 1000;
  var note = page.querySelector(".live-note");

  function plan() {
    return document.getElementById("week-plan");
  }

  // One refresh at a time; a change that arrives during one asks for another,
  // and every caller waits for the refresh that starts after its call.
  var refreshing = null;
  var again = null;

  function refresh() {
    if (refreshing) {
      again = again || refreshing.then(refresh);
      return again;
    }
    refreshing = fetchPlan().then(function () {
      refreshing = null;
    });
    return refreshing;
  }

  function fetchPlan() {
    again = null;
    return fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error("week page answered " + response.status);
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("week-plan");
        if (!fresh) return; // signed out, or redirected: leave the page as it is
        plan().replaceWith(document.adoptNode(fresh));
        if (note) {
          note.textContent = "Updated at " + new Date().toLocaleTimeString([], {
            hour: "2-digit",
            minute: "2-digit",
            hour12: false,
          });
        }
        document.dispatchEvent(new CustomEvent("brightpath:week-refreshed"));
      })
      .catch(function () {}); // the next event or poll tries again
  }

  window.BrightPath = window.BrightPath || {};
  window.BrightPath.liveWeek = { refresh: refresh };

  function poll() {
    var url = changesUrl + "?week=" + week + "&since=" + encodeURIComponent(plan().dataset.cursor);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        if (answer && answer.changed) refresh();
      })
      .catch(function () {});
  }

  var polling = false;

  function startPolling() {
    if (polling) return;
    polling = true;
    window.setInterval(function () {
      if (!document.hidden) poll();
    }, pollMs);
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) poll();
    });
  }

  function touchesThisWeek(event) {
    return (event.weeks || []).some(function (changed) {
      return changed.weekStart === week;
    });
  }

  if (!eventsUrl || !window.EventSource) {
    startPolling();
    return;
  }
  var source = new EventSource(eventsUrl);
  source.addEventListener("open", poll);
  source.addEventListener("schedule", function (message) {
    var event;
    try {
      event = JSON.parse(message.data);
    } catch (error) {
      return;
    }
    if (touchesThisWeek(event)) refresh();
  });
  source.addEventListener("error", function () {
    // CONNECTING: EventSource retries by itself. CLOSED: it gave up (signed out,
    // or the server answered poll mode), so poll instead.
    if (source.readyState === EventSource.CLOSED) startPolling();
  });
})();
