// PE's pages: every write goes through the JSON API (/api/coach/pe/) with the page's
// session and CSRF token, and every refusal is shown in the API's one error shape,
// beside the field it names. URLs come from the page (data-url attributes written by
// Django's {% url %}); "00000000-0000-0000-0000-000000000000" stands for an id the
// script fills in.
//
// window.PE: small helpers every PE page may use (sessions.js does too):
//
//   PE.api(method, url, body)       -> Promise of {ok, status, data} (BrightPath.api:
//                                      never rejects; a network failure is ok: false)
//   PE.showErrors(form, error, names)  the API's error beside the control it names
//                                      ("weeks[0].activities[1].activityId" falls back to
//                                      "weeks" when no control has the full name); the
//                                      message, and what fits no control, in the form's
//                                      .form-errors (role=alert). names: {apiField: name}
//   PE.clearErrors(form)
//   PE.fieldError(form, name, message) one message under one control, as the API would
//   PE.errorText(data)              the message of an API answer, or a generic one
//   PE.summaryError(holder, error)  the whole error, field names left out, in the
//                                      holder's .form-errors (buttons with no field)
//   PE.busy(form, on)               disable its buttons while a request runs
//   PE.flash(text)                  say it now in the page's flash (role=status)
//   PE.goSaying(url, text)          go to url (null: reload) and flash text there
//   PE.send(form, method, url, bodyFn, done, names)
//                                   a form's submit: body from bodyFn(form), errors
//                                   shown in it, done(data) on success
//   PE.urlWith(template, id)        the template URL with NO_ID replaced by id
//   PE.renumber(rows, prefix, removeSelector)  name and number a repeated group's rows
//   PE.lines(text)                  non-empty trimmed lines
//   PE.number(value)                a number from an input's value, or null when empty
//   PE.NO_ID
//
// Text from the server or the teacher is only ever set as textContent.
(function () {
  "use strict";

  var B = window.BrightPath;
  // The key coach.js reads: Coach's base (which PE's extends) shows the flash after a reload.
  var FLASH_KEY = "brightpath.coach.flash";
  var NO_ID = "00000000-0000-0000-0000-000000000000";

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }

  // --- the shared helpers -------------------------------------------------------------

  function api(method, url, body) { return B.api(method, url, body); }

  function clearErrors(form) {
    B.clearErrors(form);
    var summary = $(".form-errors", form);
    if (summary) { summary.textContent = ""; summary.hidden = true; }
  }

  function hasControl(form, name) {
    return !!form.querySelector('[name="' + CSS.escape(name) + '"], [data-field="' + CSS.escape(name) + '"]');
  }

  // "a.b[2].c" -> the nearest name a control of the form has: itself, then shorter
  // prefixes ("a.b[2]", "a.b", "a"); none -> the key itself (it goes to the summary).
  function nearestName(form, key) {
    var name = key;
    while (name) {
      if (hasControl(form, name)) return name;
      var shorter = name.replace(/(\[\d+\]|\.[^.[\]]+)$/, "");
      if (shorter === name) break;
      name = shorter;
    }
    return key;
  }

  function showErrors(form, error, names) {
    names = names || {};
    if (!error || !error.fields) {
      B.showErrors(form, error || { message: "That did not work. Please try again." });
      return;
    }
    var fields = {};
    Object.keys(error.fields).forEach(function (key) {
      var name = names[key] || nearestName(form, key);
      fields[name] = (fields[name] || []).concat(error.fields[key]);
    });
    B.showErrors(form, { code: error.code, message: error.message, fields: fields });
  }

  function fieldError(form, name, message) {
    var fields = {};
    fields[name] = [message];
    B.showErrors(form, { message: "", fields: fields });
  }

  function errorText(data) {
    return (data && data.error && data.error.message) || "That did not work. Please try again.";
  }

  // Buttons disabled before stay so afterwards; twice busy is still once busy.
  function busy(form, on) {
    if (on === (form.getAttribute("aria-busy") === "true")) return;
    $all("button", form).forEach(function (button) {
      if (on) { button.dataset.wasDisabled = button.disabled ? "1" : ""; button.disabled = true; }
      else { button.disabled = button.dataset.wasDisabled === "1"; }
    });
    form.setAttribute("aria-busy", on ? "true" : "false");
  }

  function flash(text) {
    var node = document.getElementById("coach-flash");
    if (!node) { B.announce(text); return; }
    node.textContent = text;
    node.hidden = false;
    node.focus();
  }

  function goSaying(url, text) {
    try { window.sessionStorage.setItem(FLASH_KEY, text); } catch (e) { /* private mode */ }
    if (url) window.location.assign(url); else window.location.reload();
  }

  // Controls marked data-missing="Choose the student." that are still empty: each says
  // so beside itself, all at once, before anything is sent (the API would only answer
  // "This field may not be null." or "Must be a valid UUID.").
  function missing(form) {
    var fields = {};
    $all("[data-missing]", form).forEach(function (control) {
      if (!control.disabled && String(control.value).trim() === "") fields[control.name] = [control.getAttribute("data-missing")];
    });
    if (!Object.keys(fields).length) return false;
    B.showErrors(form, { message: "", fields: fields });
    return true;
  }

  function send(form, method, url, bodyFn, done, names) {
    clearErrors(form);
    if (missing(form)) return Promise.resolve(null);
    var body = bodyFn(form);
    if (body === null) return Promise.resolve(null);  // bodyFn showed its own error
    busy(form, true);
    return api(method, url, body).then(function (result) {
      busy(form, false);
      if (!result.ok) { showErrors(form, result.data.error, names); return null; }
      return done(result.data);
    });
  }

  function urlWith(template, id) { return template.replace(NO_ID, id); }

  // Rows of a repeated group (a rubric's criteria, a routine's activities): each row's
  // [data-number] shows its place, each [data-part] control is named prefix[i].part
  // (the API's name for it) with its label kept on it, and the last row cannot go.
  function renumber(rows, prefix, removeSelector) {
    rows.forEach(function (row, index) {
      $all("[data-number]", row).forEach(function (node) { node.textContent = String(index + 1); });
      $all("[data-part]", row).forEach(function (control) {
        var part = control.getAttribute("data-part");
        control.name = prefix + "[" + index + "]." + part;
        control.id = prefix + "-" + index + "-" + part;
        control.closest(".field").querySelector("label").htmlFor = control.id;
      });
      $(removeSelector, row).disabled = rows.length === 1;
    });
  }

  function lines(text) {
    return text.split(/\r?\n/).map(function (line) { return line.trim(); }).filter(Boolean);
  }

  function number(value) {
    var text = String(value).trim();
    return text === "" ? null : Number(text);
  }

  // Submit on the form's own submit event, with a body built from it.
  function onSubmit(id, handler) {
    var form = document.getElementById(id);
    if (!form) return;
    form.addEventListener("submit", function (event) { event.preventDefault(); handler(form); });
  }

  window.PE = {
    NO_ID: NO_ID,
    api: api,
    showErrors: showErrors,
    clearErrors: clearErrors,
    fieldError: fieldError,
    errorText: errorText,
    summaryError: summaryError,
    busy: busy,
    flash: flash,
    goSaying: goSaying,
    send: send,
    urlWith: urlWith,
    renumber: renumber,
    lines: lines,
    number: number,
  };

  // An error where no control stands (a row of buttons): the message and every field's
  // messages, without the field names, in the holder's .form-errors.
  function summaryError(holder, error) {
    var summary = $(".form-errors", holder);
    var fields = (error && error.fields) || {};
    var parts = [(error && error.message) || ""];
    Object.keys(fields).forEach(function (key) { parts = parts.concat(fields[key]); });
    summary.textContent = parts.filter(Boolean).join(" ") || errorText(null);
    summary.hidden = false;
  }

  // A row of buttons that each POST {status: data-status} to the holder's data-url.
  function statusButtons(holderId, what) {
    var holder = document.getElementById(holderId);
    if (!holder) return;
    $all("[data-status]", holder).forEach(function (button) {
      button.addEventListener("click", function () {
        clearErrors(holder);
        busy(holder, true);
        api("POST", holder.getAttribute("data-url"), { status: button.getAttribute("data-status") }).then(function (result) {
          busy(holder, false);
          if (!result.ok) { summaryError(holder, result.data.error); return; }
          goSaying(null, what + " is now " + result.data.status.replace(/_/g, " ") + ".");
        });
      });
    });
  }

  // --- /coach/pe/: create a class -----------------------------------------------------

  onSubmit("class-form", function (form) {
    send(form, "POST", form.getAttribute("data-url"), function (f) {
      var e = f.elements;
      return {
        name: e.name.value,
        gradeLevel: e.gradeLevel.value,
        capacity: number(e.capacity.value),
        startDate: e.startDate.value || null,
        endDate: e.endDate.value || null,
        location: e.location.value,
        description: e.description.value,
      };
    }, function (data) {
      goSaying(urlWith(form.getAttribute("data-class-url"), data.id), "Created the class " + data.name + ". Add its students.");
    });
  });

  // --- a class: status, a new student, enrol one, remove one ---------------------------

  statusButtons("class-status", "The class");

  function studentBody(f) {
    var e = f.elements;
    var body = {
      firstName: e.firstName.value,
      lastName: e.lastName.value,
      dateOfBirth: e.dateOfBirth.value || null,
      gender: e.gender.value,
      fitnessLevel: e.fitnessLevel.value,
      email: e.email.value.trim(),
    };
    if (e.medicalNotes) body.medicalNotes = e.medicalNotes.value;
    if (e.accommodations) body.accommodations = lines(e.accommodations.value);
    return body;
  }

  function enrolled(name, data) {
    return data.status === "waitlisted" ? name + " is on the waiting list: the class is full." : "Enrolled " + name + ".";
  }

  onSubmit("new-student-form", function (form) {
    send(form, "POST", form.getAttribute("data-url"), studentBody, function (student) {
      var name = student.firstName + " " + student.lastName;
      busy(form, true);
      return api("POST", form.getAttribute("data-enrol-url"), { studentId: student.id }).then(function (result) {
        busy(form, false);
        if (!result.ok) {
          // The student exists now; say why they are not in the class.
          goSaying(null, "Added " + name + ", but not to the class: " + errorText(result.data));
          return;
        }
        goSaying(null, "Added " + name + ". " + enrolled(name, result.data));
      });
    });
  });

  onSubmit("enrol-form", function (form) {
    var select = form.elements.studentId;
    var name = select.options[select.selectedIndex] ? select.options[select.selectedIndex].text : "";
    send(form, "POST", form.getAttribute("data-url"), function (f) {
      return { studentId: f.elements.studentId.value };
    }, function (data) { goSaying(null, enrolled(name, data)); });
  });

  $all("[data-withdraw]").forEach(function (button) {
    button.addEventListener("click", function () {
      var name = button.getAttribute("data-name");
      button.disabled = true;
      api("DELETE", button.getAttribute("data-url")).then(function (result) {
        button.disabled = false;
        if (!result.ok) { flash(errorText(result.data)); return; }
        goSaying(null, "Removed " + name + " from the class.");
      });
    });
  });

  // --- a student: private notes, details, adaptations, assessments ---------------------

  onSubmit("private-form", function (form) {
    send(form, "PATCH", form.getAttribute("data-url"), function (f) {
      return { medicalNotes: f.elements.medicalNotes.value, accommodations: lines(f.elements.accommodations.value) };
    }, function () { goSaying(null, "Saved the private notes."); });
  });

  onSubmit("profile-form", function (form) {
    send(form, "PATCH", form.getAttribute("data-url"), studentBody, function (data) {
      goSaying(null, "Saved " + data.firstName + " " + data.lastName + "’s details.");
    });
  });

  $all("[data-apply-suggestion]").forEach(function (button) {
    button.addEventListener("click", function () {
      var body = {
        activityId: button.getAttribute("data-activity-id"),
        adaptationType: button.getAttribute("data-type"),
        adaptationData: { summary: button.getAttribute("data-summary").slice(0, 300), need: button.getAttribute("data-need").slice(0, 100) },
        difficultyAdjustment: Number(button.getAttribute("data-adjustment")) || 0,
        reason: "Suggested for the student's recorded needs.",
      };
      button.disabled = true;
      api("POST", button.getAttribute("data-url"), body).then(function (result) {
        button.disabled = false;
        if (!result.ok) { flash(errorText(result.data)); return; }
        goSaying(null, "Applied the adaptation to " + result.data.activity.name + ".");
      });
    });
  });

  onSubmit("adaptation-form", function (form) {
    send(form, "POST", form.getAttribute("data-url"), function (f) {
      var e = f.elements;
      var data = { summary: e["adaptationData.summary"].value };
      if (e["adaptationData.need"].value.trim()) data.need = e["adaptationData.need"].value.trim();
      return {
        activityId: e.activityId.value,
        adaptationType: e.adaptationType.value,
        adaptationData: data,
        difficultyAdjustment: number(e.difficultyAdjustment.value) || 0,
      };
    }, function (data) { goSaying(null, "Added the adaptation to " + data.activity.name + "."); });
  });

  $all("form[data-adaptation-active]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var on = form.getAttribute("data-active") === "true";
      send(form, "POST", form.getAttribute("data-url"), function (f) {
        return { isActive: on, reason: f.elements.reason.value };
      }, function (data) {
        goSaying(null, (on ? "Using the adaptation again for " : "Stopped the adaptation for ") + data.activity.name + ".");
      });
    });
  });

  $all("[data-complete-assessment]").forEach(function (button) {
    button.addEventListener("click", function () {
      button.disabled = true;
      api("POST", button.getAttribute("data-url"), { status: "completed" }).then(function (result) {
        button.disabled = false;
        if (!result.ok) { flash(errorText(result.data)); return; }
        goSaying(null, "Completed the assessment: the skill progress has its score.");
      });
    });
  });

  // The rubric: rows of criterion, weight (%) and score (0-10); the weighted total is
  // worked out as the teacher types, the same way the server scores it.
  var assessment = document.getElementById("assessment-form");
  if (assessment) {
    var list = $("[data-criteria]", assessment);
    var template = document.getElementById("criterion-template");
    var SCALE_MAX = 10;

    var rows = function () { return $all("[data-criterion]", list); };
    var part = function (row, name) { return $("[data-part=" + name + "]", row); };

    var renumberRows = function () { renumber(rows(), "criteria", "[data-remove-criterion]"); };

    var totals = function () {
      var weights = 0;
      var total = 0;
      var complete = true;
      rows().forEach(function (row) {
        var weight = number(part(row, "weight").value) || 0;
        var score = number(part(row, "score").value);
        weights += weight;
        if (score === null) complete = false; else total += (weight / 100) * (score / SCALE_MAX) * 100;
      });
      $("[data-weight-sum]", assessment).textContent = String(Math.round(weights * 100) / 100);
      $("[data-weighted-total]", assessment).textContent = complete && Math.abs(weights - 100) < 0.01 ? String(Math.round(total * 10) / 10) : "—";
      return weights;
    };

    $("[data-add-criterion]", assessment).addEventListener("click", function () {
      var row = template.content.firstElementChild.cloneNode(true);
      list.appendChild(row);
      renumberRows();
      totals();
      part(row, "name").focus();
    });
    list.addEventListener("click", function (event) {
      var button = event.target.closest("[data-remove-criterion]");
      if (!button) return;
      var row = button.closest("[data-criterion]");
      var next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      renumberRows();
      totals();
      part(next, "name").focus();
      B.announce("Criterion removed.");
    });
    list.addEventListener("input", totals);
    renumberRows();
    totals();

    assessment.addEventListener("submit", function (event) {
      event.preventDefault();
      var names = {};
      var criteria = {};
      var scores = {};
      var e = assessment.elements;
      var problem = null;
      rows().forEach(function (row, index) {
        var name = part(row, "name").value.trim();
        var prefix = "criteria[" + index + "].";
        if (!name) { problem = problem || [prefix + "name", "Name the criterion."]; return; }
        if (criteria[name]) { problem = problem || [prefix + "name", "Two criteria have this name."]; return; }
        var weight = number(part(row, "weight").value);
        criteria[name] = { weight: weight === null ? 0 : weight / 100 };
        scores[name] = number(part(row, "score").value);
        names["rubric.criteria." + name + ".weight"] = prefix + "weight";
        names["rubric.criteria." + name] = prefix + "name";
        names["scores." + name] = prefix + "score";
      });
      clearErrors(assessment);
      if (problem) { fieldError(assessment, problem[0], problem[1]); return; }
      var weights = totals();
      if (Math.abs(weights - 100) > 0.01) {
        fieldError(assessment, "criteria", "The weights must add up to 100% (they add up to " + (Math.round(weights * 100) / 100) + "%).");
        return;
      }
      names["rubric.criteria"] = "criteria";
      names.rubric = "criteria";
      names.scores = "criteria";
      send(assessment, "POST", assessment.getAttribute("data-url"), function () {
        return {
          studentId: assessment.getAttribute("data-student-id"),
          activityId: e.activityId.value,
          assessmentDate: e.assessmentDate.value || null,
          rubric: { scale: { min: 0, max: SCALE_MAX }, criteria: criteria },
          scores: scores,
          notes: e.notes.value,
          complete: e.complete.checked,
        };
      }, function (data) {
        var total = data.overallScore === null ? "" : " Weighted total: " + data.overallScore + " / 100.";
        goSaying(null, "Recorded the assessment at " + data.activity.name + "." + total);
      }, names);
    });
  }

  // --- /coach/pe/plans/: create a plan ---------------------------------------------------

  onSubmit("plan-form", function (form) {
    send(form, "POST", form.getAttribute("data-url"), function (f) {
      var e = f.elements;
      return {
        name: e.name.value,
        classId: e.classId.value,
        startDate: e.startDate.value || null,
        endDate: e.endDate.value || null,
        description: e.description.value,
        objectives: {
          learningObjectives: [{
            area: e["objectives.learningObjectives[0].area"].value.trim(),
            target: e["objectives.learningObjectives[0].target"].value.trim(),
          }],
        },
      };
    }, function (data) {
      goSaying(urlWith(form.getAttribute("data-plan-url"), data.id), "Created the plan " + data.name + ". Add its activities week by week.");
    });
  });

  // --- a plan: status, add, move (draft: the whole sequence again), mark, remove --------

  statusButtons("plan-status", "The plan");

  onSubmit("plan-add-form", function (form) {
    send(form, "POST", form.getAttribute("data-url"), function (f) {
      return { activityId: f.elements.activityId.value, week: Number(f.elements.week.value) };
    }, function (data) {
      goSaying(null, "Added " + data.activity.name + " to week " + data.week + ".");
    });
  });

  var sequence = document.getElementById("sequence");
  if (sequence) {
    var stepData = function (step) {
      var entry = { activityId: step.getAttribute("data-activity-id") };
      if (step.getAttribute("data-date")) entry.scheduledDate = step.getAttribute("data-date");
      if (step.getAttribute("data-notes")) entry.notes = step.getAttribute("data-notes");
      return entry;
    };

    // The sequence as the page shows it, with `step` moved: weeks[week] = [entries].
    var sequenceWith = function (step, move, toWeek) {
      var weeks = {};
      $all("[data-week]", sequence).forEach(function (section) {
        weeks[section.getAttribute("data-week")] = $all("[data-step]", section);
      });
      var from = step.closest("[data-week]").getAttribute("data-week");
      var here = weeks[from];
      var at = here.indexOf(step);
      if (move === "up" && at > 0) { here.splice(at, 1); here.splice(at - 1, 0, step); }
      if (move === "down" && at < here.length - 1) { here.splice(at, 1); here.splice(at + 1, 0, step); }
      if (move === "week" && toWeek !== from) {
        here.splice(at, 1);
        weeks[toWeek].push(step);
        // A date of the old week cannot stay: the new week has other days.
        step.setAttribute("data-date", "");
      }
      return Object.keys(weeks).map(function (week) {
        return { week: Number(week), activities: weeks[week].map(stepData) };
      });
    };

    sequence.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !sequence.contains(button)) return;
      var step = button.closest("[data-step]");
      var name = step ? $("a", step).textContent : "";
      if (button.hasAttribute("data-move")) {
        var move = button.getAttribute("data-move");
        var toWeek = move === "week" ? $("[data-move-week]", step).value : null;
        busy(sequence, true);
        api("PUT", sequence.getAttribute("data-sequence-url"), { weeks: sequenceWith(step, move, toWeek) }).then(function (result) {
          busy(sequence, false);
          if (!result.ok) { summaryError(sequence, result.data.error); return; }
          var where = move === "week" ? "to week " + toWeek : move === "up" ? "earlier" : "later";
          goSaying(null, "Moved " + name + " " + where + ".");
        });
      } else if (button.hasAttribute("data-mark")) {
        var status = $("[data-mark-status]", step).value;
        busy(sequence, true);
        api("POST", button.getAttribute("data-url"), { status: status }).then(function (result) {
          busy(sequence, false);
          if (!result.ok) { summaryError(sequence, result.data.error); return; }
          goSaying(null, "Marked " + name + " " + status + ".");
        });
      } else if (button.hasAttribute("data-remove")) {
        busy(sequence, true);
        api("DELETE", button.getAttribute("data-url")).then(function (result) {
          busy(sequence, false);
          if (!result.ok) { summaryError(sequence, result.data.error); return; }
          goSaying(null, "Took " + button.getAttribute("data-name") + " out of the plan.");
        });
      }
    });
  }

})();
