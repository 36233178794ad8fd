// The week as a calendar the parent changes by hand (/week/), on FullCalendar
// (static/vendor/fullcalendar-*/, its standard bundle with drag and drop).
//
// Items come from GET /api/family/week/ and every change goes through the
// JSON API, with the version the page read (optimistic concurrency):
//   drag or resize -> POST /api/schedule-items/<id>/move/ {version, date, startTime, endTime?}
//   a clash (409 with error.conflicts) -> a dialog: "Keep anyway" sends force: true,
//     "Cancel" puts the item back;
//   a stale version (409 with error.current) -> the item is shown as it is now,
//     with a message: nothing of the other change is lost;
//   skip, unskip, add an activity, delete one, replan the week;
//   the last change can be undone (the toast's "Undo").
// Drag and drop is not the only way: every item opens a dialog (click, or Enter
// on it) with a form to move it, and the list view lists every item with a button.
//
// Times are the family's wall-clock times: the calendar runs in UTC, so that a
// "09:00" is 09:00 whatever the browser's time zone and its daylight saving.
(function () {
  "use strict";

  var page = document.getElementById("family-week");
  var configNode = document.getElementById("calendar-config");
  if (!page || !configNode || !window.BrightPath) return;
  var B = window.BrightPath;
  var config = JSON.parse(configNode.textContent);

  var WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var LIST = "list";

  var calendarEl = document.getElementById("calendar");
  var stateEl = page.querySelector(".calendar-state");
  var children = {};
  config.children.forEach(function (child) { children[child.id] = child; });
  var items = {}; // id -> the item as the API answered it, with childId and childName
  var hiddenChildren = {}; // child id -> true while the filter hides that child
  var calendar = null;
  var lastUndo = null;

  // --- dates and times ------------------------------------------------------------

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function hhmm(date) { return pad(date.getUTCHours()) + ":" + pad(date.getUTCMinutes()); }
  function isoDate(date) {
    return date.getUTCFullYear() + "-" + pad(date.getUTCMonth() + 1) + "-" + pad(date.getUTCDate());
  }
  function utc(iso) { return new Date(iso + "T00:00:00Z"); }
  function dayLabel(iso) {
    var d = utc(iso);
    return WEEKDAYS[d.getUTCDay()] + " " + d.getUTCDate() + " " + MONTHS[d.getUTCMonth()];
  }
  function minutes(text) {
    var parts = text.split(":");
    return parseInt(parts[0], 10) * 60 + parseInt(parts[1], 10);
  }
  function clock(total) {
    total = Math.max(0, Math.min(total, 24 * 60 - 5));
    return pad(Math.floor(total / 60)) + ":" + pad(total % 60);
  }
  function weekDates() {
    var out = [];
    for (var n = 0; n < 7; n++) {
      out.push(isoDate(new Date(utc(config.week).getTime() + n * 86400000)));
    }
    return out;
  }

  // --- items as calendar events -----------------------------------------------------

  function editable(item) {
    return item.type !== "commitment" && !item.completed && !item.skipped && item.date >= config.today;
  }

  function stateWords(item) {
    if (item.completed) return "done";
    if (item.skipped) return "skipped";
    if (item.type === "commitment") return "commitment";
    if (item.type === "activity") return "added by you";
    return item.pinned ? "moved by you" : "";
  }

  // "Lesson 23 of 120: Fractions" for a session of a subject with a lesson sequence.
  function lessonText(item) {
    var lesson = item.lesson;
    return lesson ? "Lesson " + lesson.position + " of " + lesson.of + ": " + lesson.title : "";
  }

  function describe(item) {
    var words = stateWords(item);
    var lesson = lessonText(item);
    return item.childName + ": " + item.name + (lesson ? " (" + lesson + ")" : "") + ", " +
      dayLabel(item.date) + ", " + item.startTime + " to " + item.endTime + (words ? ", " + words : "");
  }

  function toEvent(item) {
    var child = children[item.childId] || { colour: "#52606d", tint: "#eef2f6" };
    var strong = item.type !== "commitment" && !item.completed && !item.skipped;
    return {
      id: item.id,
      title: item.name,
      start: item.date + "T" + item.startTime + ":00",
      end: item.date + "T" + item.endTime + ":00",
      editable: editable(item),
      classNames: ["item", "item-" + item.type].concat(
        item.completed ? ["is-done"] : [], item.skipped ? ["is-skipped"] : []
      ),
      backgroundColor: strong ? child.colour : item.type === "commitment" ? "#ffffff" : child.tint,
      borderColor: child.colour,
      textColor: strong ? "#ffffff" : "#1f2933",
      extendedProps: { itemId: item.id },
    };
  }

  function eventContent(arg) {
    var item = items[arg.event.id];
    if (!item) return true; // the parent's commitments and days off: FullCalendar's own
    var box = document.createElement("div");
    box.className = "item-body";
    var line = function (cls, text) {
      var span = document.createElement("span");
      span.className = cls;
      span.textContent = text;
      box.appendChild(span);
    };
    // Where the event is now: during a drop's question, the new place, not the saved one.
    var start = arg.event.start ? hhmm(arg.event.start) : item.startTime;
    var end = arg.event.end ? hhmm(arg.event.end) : item.endTime;
    line("item-time", start + "–" + end);
    line("item-name", item.name);
    if (item.lesson) line("item-lesson", item.lesson.title);
    if (!config.childId) line("item-who", item.childName);
    var words = stateWords(item);
    if (words) line("item-state", words);
    return { domNodes: [box] };
  }

  function eventDidMount(arg) {
    var item = items[arg.event.id];
    if (!item) return;
    arg.el.dataset.itemId = item.id;
    arg.el.setAttribute("role", "button");
    arg.el.setAttribute("aria-label", describe(item) + ". Open to change it.");
    arg.el.title = describe(item); // a short item shows only its first line
  }

  function visibleEvents() {
    return Object.keys(items)
      .map(function (id) { return items[id]; })
      .filter(function (item) { return !hiddenChildren[item.childId]; })
      .map(toEvent)
      .concat(parentBusy);
  }

  // The parent's own commitments and the days off, behind the items: the week is
  // planned around them, and a clash with one is a reason a drop is refused.
  var parentBusy = [];

  function busyEvents(days) {
    var out = [];
    days.forEach(function (day) {
      day.parentBusy.forEach(function (busy) {
        var whose = busy.childId ? (children[busy.childId] || {}).name : null;
        if (busy.dayOff && busy.childId && config.childId && busy.childId !== config.childId) return;
        out.push({
          title: busy.dayOff ? (whose ? whose + ": " : "") + busy.name : "You: " + busy.name,
          start: day.date + "T" + (busy.startTime || "00:00") + ":00",
          end: busy.dayOff ? isoDate(new Date(utc(day.date).getTime() + 86400000)) + "T00:00:00"
            : day.date + "T" + busy.endTime + ":00",
          display: "background",
          classNames: [busy.dayOff ? "day-off" : "parent-busy"],
        });
      });
    });
    return out;
  }

  // The hours the grid shows: the children's school hours and every item, an hour either side.
  function slotRange() {
    var first = minutes(config.hours[0]);
    var last = minutes(config.hours[1]);
    Object.keys(items).forEach(function (id) {
      first = Math.min(first, minutes(items[id].startTime));
      last = Math.max(last, minutes(items[id].endTime));
    });
    first = Math.max(0, Math.floor(first / 60) * 60 - 60);
    last = Math.min(24 * 60, Math.ceil(last / 60) * 60 + 60);
    return { min: clock(first) + ":00", max: last >= 24 * 60 ? "24:00:00" : clock(last) + ":00" };
  }

  // The weekdays hidden: none of the family's school days, and no day with something on it.
  function hiddenDays() {
    var shown = {};
    config.days.forEach(function (iso) { shown[utc(iso).getUTCDay()] = true; });
    Object.keys(items).forEach(function (id) { shown[utc(items[id].date).getUTCDay()] = true; });
    return [0, 1, 2, 3, 4, 5, 6].filter(function (day) { return !shown[day]; });
  }

  function render() {
    if (!calendar) return;
    var focused = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.itemId : null;
    var range = slotRange();
    calendar.batchRendering(function () {
      calendar.setOption("slotMinTime", range.min);
      calendar.setOption("slotMaxTime", range.max);
      calendar.setOption("hiddenDays", hiddenDays());
      calendar.getEventSources().forEach(function (source) { source.remove(); });
      calendar.addEventSource(visibleEvents());
    });
    if (focused) focusItem(focused);
  }

  function focusItem(id) {
    var el = calendarEl.querySelector('[data-item-id="' + CSS.escape(id) + '"]');
    if (el) el.focus();
  }

  function remember(item) {
    var before = items[item.id] || {};
    item.childId = item.childId || before.childId;
    item.childName = item.childName || before.childName;
    items[item.id] = item;
    return item;
  }

  // --- loading ------------------------------------------------------------------

  var loaded = false;
  var loads = 0; // the latest load wins: an earlier one answering late is dropped
  var deleted = {}; // ids this page deleted: a load that began before must not bring them back

  function load() {
    if (!loaded) showState("Loading the week…");
    var mine = ++loads;
    return B.api("GET", config.weekUrl + "?week=" + config.week).then(function (answer) {
      if (mine !== loads) return;
      if (!answer.ok) {
        showState("The week could not be loaded: " + answer.data.error.message, true);
        return;
      }
      var fresh = {};
      answer.data.days.forEach(function (day) {
        day.children.forEach(function (row) {
          if (config.childId && row.childId !== config.childId) return;
          row.items.forEach(function (item) {
            if (deleted[item.id]) return;
            // A write that answered after this load began is newer than what it read.
            var known = items[item.id];
            item.childId = row.childId;
            item.childName = row.childName;
            fresh[item.id] = known && known.version > item.version ? known : item;
          });
        });
      });
      items = fresh;
      parentBusy = busyEvents(answer.data.days);
      loaded = true;
      showState(Object.keys(items).length ? "" : "Nothing is planned for this week yet.");
      render();
      enhanceList();
    });
  }

  function showState(text, retry) {
    if (!stateEl) return;
    stateEl.textContent = text;
    stateEl.hidden = !text;
    stateEl.classList.toggle("is-error", Boolean(retry));
    if (retry) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.textContent = "Try again";
      button.addEventListener("click", load);
      stateEl.appendChild(document.createTextNode(" "));
      stateEl.appendChild(button);
    }
  }

  // The rest of the page (what clashes, what could not be placed, the lists) is
  // rendered by the server: live_week.js fetches it again.
  function refreshPage() {
    return B.liveWeek ? B.liveWeek.refresh() : Promise.resolve();
  }

  // --- messages and undo ----------------------------------------------------------

  var toast = document.getElementById("week-toast");

  function notify(text, options) {
    options = options || {};
    lastUndo = options.undo || null;
    toast.querySelector(".toast-text").textContent = text;
    toast.querySelector('[data-action="undo"]').hidden = !lastUndo;
    toast.classList.toggle("is-error", Boolean(options.error));
    toast.hidden = false;
    B.announce(text + (lastUndo ? " You can undo it." : ""));
  }

  toast.addEventListener("click", function (event) {
    var action = event.target.dataset.action;
    if (action === "dismiss") {
      toast.hidden = true;
      lastUndo = null;
    } else if (action === "undo" && lastUndo) {
      var undo = lastUndo;
      lastUndo = null;
      event.target.hidden = true;
      undo().then(function (done) {
        if (done) notify("Undone.");
      });
    }
  });

  // --- writing through the API -------------------------------------------------------

  var conflictDialog = document.getElementById("conflict-dialog");

  // Ask the parent about a clash: resolves true for "Keep anyway" (or "Add anyway").
  function askAboutClash(error, forceLabel) {
    return new Promise(function (resolve) {
      document.getElementById("conflict-message").textContent = error.message;
      var force = conflictDialog.querySelector('[data-choice="force"]');
      force.textContent = forceLabel;
      function done(answer) {
        conflictDialog.removeEventListener("click", onClick);
        conflictDialog.removeEventListener("cancel", onCancel);
        if (conflictDialog.open) conflictDialog.close();
        resolve(answer);
      }
      function onClick(event) {
        var choice = event.target.dataset.choice;
        if (choice) done(choice === "force");
      }
      function onCancel(event) {
        event.preventDefault();
        done(false);
      }
      conflictDialog.addEventListener("click", onClick);
      conflictDialog.addEventListener("cancel", onCancel);
      conflictDialog.showModal();
      conflictDialog.querySelector('[data-choice="cancel"]').focus();
    });
  }

  // Send a write; on a clash, ask, and send it again with force: true if the
  // parent keeps it. Resolves {ok, data} | {ok: false, cancelled} | {ok: false,
  // stale} | {ok: false, error} (a refusal the caller shows where it belongs).
  function write(method, url, body, forceLabel) {
    return B.api(method, url, body).then(function (answer) {
      if (answer.ok) return answer;
      var error = answer.data.error || {};
      if (answer.status === 409 && error.conflicts && forceLabel) {
        return askAboutClash(error, forceLabel).then(function (keep) {
          if (!keep) return { ok: false, cancelled: true };
          return write(method, url, Object.assign({}, body, { force: true }), null);
        });
      }
      if (answer.status === 409 && error.current) {
        // Someone else changed it first: show it as it is now; theirs is kept.
        var now = remember(error.current);
        render();
        notify(now.name + " was changed on another device or tab, so your change was not saved. " +
          "It now shows as it is; make your change again if you still want it.", { error: true });
        load();
        refreshPage();
        return { ok: false, stale: true };
      }
      if (answer.status === 409 || answer.status === 404) {
        // Replanned or deleted elsewhere: the whole week is read again.
        notify(error.message || "This week changed elsewhere; it now shows as it is.", { error: true });
        load();
        refreshPage();
        return { ok: false, stale: true };
      }
      return { ok: false, error: error };
    });
  }

  function itemUrl(item, action) {
    return "/api/schedule-items/" + item.id + "/" + (action ? action + "/" : "");
  }

  function slotText(where) {
    return dayLabel(where.date) + " " + where.startTime + "–" + where.endTime;
  }

  // Move (or resize, with where.endTime) an item; resolves the answer of write().
  function move(id, where, verb) {
    var item = items[id];
    var from = { date: item.date, startTime: item.startTime, endTime: item.endTime };
    var body = { version: item.version, date: where.date, startTime: where.startTime };
    if (where.endTime) body.endTime = where.endTime;
    return write("POST", itemUrl(item, "move"), body, "Keep anyway").then(function (answer) {
      if (!answer.ok) return answer;
      var moved = remember(answer.data);
      render();
      refreshPage();
      notify(verb + " " + moved.name + " (" + moved.childName + ") to " + slotText(moved) + ".", {
        undo: function () {
          return move(id, from, "Moved back").then(function (back) { return back.ok; });
        },
      });
      return answer;
    });
  }

  function skip(id, skipping) {
    var item = items[id];
    var action = skipping ? "skip" : "unskip";
    return write("POST", itemUrl(item, action), { version: item.version }).then(function (answer) {
      if (!answer.ok) {
        if (answer.error) notify(answer.error.message, { error: true });
        return answer;
      }
      var changed = remember(answer.data);
      render();
      refreshPage();
      notify((skipping ? "Skipped " : "Put back ") + changed.name + " (" + changed.childName + ") on " +
        dayLabel(changed.date) + ".", {
        undo: function () {
          return skip(id, !skipping).then(function (back) { return back.ok; });
        },
      });
      return answer;
    });
  }

  function remove(id) {
    var item = items[id];
    var url = itemUrl(item) + "?version=" + item.version;
    return write("DELETE", url).then(function (answer) {
      if (!answer.ok) {
        if (answer.error) notify(answer.error.message, { error: true });
        return answer;
      }
      delete items[id];
      deleted[id] = true;
      render();
      refreshPage();
      var again = {
        childId: item.childId,
        name: item.name,
        date: item.date,
        startTime: item.startTime,
        endTime: item.endTime,
        notes: item.notes || "",
        parentInvolvement: item.parentInvolvement || "some_assistance",
        force: true, // it was there: putting it back is not a new clash to ask about
      };
      notify("Deleted " + item.name + " (" + item.childName + ").", {
        undo: function () {
          return add(again).then(function (back) { return back.ok; });
        },
      });
      return answer;
    });
  }

  function add(body) {
    return write("POST", "/api/schedule-items/", body, "Add anyway").then(function (answer) {
      if (!answer.ok) return answer;
      var added = answer.data;
      added.childId = body.childId;
      added.childName = (children[body.childId] || {}).name || "";
      remember(added);
      render();
      refreshPage();
      notify("Added " + added.name + " (" + added.childName + ") on " + slotText(added) + ".", {
        undo: function () {
          return remove(added.id).then(function (back) {
            if (back.ok) notify("Undone: " + added.name + " is no longer on the week.");
            return false; // remove() said what happened
          });
        },
      });
      return answer;
    });
  }

  // --- drag and drop ----------------------------------------------------------

  function dropped(info, verb) {
    var event = info.event;
    var where = { date: isoDate(event.start), startTime: hhmm(event.start) };
    if (verb === "Changed") where.endTime = hhmm(event.end);
    move(event.id, where, verb).then(function (answer) {
      if (answer.ok) return;
      if (!answer.stale) info.revert();
      if (answer.cancelled) B.announce("Cancelled: " + items[event.id].name + " stays where it was.");
      if (answer.error) notify(answer.error.message, { error: true });
    });
  }

  // --- the item's dialog (the keyboard's and the phone's way) ----------------------------

  var itemDialog = document.getElementById("item-dialog");
  var itemForm = itemDialog.querySelector("form");
  var openId = null;
  var FIELDS = { date: "date", startTime: "startTime", endTime: "endTime" };

  function dayOptions(select, chosen) {
    select.innerHTML = "";
    weekDates().forEach(function (iso) {
      var option = document.createElement("option");
      option.value = iso;
      option.textContent = dayLabel(iso);
      option.selected = iso === chosen;
      select.appendChild(option);
    });
  }

  function fillItemDialog(item) {
    itemDialog.querySelector("#item-dialog-title").textContent = item.name;
    var words = stateWords(item);
    var lesson = lessonText(item);
    itemDialog.querySelector(".item-summary").textContent = item.childName + " · " +
      slotText(item) + (words ? " · " + words : "") + (lesson ? " · " + lesson : "");
    var lock = itemDialog.querySelector(".item-lock");
    var canMove = editable(item);
    lock.hidden = canMove;
    if (item.type === "commitment") {
      lock.textContent = "A commitment moves with the commitment: change it in Settings.";
    } else if (item.completed) {
      lock.textContent = "It is done. Mark it not done in today's checklist to change it.";
    } else if (item.skipped) {
      lock.textContent = "It is skipped. Put it back to move it.";
    } else {
      lock.textContent = "It is in the past, and stays as it was.";
    }
    itemDialog.querySelector(".item-move").hidden = !canMove;
    dayOptions(itemForm.elements.date, item.date);
    itemForm.elements.startTime.value = item.startTime;
    itemForm.elements.endTime.value = item.endTime;
    itemForm.elements.startTime.dataset.was = item.startTime;
    var upcoming = item.date >= config.today && !item.completed;
    var canSkip = upcoming && item.type !== "commitment";
    itemDialog.querySelector('[data-action="skip"]').hidden = !(canSkip && !item.skipped);
    itemDialog.querySelector('[data-action="unskip"]').hidden = !(canSkip && item.skipped);
    itemDialog.querySelector('[data-action="delete"]').hidden = !(item.type === "activity" && upcoming);
    itemDialog.querySelector(".today-link").href = config.todayUrl + "?date=" + item.date +
      "&child=" + item.childId;
    B.clearErrors(itemForm);
    itemForm.querySelector(".form-errors").hidden = true;
  }

  function openItem(id) {
    var item = items[id];
    if (!item) return;
    openId = id;
    fillItemDialog(item);
    itemDialog.showModal();
  }

  // Moving the start keeps the length: the end follows it.
  itemForm.elements.startTime.addEventListener("change", function () {
    var input = itemForm.elements.startTime;
    var end = itemForm.elements.endTime;
    if (!input.value || !input.dataset.was || !end.value) return;
    end.value = clock(minutes(end.value) + minutes(input.value) - minutes(input.dataset.was));
    input.dataset.was = input.value;
  });

  itemForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var item = items[openId];
    if (!item) return;
    var where = {
      date: itemForm.elements.date.value,
      startTime: itemForm.elements.startTime.value,
      endTime: itemForm.elements.endTime.value,
    };
    var problems = {};
    if (!where.startTime) problems.startTime = ["Give a start time."];
    if (!where.endTime) problems.endTime = ["Give an end time."];
    else if (where.startTime && minutes(where.endTime) <= minutes(where.startTime)) {
      problems.endTime = ["It must end after it starts."];
    }
    if (Object.keys(problems).length) {
      B.showErrors(itemForm, { message: "", fields: problems }, FIELDS);
      return;
    }
    if (where.date === item.date && where.startTime === item.startTime && where.endTime === item.endTime) {
      itemDialog.close();
      return;
    }
    var resized = where.date === item.date && where.startTime === item.startTime;
    move(openId, where, resized ? "Changed" : "Moved").then(function (answer) {
      if (answer.ok) {
        itemDialog.close();
        focusItem(openId);
      } else if (answer.stale) {
        fillItemDialog(items[openId]);
        var summary = itemForm.querySelector(".form-errors");
        summary.textContent = "It was changed elsewhere; here it is now. Nothing was saved.";
        summary.hidden = false;
      } else if (answer.error) {
        B.showErrors(itemForm, answer.error, FIELDS);
      }
    });
  });

  itemDialog.addEventListener("click", function (event) {
    var action = event.target.dataset && event.target.dataset.action;
    if (!action || action === "move") return;
    if (action === "close") {
      itemDialog.close();
      return;
    }
    var id = openId;
    var run = action === "delete" ? remove(id) : skip(id, action === "skip");
    run.then(function (answer) {
      if (answer.ok) {
        itemDialog.close();
        if (action !== "delete") focusItem(id);
      } else if (answer.stale && items[id]) {
        fillItemDialog(items[id]);
      }
    });
  });

  // Clicking the backdrop closes the item's dialog (Escape does, natively).
  itemDialog.addEventListener("mousedown", function (event) {
    var box = itemDialog.getBoundingClientRect();
    var outside = event.clientX < box.left || event.clientX > box.right ||
      event.clientY < box.top || event.clientY > box.bottom;
    if (event.target === itemDialog && outside) itemDialog.close(); // not its own padding
  });

  // --- adding an activity -------------------------------------------------------------

  var addDialog = document.getElementById("add-dialog");
  var addForm = addDialog.querySelector("form");
  var ADD_FIELDS = { childId: "childId", name: "name", date: "date", startTime: "startTime", endTime: "endTime" };

  function openAdd(prefill) {
    prefill = prefill || {};
    B.clearErrors(addForm);
    addForm.querySelector(".form-errors").hidden = true;
    var first = weekDates().filter(function (iso) { return iso >= config.today; })[0] || config.week;
    dayOptions(addForm.elements.date, prefill.date || first);
    if (prefill.startTime) addForm.elements.startTime.value = prefill.startTime;
    if (prefill.endTime) addForm.elements.endTime.value = prefill.endTime;
    if (config.childId) addForm.elements.childId.value = config.childId;
    addDialog.showModal();
    addForm.elements.name.focus();
  }

  addForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var body = {
      childId: addForm.elements.childId.value,
      name: addForm.elements.name.value.trim(),
      date: addForm.elements.date.value,
      startTime: addForm.elements.startTime.value,
      endTime: addForm.elements.endTime.value,
      parentInvolvement: addForm.elements.parentInvolvement.value,
    };
    var problems = {};
    if (!body.name) problems.name = ["Say what it is."];
    if (!body.startTime) problems.startTime = ["Give a start time."];
    if (!body.endTime) problems.endTime = ["Give an end time."];
    else if (body.startTime && minutes(body.endTime) <= minutes(body.startTime)) {
      problems.endTime = ["It must end after it starts."];
    }
    if (Object.keys(problems).length) {
      B.showErrors(addForm, { message: "", fields: problems }, ADD_FIELDS);
      return;
    }
    add(body).then(function (answer) {
      if (answer.ok) {
        addDialog.close();
        addForm.elements.name.value = "";
        focusItem(answer.data.id);
      } else if (answer.error) {
        B.showErrors(addForm, answer.error, ADD_FIELDS);
      }
    });
  });

  addDialog.addEventListener("click", function (event) {
    if (event.target.dataset && event.target.dataset.action === "close") addDialog.close();
  });

  // --- replanning the week -----------------------------------------------------------

  var replanDialog = document.getElementById("replan-dialog"); // none for a past week
  var replanButton = replanDialog && replanDialog.querySelector('[data-action="replan"]');
  var replanProgress = replanDialog && replanDialog.querySelector(".replan-progress");
  var replanErrors = replanDialog && replanDialog.querySelector(".form-errors");
  var planned = Boolean(calendarEl);

  function showReplanNote() {
    var note = document.querySelector("#week-plan .replan-note");
    if (!note) return;
    var body = replanDialog.querySelector(".replan-body");
    body.innerHTML = "";
    var copy = note.cloneNode(true);
    copy.hidden = false;
    body.appendChild(copy);
  }

  function openReplan() {
    replanErrors.hidden = true;
    replanProgress.hidden = true;
    replanButton.disabled = false;
    showReplanNote();
    replanDialog.showModal();
    if (planned) refreshPage().then(showReplanNote); // the counts as they are now
  }

  function replanFailed(message) {
    replanProgress.hidden = true;
    replanButton.disabled = false;
    replanErrors.textContent = message;
    replanErrors.hidden = false;
  }

  function replanned() {
    replanProgress.hidden = true;
    replanDialog.close();
    if (!planned) {
      window.location.reload();
      return;
    }
    lastUndo = null;
    notify("The week is replanned. Done, moved and past sessions stayed where they were.");
    load();
    refreshPage();
  }

  function waitForTask(url, started) {
    window.setTimeout(function () {
      B.api("GET", url).then(function (answer) {
        var state = answer.ok ? answer.data.state : "ERROR";
        var seconds = Math.round((Date.now() - started) / 1000);
        replanProgress.querySelector("span").textContent = "Planning the week… (" + seconds + " s)";
        if (state === "SUCCESS") replanned();
        else if (state === "FAILURE" || state === "ERROR") {
          replanFailed((answer.data.result && answer.data.result.error) ||
            "The week could not be planned; try again in a moment.");
        } else if (seconds > 180) replanFailed("Planning is taking too long; the week will update when it is done.");
        else waitForTask(url, started);
      });
    }, 1500);
  }

  if (replanDialog) replanButton.addEventListener("click", function () {
    var body = { weekStart: config.week };
    if (config.childId) body.childId = config.childId;
    replanButton.disabled = true;
    replanErrors.hidden = true;
    replanProgress.hidden = false;
    replanProgress.querySelector("span").textContent = "Planning the week…";
    B.api("POST", "/api/schedules/generate/", body).then(function (answer) {
      if (answer.status === 202) waitForTask(answer.data.statusUrl, Date.now());
      else if (answer.ok) replanned();
      else replanFailed(answer.data.error.message);
    });
  });

  if (replanDialog) replanDialog.addEventListener("click", function (event) {
    if (event.target.dataset && event.target.dataset.action === "close") replanDialog.close();
  });

  // --- views, the child filter, the list ------------------------------------------------

  var narrow = window.matchMedia("(max-width: 40rem)");
  var viewButtons = page.querySelectorAll(".view-switch [data-view]");

  function showView(view) {
    page.dataset.view = view === LIST ? "list" : "calendar";
    viewButtons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.view === view));
    });
    if (!calendar || view === LIST) return;
    if (calendar.view.type !== view) calendar.changeView(view, firstDay());
    calendar.setOption("headerToolbar", dayToolbar(view));
    calendar.updateSize();
    quietIcons();
  }

  // FullCalendar's arrow icons are role="img" without a name; the button's title names it.
  function quietIcons() {
    calendarEl.querySelectorAll(".fc-icon").forEach(function (icon) {
      icon.setAttribute("aria-hidden", "true");
    });
  }

  function dayToolbar(view) {
    return view === "timeGridDay" ? { left: "prev,next", center: "title", right: "" } : false;
  }

  // The day to open the day view on: today if it is in this week, else its first day shown.
  function firstDay() {
    var dates = weekDates();
    if (dates.indexOf(config.today) >= 0) return config.today;
    return config.days[0] || config.week;
  }

  var chosenView = false; // the parent's choice wins over the screen's width

  viewButtons.forEach(function (button) {
    button.addEventListener("click", function () {
      chosenView = true;
      showView(button.dataset.view);
    });
  });

  // A phone turned, a window narrowed: a day at a time when the week would not fit.
  narrow.addEventListener("change", function () {
    if (!chosenView && calendar) showView(narrow.matches ? "timeGridDay" : "timeGridWeek");
  });

  function applyFilter() {
    document.querySelectorAll("#week-plan .child-week").forEach(function (section) {
      section.hidden = Boolean(hiddenChildren[section.dataset.childId]);
    });
  }

  page.querySelectorAll("[data-child-filter]").forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) delete hiddenChildren[box.dataset.childFilter];
      else hiddenChildren[box.dataset.childFilter] = true;
      applyFilter();
      render();
    });
  });

  // Each item of the list opens the same dialog as the calendar's.
  function enhanceList() {
    applyFilter();
    document.querySelectorAll("#week-plan li[data-item-id]").forEach(function (li) {
      var item = items[li.dataset.itemId];
      if (!item || li.querySelector(".item-open")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "link item-open";
      button.textContent = "Change";
      var hint = document.createElement("span");
      hint.className = "visually-hidden";
      hint.textContent = " " + item.name + ", " + dayLabel(item.date) + " " + item.startTime;
      button.appendChild(hint);
      button.addEventListener("click", function () { openItem(item.id); });
      li.appendChild(document.createTextNode(" "));
      li.appendChild(button);
    });
  }

  document.addEventListener("brightpath:week-refreshed", function () {
    if (planned) load();
    else enhanceList();
  });

  // --- start ----------------------------------------------------------------------

  page.querySelectorAll(".js-only").forEach(function (el) { el.hidden = false; });
  if (page.querySelectorAll("[data-child-filter]").length < 2) {
    page.querySelectorAll(".child-toggle").forEach(function (el) { el.hidden = true; });
  } else {
    page.classList.add("has-filter");
  }
  page.querySelectorAll('[data-open="add"]').forEach(function (button) {
    button.addEventListener("click", function () { openAdd(); });
  });
  page.querySelectorAll('[data-open="replan"]').forEach(function (button) {
    button.addEventListener("click", openReplan);
  });

  if (!planned || !window.FullCalendar) {
    if (planned) showState("The calendar could not start; the week is shown as a list.", false);
    page.dataset.view = "list";
    return;
  }

  var weekEnd = isoDate(new Date(utc(config.week).getTime() + 7 * 86400000));
  var startView = narrow.matches ? "timeGridDay" : "timeGridWeek";
  calendar = new FullCalendar.Calendar(calendarEl, {
    timeZone: "UTC",
    now: config.now,
    initialView: startView,
    initialDate: startView === "timeGridDay" ? firstDay() : config.week,
    validRange: { start: config.week, end: weekEnd },
    firstDay: 1,
    headerToolbar: dayToolbar(startView),
    titleFormat: function (arg) { return dayLabel(isoDate(arg.date.marker)); },
    allDaySlot: false,
    height: "auto",
    slotDuration: "00:30:00",
    snapDuration: "00:05:00",
    slotLabelInterval: "01:00",
    slotLabelFormat: { hour: "2-digit", minute: "2-digit", hour12: false },
    eventTimeFormat: { hour: "2-digit", minute: "2-digit", hour12: false },
    dayHeaderContent: function (arg) {
      var d = arg.date;
      return WEEKDAYS[d.getUTCDay()].slice(0, 3) + " " + d.getUTCDate() + " " + MONTHS[d.getUTCMonth()].slice(0, 3);
    },
    nowIndicator: false,
    slotEventOverlap: false, // side by side: every item stays readable and reachable
    editable: true,
    eventDurationEditable: true,
    eventResizableFromStart: false,
    selectable: config.changeable,
    selectMirror: true,
    selectAllow: function (info) { return isoDate(info.start) >= config.today; },
    eventAllow: function (info) { return isoDate(info.start) >= config.today; },
    select: function (info) {
      calendar.unselect();
      openAdd({ date: isoDate(info.start), startTime: hhmm(info.start), endTime: hhmm(info.end) });
    },
    eventClick: function (info) {
      info.jsEvent.preventDefault();
      openItem(info.event.id);
    },
    eventDrop: function (info) { dropped(info, "Moved"); },
    eventResize: function (info) { dropped(info, "Changed"); },
    eventContent: eventContent,
    eventDidMount: eventDidMount,
    datesSet: quietIcons,
  });
  showView(startView);
  calendar.render();
  load();
})();
