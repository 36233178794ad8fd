// PE in the gym: routines, safety checks, incidents and movement analyses. Every write
// goes through the JSON API (/api/coach/pe/) with window.PE's helpers (pe.js: the
// session's CSRF token, errors beside the field they name, the flash); URLs come from
// the page's data-url attributes.
//
//   routines   create              POST routines/ {classId, name, scheduledFor, planId,
//                                  description, steps: [{activityId, phase, durationMinutes}]}
//   routine    schedule            PATCH routines/<id>/ {scheduledFor}, then POST status/
//              start/complete/...  POST routines/<id>/status/ {status}; a refused start
//                                  (409 safety_check_failed / missing) lists what is in
//                                  the way, each with where to fix it
//              performances        POST routines/<id>/performances/ {performances: [one]}
//              delete              DELETE routines/<id>/ after a dialog
//   safety     record a check      POST safety/environment|equipment|risks|checks/
//              finish / resolve    POST safety/checks/<id>/status/ {status, notes, resolution}
//   incidents  report              POST incidents/; follow up: POST incidents/<id>/follow-ups/
//   movement   upload              POST movement/?student=&exercise= with the file as the
//                                  raw body (JSON, CSV or gzip); DELETE movement/<id>/
//
// Text from the server or the teacher is only ever set as textContent.
(function () {
  "use strict";

  var PE = window.PE;
  if (!PE) return;  // pe.js did not load: nothing on these pages can be saved

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function value(form, name) {
    var control = form.elements.namedItem(name);
    return control ? control.value.trim() : "";
  }
  function checked(form, name) {
    var control = form.elements.namedItem(name);
    return !!(control && control.checked);
  }
  // How far the IANA zone `zone` is ahead of UTC at the instant `at` (ms since 1970).
  function zoneOffset(zone, at) {
    var parts = {};
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit",
    }).formatToParts(new Date(at)).forEach(function (part) { parts[part.type] = part.value; });
    return Date.UTC(+parts.year, parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second) - at;
  }

  // A datetime-local control's value ("2026-03-02T10:30") as an ISO instant. The wall
  // time is the teacher's, in the zone the page names (data-timezone), which the
  // server's "today" follows too; the browser's own zone may differ.
  function instant(form, name) {
    var control = form.elements.namedItem(name);
    var text = control ? control.value.trim() : "";
    var wall = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
    if (!wall) return text || null;  // the API names what is wrong with it
    var zone = control.getAttribute("data-timezone");
    if (!zone) return new Date(text).toISOString();
    var utc = Date.UTC(+wall[1], wall[2] - 1, +wall[3], +wall[4], +wall[5]);
    var at = utc - zoneOffset(zone, utc);
    return new Date(utc - zoneOffset(zone, at)).toISOString();  // again, across a DST change
  }
  function orNull(text) { return text === "" ? null : text; }

  // After a save: back where the teacher came from (?next=), or this page read again.
  function doneGoing(form, text) {
    PE.goSaying(form.getAttribute("data-next") || null, text);
  }

  function onSubmit(form, handler) {
    if (!form) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      handler(form, event.submitter);
    });
  }

  // --- /coach/pe/routines/: a new routine, its activities in order ----------------------

  var routineForm = document.getElementById("new-routine-form");
  if (routineForm) {
    var stepList = $("[data-steps]", routineForm);
    var stepTemplate = document.getElementById("step-template");

    var renumber = function () { PE.renumber($all("[data-step]", stepList), "steps", "[data-remove-step]"); };
    renumber();

    $("[data-add-step]", routineForm).addEventListener("click", function () {
      var step = stepTemplate.content.firstElementChild.cloneNode(true);
      var last = $all("[data-step]", stepList).pop();
      if (last) $("[data-part=phase]", step).value = $("[data-part=phase]", last).value;
      stepList.appendChild(step);
      renumber();
      $("[data-part=activityId]", step).focus();
    });
    stepList.addEventListener("click", function (event) {
      var button = event.target.closest("[data-remove-step]");
      if (!button) return;
      var step = button.closest("[data-step]");
      var next = step.nextElementSibling || step.previousElementSibling;
      step.remove();
      renumber();
      if (next) $("[data-part=activityId]", next).focus();
      window.BrightPath.announce("Activity removed.");
    });

    onSubmit(routineForm, function (form) {
      PE.send(form, "POST", form.getAttribute("data-url"), function () {
        var steps = $all("[data-step]", stepList).map(function (step) {
          var minutes = PE.number($("[data-part=durationMinutes]", step).value);
          var entry = {
            activityId: $("[data-part=activityId]", step).value || null,
            phase: $("[data-part=phase]", step).value,
          };
          if (minutes !== null) entry.durationMinutes = minutes;
          return entry;
        }).filter(function (entry) { return entry.activityId; });
        if (!steps.length) {
          PE.fieldError(form, "steps[0].activityId", "Choose at least one activity.");
          return null;
        }
        var body = {
          classId: value(form, "classId"),
          name: value(form, "name"),
          description: value(form, "description"),
          scheduledFor: instant(form, "scheduledFor"),
          steps: steps,
        };
        if (form.elements.namedItem("planId")) body.planId = orNull(value(form, "planId"));
        return body;
      }, function (data) {
        PE.goSaying(PE.urlWith(form.getAttribute("data-done"), data.id), "Created the routine “" + data.name + "”.");
      });
    });
  }

  // --- /coach/pe/routines/<id>/: schedule, start (the safety gate), complete ------------

  var actions = document.getElementById("routine-actions");

  // Where to put a blocking item right: the safety page's form for it, back here after.
  function fixLink(item) {
    var base = actions.getAttribute("data-safety-url");
    var query = new URLSearchParams({ next: actions.getAttribute("data-routine-url") });
    var anchor = { environment: "environment", equipment: "equipment", risk: "risk" }[item.kind];
    if (item.kind === "equipment") query.set("equipment", item.subject);
    if (item.kind === "risk" && item.activityId) query.set("activity", item.activityId);
    if (item.kind === "safety_check") anchor = "check-" + item.checkId;
    var text = {
      environment: "Record a new environment check",
      equipment: "Record a new check of the " + item.subject,
      risk: "Assess the risk of " + item.subject,
    }[item.kind] || "Resolve the " + item.subject.replace(/_/g, " ") + " check";
    var link = make("a", "", text);
    link.href = base + "?" + query.toString() + "#" + anchor;
    return link;
  }
  var KIND_WORDS = { environment: "Environment", equipment: "Equipment", risk: "Risk assessment", safety_check: "Safety check" };
  var STATUS_WORDS = { failed: "Failed", missing: "Missing", pending: "Pending", passed: "Passed" };

  // A refused start: what the API said, then each item in the way with its fix.
  function showRefusal(box, error) {
    box.textContent = "";
    var safety = /^safety_check_/.test(error.code || "");
    box.appendChild(make("h3", "", safety ? "The routine cannot start yet" : "That did not work"));
    box.appendChild(make("p", "", error.message));
    var blocking = error.blocking || [];
    if (blocking.length) {
      var list = make("ul", "pe-checks");
      blocking.forEach(function (item) {
        var row = make("li", "pe-check pe-check-" + item.status);
        var head = make("div", "pe-check-head");
        head.appendChild(make("span", "pe-badge pe-badge-" + item.status, STATUS_WORDS[item.status] || item.status));
        var what = make("span");
        what.appendChild(make("strong", "", KIND_WORDS[item.kind] || item.kind));
        what.appendChild(document.createTextNode(": " + item.subject.replace(/_/g, " ")));
        head.appendChild(what);
        row.appendChild(head);
        if (item.problems && item.problems.length) {
          var problems = make("ul", "pe-problems");
          item.problems.forEach(function (problem) { problems.appendChild(make("li", "", problem)); });
          row.appendChild(problems);
        }
        row.appendChild(fixLink(item));
        list.appendChild(row);
      });
      box.appendChild(list);
    }
    // The refusal is the gate's answer now: the report the page was drawn with goes.
    var report = document.getElementById("safety-report");
    if (report && safety) report.hidden = true;
    box.hidden = false;
    box.focus();
  }

  if (actions) {
    $all("[data-routine-status]", actions).forEach(function (button) {
      button.addEventListener("click", function () {
        var holder = button.closest(".card, .card-actions");
        var refusal = document.getElementById("start-refused");
        var errors = $(".form-errors", holder) || document.getElementById("status-errors");
        if (refusal) refusal.hidden = true;
        if (errors) errors.hidden = true;
        PE.busy(holder, true);
        PE.api("POST", actions.getAttribute("data-status-url"), { status: button.getAttribute("data-routine-status") }).then(function (result) {
          PE.busy(holder, false);
          if (result.ok) {
            PE.goSaying(null, button.getAttribute("data-done"));
            return;
          }
          var error = result.data.error || {};
          if (refusal) showRefusal(refusal, error);
          else if (errors) PE.summaryError(errors.parentNode, error);
        });
      });
    });

    onSubmit(document.getElementById("schedule-form"), function (form) {
      var when = instant(form, "scheduledFor");
      if (!when) {
        PE.fieldError(form, "scheduledFor", "Choose the date and time of the lesson.");
        return;
      }
      PE.send(form, "PATCH", form.getAttribute("data-url"), function () {
        return { scheduledFor: when };
      }, function () {
        return PE.api("POST", actions.getAttribute("data-status-url"), { status: "scheduled" }).then(function (result) {
          if (!result.ok) { PE.showErrors(form, result.data.error); return; }
          PE.goSaying(null, "The routine is scheduled. Check its safety before starting it.");
        });
      });
    });
  }

  // One student's performance: the activities they did, time, accuracy and effort.
  var PERCENT_FIELDS = ["accuracyScore", "effortScore"];
  $all("form[data-performance]").forEach(function (form) {
    onSubmit(form, function () {
      PE.clearErrors(form);
      var bad = false;
      PERCENT_FIELDS.forEach(function (name) {
        var number = PE.number(value(form, name));
        if (number !== null && !(number >= 0 && number <= 100)) {
          PE.fieldError(form, name, "A percentage from 0 to 100.");
          bad = true;
        }
      });
      if (bad) return;
      var percent = function (name) {
        var number = PE.number(value(form, name));
        return number === null ? null : number / 100;
      };
      var minutes = PE.number(value(form, "completionTime"));
      var activities = $all("tr[data-activity]", form).map(function (row, index) {
        var entry = { activityId: row.getAttribute("data-activity"), completed: checked(form, "activities[" + index + "].completed") };
        var reps = PE.number(value(form, "activities[" + index + "].repetitions"));
        if (reps !== null) entry.repetitions = reps;
        return entry;
      });
      var entry = {
        studentId: form.getAttribute("data-student"),
        isCompleted: checked(form, "isCompleted"),
        completionTime: minutes === null ? null : Math.round(minutes * 60),
        accuracyScore: percent("accuracyScore"),
        effortScore: percent("effortScore"),
        notes: value(form, "notes"),
        performanceData: { activities: activities },
      };
      // The API names fields by their place in the whole body: this form holds one entry.
      var names = {};
      var saved = $(".saved", form);
      saved.textContent = "";
      PE.busy(form, true);
      PE.api("POST", form.getAttribute("data-url"), { performances: [entry] }).then(function (result) {
        PE.busy(form, false);
        if (!result.ok) {
          var error = result.data.error || {};
          Object.keys(error.fields || {}).forEach(function (key) {
            names[key] = key.replace(/^performances\[0\]\.(performanceData\.)?/, "");
          });
          PE.showErrors(form, error, names);
          return;
        }
        saved.textContent = "Saved.";
        var heading = $("h3", form);
        if (!$(".tag", heading)) {
          heading.appendChild(document.createTextNode(" "));
          heading.appendChild(make("span", "tag", "Recorded"));
        }
      });
    });
  });

  function deleteButton(selector, what) {
    var button = $(selector);
    if (!button) return;
    button.addEventListener("click", function () {
      var dialog = button.closest("dialog");
      button.disabled = true;
      PE.api("DELETE", button.getAttribute("data-url")).then(function (result) {
        button.disabled = false;
        if (!result.ok) { PE.summaryError(dialog, result.data.error); return; }
        PE.goSaying(button.getAttribute("data-done"), "Deleted the " + what + ".");
      });
    });
  }
  deleteButton("[data-delete-routine]", "routine");
  deleteButton("[data-delete-analysis]", "analysis");

  // --- /coach/pe/safety/: record checks ------------------------------------------------

  var SAFETY_BODIES = {
    environment: function (form) {
      var body = {
        classId: value(form, "classId"),
        temperature: PE.number(value(form, "temperature")),
        humidity: PE.number(value(form, "humidity")),
        airQuality: PE.number(value(form, "airQuality")),
        lighting: PE.number(value(form, "lighting")),
        surfaceConditions: {
          condition: value(form, "surfaceConditions.condition"),
          obstructions: PE.lines(form.elements.namedItem("surfaceConditions.obstructions").value),
        },
      };
      var location = value(form, "environmentalMetadata.location");
      if (location) body.environmentalMetadata = { location: location };
      return body;
    },
    equipment: function (form) {
      return {
        equipmentType: value(form, "equipmentType"),
        condition: value(form, "condition"),
        safetyRating: PE.number(value(form, "safetyRating")),
        quantity: PE.number(value(form, "quantity")),
        nextMaintenance: orNull(value(form, "nextMaintenance")),
        classId: orNull(value(form, "classId")),
        notes: value(form, "notes"),
      };
    },
    risk: function (form) {
      return {
        activityId: value(form, "activityId"),
        probability: PE.number(value(form, "probability")),
        impact: PE.number(value(form, "impact")),
        riskLevel: orNull(value(form, "riskLevel")),
        reviewDate: orNull(value(form, "reviewDate")),
        classId: orNull(value(form, "classId")),
        mitigationMeasures: PE.lines(form.elements.namedItem("mitigationMeasures").value),
      };
    },
    general: function (form) {
      return {
        checkType: value(form, "checkType"),
        status: value(form, "status"),
        classId: orNull(value(form, "classId")),
        severityLevel: value(form, "severityLevel"),
        location: value(form, "location"),
        followUpDate: orNull(value(form, "followUpDate")),
        notes: value(form, "notes"),
      };
    },
  };

  // What the teacher is told once a check is recorded: the verdict, in words.
  var SAFETY_SAID = {
    environment: function (data) {
      if (data.passed) return "Recorded: the environment check passed.";
      return "Recorded: the environment check failed. " + data.issues.map(function (issue) { return issue.problem; }).join(" ");
    },
    equipment: function (data) { return "Recorded the check of the " + data.equipmentType + " (" + data.condition + ")."; },
    risk: function (data) { return "Recorded the risk assessment of " + data.activity.name + ": " + data.riskLevel + " risk."; },
    general: function (data) { return "Recorded the " + data.checkType.replace(/_/g, " ") + " check: " + data.status + "."; },
  };

  $all("form[data-safety-form]").forEach(function (form) {
    var kind = form.getAttribute("data-safety-form");
    onSubmit(form, function () {
      PE.send(form, "POST", form.getAttribute("data-url"), SAFETY_BODIES[kind], function (data) {
        doneGoing(form, SAFETY_SAID[kind](data));
      });
    });
  });

  $all("form[data-check-status]").forEach(function (form) {
    onSubmit(form, function (_, submitter) {
      var status = submitter ? submitter.value : "resolved";
      PE.send(form, "POST", form.getAttribute("data-url"), function () {
        var body = { status: status };
        if (form.elements.namedItem("notes")) body.notes = value(form, "notes");
        if (form.elements.namedItem("resolution")) body.resolution = value(form, "resolution");
        return body;
      }, function (data) {
        doneGoing(form, "The " + data.checkType.replace(/_/g, " ") + " check is " + data.status + ".");
      });
    });
  });

  // --- incidents ---------------------------------------------------------------------------

  onSubmit(document.getElementById("incident-form"), function (form) {
    PE.send(form, "POST", form.getAttribute("data-url"), function () {
      var metadata = {
        firstAidGiven: checked(form, "incidentMetadata.firstAidGiven"),
        parentNotified: checked(form, "incidentMetadata.parentNotified"),
      };
      var bodyPart = value(form, "incidentMetadata.bodyPart");
      if (bodyPart) metadata.bodyPart = bodyPart;
      var body = {
        studentId: orNull(value(form, "studentId")),
        activityId: orNull(value(form, "activityId")),
        date: instant(form, "date"),
        incidentType: value(form, "incidentType"),
        severity: value(form, "severity"),
        description: value(form, "description"),
        actionTaken: value(form, "actionTaken"),
        followUpDate: orNull(value(form, "followUpDate")),
        incidentMetadata: metadata,
      };
      if (form.elements.namedItem("classId")) body.classId = orNull(value(form, "classId"));
      if (form.elements.namedItem("routineId")) body.routineId = value(form, "routineId");
      return body;
    }, function (data) {
      PE.goSaying(PE.urlWith(form.getAttribute("data-done"), data.id), "Reported the incident. Follow it up here.");
    });
  });

  onSubmit(document.getElementById("follow-up-form"), function (form) {
    PE.send(form, "POST", form.getAttribute("data-url"), function () {
      return {
        note: value(form, "note"),
        status: orNull(value(form, "status")),
        followUpDate: orNull(value(form, "followUpDate")),
      };
    }, function (data) {
      PE.goSaying(null, "Added the follow-up: the incident is " + data.status + ".");
    });
  });

  // --- /coach/pe/movement/: upload a recording as the request's body -----------------------

  var TYPES = { json: "application/json", csv: "text/csv", gz: "application/gzip" };

  onSubmit(document.getElementById("movement-form"), function (form) {
    PE.clearErrors(form);
    var file = form.elements.namedItem("recording").files[0];
    var missing = false;
    ["student", "exercise"].forEach(function (name) {
      if (!value(form, name)) missing = true;
    });
    if (missing || !file) {
      var fields = {};
      if (!value(form, "student")) fields.student = ["Choose the student."];
      if (!value(form, "exercise")) fields.exercise = ["Choose the exercise."];
      if (!file) fields.recording = ["Choose the recording file."];
      PE.showErrors(form, { message: "", fields: fields });
      return;
    }
    var extension = (file.name.split(".").pop() || "").toLowerCase();
    var query = new URLSearchParams({ student: value(form, "student"), exercise: value(form, "exercise") });
    var when = instant(form, "recordedAt");
    if (when) query.set("recordedAt", when);
    var saved = $(".saved", form);
    saved.textContent = "Analysing " + file.name + "…";
    PE.busy(form, true);
    fetch(form.getAttribute("data-url") + "?" + query.toString(), {
      method: "POST",
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        "X-CSRFToken": window.BrightPath.csrfToken(),
        "Content-Type": TYPES[extension] || file.type || "application/octet-stream",
      },
      body: file,
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      });
    }, function () {
      return { ok: false, status: 0, data: null };
    }).then(function (result) {
      PE.busy(form, false);
      saved.textContent = "";
      if (result.ok) {
        var reps = result.data.repetitions;
        PE.goSaying(PE.urlWith(form.getAttribute("data-done"), result.data.id), "Analysed " + file.name + ": " + reps + (reps === 1 ? " repetition." : " repetitions."));
        return;
      }
      var error = (result.data && result.data.error) || {
        message: result.status ? "The server answered " + result.status + ". Please try again." : "Could not reach BrightPath. Check your connection and try again.",
      };
      // What is wrong inside the file ("frames[12].landmarks[25]") is said at the file, in
      // the engine's words (they name the frame's time); the path itself says nothing to
      // a teacher.
      var fields = {};
      var inFile = true;
      Object.keys(error.fields || {}).forEach(function (key) {
        var own = key === "student" || key === "exercise" || key === "recordedAt";
        var name = own ? key : "recording";
        if (own) inFile = false;
        fields[name] = (fields[name] || []).concat(error.fields[key]);
      });
      var message = error.message;
      if (fields.recording && inFile) message = "This recording cannot be analysed.";
      PE.showErrors(form, { code: error.code, message: message, fields: fields });
    });
  });
})();
