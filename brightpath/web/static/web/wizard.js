// The onboarding questionnaire as a wizard (templates/web/onboarding.html).
//
// The answers live in one object in the submission's shape (onboarding's
// QuestionnaireSubmissionSerializer): section1, section3, section5, section7 and
// children[] with section2, section3Child, section4, section6. Each step edits
// one section; every change is saved at once to localStorage under seed 000's
// keys and, a moment later, to the parent's account (/api/questionnaire/drafts/),
// so a reload or another device picks up where the parent left off. The last
// step submits the whole questionnaire; the server's errors come back by path
// ("children[0].section4.subjects[2].sessionDuration") and are shown next to
// the control with that data-field, on its step.
(function () {
  "use strict";

  var configNode = document.getElementById("wizard-config");
  var root = document.getElementById("wizard");
  if (!configNode || !root) return;
  var config = JSON.parse(configNode.textContent);
  var C = config.choices;
  var D = config.defaults;
  var L = config.limits;

  var FAMILY_SECTIONS = ["section1", "section3", "section5", "section7"];
  var CHILD_SECTIONS = ["section2", "section3Child", "section4", "section6"];
  var SAVE_DELAY = 700; // ms after the last change before saving to the account
  var RETRY_DELAY = 15000;
  var STATUS_WORDS = { complete: "Complete", in_progress: "In progress", not_started: "Not started", needs_change: "Needs a change" };

  // Words for the API's field names: labels of the controls, and the error summary.
  var FIELD_WORDS = {
    name: "Name", timeZone: "Time zone", birthDate: "Birth date", age: "Age",
    frequency: "How often", daysOfWeek: "Days", dayOfMonth: "Day of the month",
    weekOfMonth: "Week of the month", date: "Date", startTime: "Start time", endTime: "End time",
    isCoreSubject: "Core subject", sessionDuration: "Session length (minutes)",
    parentInvolvement: "Your part", interestLevel: "Interest", preferredTime: "At",
    fixedTime: "Set time", flexibility: "Structure", planningApproach: "How you plan",
    homeschoolingPhilosophy: "Homeschooling approaches", schedulingStyle: "Scheduling styles",
    activityPreferences: "Activities", bestLearningTimes: "Best learning times",
    subjects: "Subjects", commitments: "Commitments", children: "Children", id: "Child",
  };
  // The server's messages name fields the API's way ("Must be after startTime.").
  var MESSAGE_WORDS = {
    startTime: "the start time", endTime: "the end time", daysOfWeek: "days",
    dayOfMonth: "a day of the month", weekOfMonth: "a week of the month", birthDate: "the birth date",
  };

  // ---------------------------------------------------------------- state

  var answers;          // the questionnaire, in the submission's shape (+ child.key)
  var touched = {};     // sectionId -> true once the parent changed or passed it
  var currentStep = "section1";
  var errors = {};      // the server's field errors: path -> [messages]
  var errorMessage = "";
  var dirty = {};       // sectionId -> true: not yet saved to the account
  var pendingDeletes = []; // child keys whose drafts the account should forget
  var serverVersion = (config.server && config.server.version) || 0;
  var changedAt = null; // ISO time of the last change made here
  var saveTimer = null, saving = null, finished = false, submitting = false;
  var saveState = "idle"; // idle | saving | saved | offline | failed
  var saveMessage = "";

  // ---------------------------------------------------------------- small helpers

  function clone(value) { return JSON.parse(JSON.stringify(value)); }

  function h(tag, attrs, kids) {
    var el = document.createElement(tag);
    var value;
    Object.keys(attrs || {}).forEach(function (key) {
      var val = attrs[key];
      if (val === null || val === undefined || val === false) return;
      if (key === "text") el.textContent = val;
      else if (key === "class") el.className = val;
      else if (key === "value") value = val;
      else if (key === "checked") el.checked = true;
      else if (key.slice(0, 2) === "on") el.addEventListener(key.slice(2), val);
      else el.setAttribute(key, val === true ? "" : val);
    });
    (kids || []).forEach(function (kid) {
      if (kid === null || kid === undefined || kid === false) return;
      el.appendChild(typeof kid === "string" ? document.createTextNode(kid) : kid);
    });
    if (value !== undefined) el.value = value; // after a select's options exist
    return el;
  }

  function fieldId(path) { return "f-" + path.replace(/[^A-Za-z0-9]+/g, "-").replace(/-$/, ""); }

  function sectionId(child, section) { return child ? "child:" + child.key + ":" + section : section; }

  function parseSectionId(id) {
    var parts = id.split(":");
    return parts[0] === "child" ? { childKey: parts[1], section: parts[2] } : { childKey: null, section: id };
  }

  function childByKey(key) {
    for (var i = 0; i < answers.children.length; i++) if (answers.children[i].key === key) return answers.children[i];
    return null;
  }

  function sectionData(id) {
    var parts = parseSectionId(id);
    if (!parts.childKey) return answers[parts.section];
    var child = childByKey(parts.childKey);
    return child ? child[parts.section] : null;
  }

  function childName(child, index) {
    var name = child.section2.name && child.section2.name.trim();
    return name || "Child " + (index + 1);
  }

  function labelOf(list, value) {
    for (var i = 0; i < list.length; i++) if (list[i].value === value) return list[i].label;
    return value;
  }

  function timeText(iso) {
    if (!iso) return "";
    var when = new Date(iso);
    return isNaN(when) ? "" : when.toLocaleString([], { weekday: "short", hour: "numeric", minute: "2-digit" });
  }

  // ---------------------------------------------------------------- new answers

  function ratings(list) {
    var out = {};
    list.forEach(function (choice) { out[choice.value] = D.rating; });
    return out;
  }

  function guessTimeZone() {
    try {
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (C.timeZones.indexOf(zone) >= 0) return zone;
    } catch (e) { /* an old browser: the server's default */ }
    return config.defaultTimeZone;
  }

  function newFamily() {
    return {
      section1: { name: config.userName || "", timeZone: guessTimeZone() },
      section3: { commitments: [] },
      section5: { flexibility: D.flexibility },
      section7: {
        homeschoolingPhilosophy: ratings(C.philosophies),
        schedulingStyle: ratings(C.schedulingStyles),
        planningApproach: D.planningApproach,
        activityPreferences: ratings(C.activityPreferences),
      },
      children: [],
    };
  }

  function newChildSections() {
    return {
      section2: { name: "", birthDate: "" },
      section3Child: { commitments: [] },
      section4: { subjects: [newSubject("")] },
      section6: { bestLearningTimes: [], startTime: D.hours.startTime, endTime: D.hours.endTime },
    };
  }

  function newChild() {
    var key = "temp_child_" + Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
    var child = newChildSections();
    child.key = key;
    return child;
  }

  function newSubject(name) {
    var subject = clone(D.subject);
    subject.name = name;
    return subject;
  }

  function newCommitment() { var c = clone(D.commitment); c.name = ""; return c; }

  // The answers as last saved (editing after a submit), else new ones.
  function baseAnswers() {
    if (!config.submitted) return newFamily();
    var base = clone(config.submitted);
    base.children.forEach(function (child) { child.key = child.id; });
    return base;
  }

  // Answers from drafts (the account's or this browser's: the same shape), over
  // the base: a section without a draft keeps the base's answer.
  function fromDrafts(state) {
    var base = baseAnswers();
    var drafts = state.drafts || { children: {} };
    var out = { children: [] };
    touched = {};
    FAMILY_SECTIONS.forEach(function (section) {
      out[section] = drafts[section] || base[section];
      if ((state.progress || {})[section] && state.progress[section] !== "not_started") touched[section] = true;
    });
    var order = (state.childrenProgress || []).map(function (entry) { return entry.childId; });
    Object.keys(drafts.children || {}).forEach(function (key) { if (order.indexOf(key) < 0) order.push(key); });
    order.forEach(function (key) {
      var saved = null;
      base.children.forEach(function (child) { if (child.key === key) saved = child; });
      var child = saved ? clone(saved) : newChildSections();
      child.key = key;
      var childDrafts = (drafts.children || {})[key] || {};
      var entry = (state.childrenProgress || []).filter(function (e) { return e.childId === key; })[0] || {};
      CHILD_SECTIONS.forEach(function (section) {
        if (childDrafts[section]) child[section] = childDrafts[section];
        if (entry[section] && entry[section] !== "not_started") touched[sectionId(child, section)] = true;
      });
      out.children.push(child);
    });
    return out;
  }

  function hasDrafts(state) {
    if (!state || !state.drafts) return false;
    return Object.keys(state.drafts).some(function (key) { return key !== "children"; }) ||
      Object.keys(state.drafts.children || {}).length > 0 || (state.childrenProgress || []).length > 0;
  }

  // ---------------------------------------------------------------- progress

  function commitmentComplete(c) {
    if (!c.name || !c.startTime || !c.endTime || c.endTime <= c.startTime) return false;
    var days = c.daysOfWeek || [];
    if (c.frequency === "weekly") return days.length > 0;
    if (c.frequency === "monthly") return c.weekOfMonth ? days.length === 1 : !!c.dayOfMonth;
    if (c.frequency === "one-time") return !!c.date;
    return !!c.frequency;
  }

  function subjectComplete(s) {
    var minutes = s.sessionDuration;
    return !!(s.name && s.name.trim()) && minutes >= L.minSession && minutes <= L.maxSession &&
      minutes % L.slotMinutes === 0 && !!s.frequency && !!s.parentInvolvement && !!s.interestLevel &&
      !(s.fixedTime && s.fixedTime.required && !s.fixedTime.preferredTime);
  }

  function complete(section, data) {
    if (!data) return false;
    switch (section) {
      case "section1": return !!(data.name && data.name.trim() && data.timeZone);
      case "section3": case "section3Child": return (data.commitments || []).every(commitmentComplete);
      case "section5": return !!data.flexibility;
      case "section7": return !!data.planningApproach;
      case "section2": return !!(data.name && data.name.trim() && data.birthDate);
      case "section4": return (data.subjects || []).length > 0 && data.subjects.every(subjectComplete);
      case "section6": return !!(data.startTime && data.endTime && data.endTime > data.startTime);
    }
    return false;
  }

  function status(id) {
    if (id === "children") return answers.children.length ? "complete" : (touched.children ? "in_progress" : "not_started");
    if (id === "review") return null;
    if (!touched[id]) return "not_started";
    return complete(parseSectionId(id).section, sectionData(id)) ? "complete" : "in_progress";
  }

  // Seed 000's questionnaire_progress_{familyId}; per-child sections 2, 4 and 6
  // summarise every child's, as the server does.
  function progressRecord() {
    var progress = {};
    ["section1", "section3", "section5", "section7"].forEach(function (s) { progress[s] = status(s); });
    ["section2", "section4", "section6"].forEach(function (s) {
      var states = answers.children.map(function (child) { return status(sectionId(child, s)); });
      if (states.length && states.every(function (x) { return x === "complete"; })) progress[s] = "complete";
      else if (states.some(function (x) { return x !== "not_started"; })) progress[s] = "in_progress";
      else progress[s] = "not_started";
    });
    var step = stepById(currentStep);
    return {
      currentSection: step && step.section ? Number(step.section.charAt(7)) : 1,
      currentStep: currentStep,
      progress: progress,
      childrenProgress: answers.children.map(function (child) {
        var entry = { childId: child.key, name: child.section2.name || "" };
        CHILD_SECTIONS.forEach(function (s) { entry[s] = status(sectionId(child, s)); });
        return entry;
      }),
      lastUpdated: changedAt,
      serverVersion: serverVersion,
      unsynced: Object.keys(dirty),
    };
  }

  // ---------------------------------------------------------------- this browser's copy

  var FAMILY_KEY = config.familyKey;
  var PROGRESS_KEY = "questionnaire_progress_" + FAMILY_KEY;

  // questionnaire_draft_{familyId}_section{N} and
  // questionnaire_draft_{familyId}_child_{childKey}_section{N} (a child's commitments are its section3).
  function localKey(id) {
    var parts = parseSectionId(id);
    var number = "section" + parts.section.charAt(7);
    return "questionnaire_draft_" + FAMILY_KEY + "_" + (parts.childKey ? "child_" + parts.childKey + "_" : "") + number;
  }

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function readJSON(key) {
    var store = storage();
    if (!store) return null;
    try { return JSON.parse(store.getItem(key)); } catch (e) { return null; }
  }

  function writeJSON(key, value) {
    var store = storage();
    if (!store) return;
    try { store.setItem(key, JSON.stringify(value)); } catch (e) { /* full or private: the account has it */ }
  }

  function readLocal() {
    var progress = readJSON(PROGRESS_KEY);
    if (!progress || typeof progress !== "object") return null;
    var drafts = { children: {} };
    FAMILY_SECTIONS.forEach(function (s) {
      var draft = readJSON(localKey(s));
      if (draft) drafts[s] = draft;
    });
    (progress.childrenProgress || []).forEach(function (entry) {
      drafts.children[entry.childId] = {};
      CHILD_SECTIONS.forEach(function (s) {
        var draft = readJSON(localKey("child:" + entry.childId + ":" + s));
        if (draft) drafts.children[entry.childId][s] = draft;
      });
    });
    return { progress: progress.progress, childrenProgress: progress.childrenProgress, drafts: drafts, record: progress };
  }

  function localKeys() {
    var store = storage();
    var keys = [];
    if (!store) return keys;
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key === PROGRESS_KEY || key.indexOf("questionnaire_draft_" + FAMILY_KEY + "_") === 0) keys.push(key);
    }
    return keys;
  }

  function clearLocal() {
    var store = storage();
    if (store) localKeys().forEach(function (key) { store.removeItem(key); });
  }

  function writeProgress() { writeJSON(PROGRESS_KEY, progressRecord()); }

  function writeAllLocal() {
    clearLocal();
    allSectionIds().forEach(function (id) { writeJSON(localKey(id), sectionData(id)); });
    writeProgress();
  }

  function allSectionIds() {
    var ids = FAMILY_SECTIONS.slice();
    answers.children.forEach(function (child) {
      CHILD_SECTIONS.forEach(function (s) { ids.push(sectionId(child, s)); });
    });
    return ids;
  }

  // ---------------------------------------------------------------- saving to the account

  function draftUrl(id) {
    var parts = parseSectionId(id);
    if (parts.childKey) return config.urls.childDrafts + encodeURIComponent(parts.childKey) + "/" + parts.section + "/";
    return config.urls.drafts + parts.section + "/";
  }

  function scheduleSave() {
    window.clearTimeout(saveTimer);
    if (saveState !== "offline" && saveState !== "failed") setSaveState("saving");
    saveTimer = window.setTimeout(flushServer, SAVE_DELAY);
  }

  function flushServer() {
    window.clearTimeout(saveTimer);
    if (!saving) {
      saving = drain().then(function () { saving = null; });
    }
    return saving;
  }

  // One request at a time, in order, so the version the account answers with
  // is the latest this page has seen.
  function drain() {
    if (finished) return Promise.resolve();
    var request;
    if (pendingDeletes.length) {
      var key = pendingDeletes[0];
      request = BrightPath.api("DELETE", config.urls.childDrafts + encodeURIComponent(key) + "/").then(function (res) {
        if (res.ok || res.status === 404) pendingDeletes.shift();
        return res;
      });
    } else {
      var ids = Object.keys(dirty);
      if (!ids.length) {
        if (saveState === "saving") setSaveState("saved");
        return Promise.resolve();
      }
      var id = ids[0];
      delete dirty[id];
      var data = sectionData(id);
      if (!data) return drain(); // a removed child's section
      request = BrightPath.api("PUT", draftUrl(id), { draft: data, status: status(id) }).then(function (res) {
        if (!res.ok) dirty[id] = true;
        else serverVersion = res.data.version;
        return res;
      });
    }
    setSaveState("saving");
    return request.then(function (res) {
      if (!res.ok) {
        saveFailed(res);
        writeProgress();
        return null;
      }
      writeProgress();
      return drain();
    });
  }

  function saveFailed(res) {
    if (res.status === 0) {
      setSaveState("offline", "Saved on this device only: BrightPath can't be reached. Trying again…");
      window.setTimeout(flushServer, RETRY_DELAY);
    } else if (res.status === 401 || res.status === 403) {
      setSaveState("failed", "Saved on this device only: you seem to be signed out. Sign in again in another tab to keep saving to your account.");
    } else {
      var message = (res.data && res.data.error && res.data.error.message) || "";
      setSaveState("failed", "Saved on this device only: your account did not take the last change. " + message);
      window.setTimeout(flushServer, RETRY_DELAY);
    }
  }

  // Leaving the page: what is waiting goes out with keepalive.
  function flushOnLeave() {
    if (finished) return;
    window.clearTimeout(saveTimer);
    Object.keys(dirty).forEach(function (id) {
      var data = sectionData(id);
      if (!data) return;
      try {
        fetch(draftUrl(id), {
          method: "PUT", credentials: "same-origin", keepalive: true,
          headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": BrightPath.csrfToken() },
          body: JSON.stringify({ draft: data, status: status(id) }),
        });
      } catch (e) { /* the local copy stays */ }
    });
  }

  // A change to one section: this browser at once, the account a moment later.
  function changed(id, options) {
    options = options || {};
    touched[id] = true;
    changedAt = new Date().toISOString();
    if (config.submitted && !hasDrafts(config.server) && !seeded) {
      // Changing saved answers: the drafts must hold every section from now on,
      // so that resuming shows the whole questionnaire (and a removed child stays removed).
      seeded = true;
      allSectionIds().forEach(function (sid) { dirty[sid] = true; writeJSON(localKey(sid), sectionData(sid)); });
    }
    dirty[id] = true;
    writeJSON(localKey(id), sectionData(id));
    writeProgress();
    scheduleSave();
    if (options.rerender) renderStep(options.focus);
    else refreshProgress();
  }
  var seeded = false;

  // ---------------------------------------------------------------- steps

  var CHILD_STEP_TITLES = { section2: "About", section3Child: "Commitments", section4: "Subjects", section6: "Learning day" };

  function steps() {
    var list = [
      { id: "section1", section: "section1", group: "family", title: "Your family" },
      { id: "section3", section: "section3", group: "family", title: "Family commitments" },
      { id: "section5", section: "section5", group: "family", title: "How structured" },
      { id: "section7", section: "section7", group: "family", title: "Your approach" },
      { id: "children", group: "children", title: "Your children" },
    ];
    answers.children.forEach(function (child, index) {
      CHILD_SECTIONS.forEach(function (section) {
        var name = childName(child, index);
        list.push({
          id: sectionId(child, section), section: section, child: child, index: index, group: child.key,
          title: section === "section2" ? "About " + name : CHILD_STEP_TITLES[section],
          heading: section === "section2" ? "About " + name : name + ": " + CHILD_STEP_TITLES[section].toLowerCase(),
        });
      });
    });
    list.push({ id: "review", group: "review", title: "Check and save" });
    return list;
  }

  function stepById(id) {
    var list = steps();
    for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i];
    return null;
  }

  function stepIndex(id) {
    var list = steps();
    for (var i = 0; i < list.length; i++) if (list[i].id === id) return i;
    return -1;
  }

  // The step whose controls an API error path belongs to.
  function stepForPath(path) {
    var m = /^children\[(\d+)\](?:\.(section\w+))?/.exec(path);
    if (m) {
      var child = answers.children[Number(m[1])];
      if (!child) return "children";
      var section = m[2] && CHILD_SECTIONS.indexOf(m[2]) >= 0 ? m[2] : "section2";
      return sectionId(child, section);
    }
    if (/^children/.test(path)) return "children";
    var s = /^(section\d)/.exec(path);
    if (s && FAMILY_SECTIONS.indexOf(s[1]) >= 0) return s[1];
    return "review";
  }

  function go(id, focusPath) {
    if (!stepById(id)) id = "section1";
    currentStep = id;
    if (changedAt) writeProgress();
    if (saveState === "offline" || saveState === "failed") flushServer(); // try again now
    renderAll();
    var target = focusPath && root.querySelector('[data-field="' + CSS.escape(focusPath) + '"]');
    if (target) target.focus();
    else {
      var heading = root.querySelector(".wizard-step h2");
      if (heading) heading.focus();
    }
    var index = stepIndex(id);
    BrightPath.announce("Step " + (index + 1) + " of " + steps().length + ": " + stepById(id).title);
    var top = root.getBoundingClientRect().top + window.scrollY - 10;
    if (window.scrollY > top) window.scrollTo(0, top);
  }

  function leaveStep() {
    // Passing a step counts as answering it: an empty commitments list is an answer.
    var id = currentStep;
    if (id === "review") return;
    if (id === "children") { touched.children = true; return; }
    if (!touched[id]) changed(id);
  }

  function next() {
    var list = steps();
    var index = stepIndex(currentStep);
    leaveStep();
    if (index < list.length - 1) go(list[index + 1].id);
  }

  function back() {
    var index = stepIndex(currentStep);
    if (index > 0) go(steps()[index - 1].id);
  }

  // ---------------------------------------------------------------- controls

  function describe(control, ids) {
    ids = ids.filter(Boolean);
    if (ids.length) control.setAttribute("aria-describedby", ids.join(" "));
  }

  function field(opts, control) {
    var id = fieldId(opts.path);
    control.id = id;
    control.setAttribute("data-field", opts.path);
    var help = opts.help ? h("p", { class: "helptext", id: id + "-help", text: opts.help }) : null;
    describe(control, [help && help.id]);
    return h("div", { class: "field" + (opts.wide ? " wide-field" : "") }, [h("label", { for: id, text: opts.label }), help, control]);
  }

  function textInput(opts) {
    var input = h("input", {
      type: opts.type || "text", value: opts.value == null ? "" : opts.value,
      autocomplete: opts.autocomplete || "off", list: opts.list, min: opts.min, max: opts.max, step: opts.step,
      inputmode: opts.inputmode, required: opts.required,
      oninput: function (e) { opts.set(e.target.value); },
    });
    return field(opts, input);
  }

  function numberInput(opts) {
    opts.type = "number";
    var set = opts.set;
    opts.set = function (text) { set(text === "" ? undefined : Number(text)); };
    return textInput(opts);
  }

  function selectInput(opts) {
    var options = opts.choices.map(function (choice) { return h("option", { value: String(choice.value), text: choice.label }); });
    if (opts.placeholder) options.unshift(h("option", { value: "", text: opts.placeholder }));
    var select = h("select", {
      value: opts.value == null ? "" : String(opts.value),
      onchange: function (e) {
        var raw = e.target.value;
        var choice = opts.choices.filter(function (c) { return String(c.value) === raw; })[0];
        opts.set(choice ? choice.value : undefined);
      },
    }, options);
    return field(opts, select);
  }

  function checkbox(opts) {
    var id = fieldId(opts.path);
    var input = h("input", {
      type: "checkbox", id: id, "data-field": opts.path, checked: opts.value,
      onchange: function (e) { opts.set(e.target.checked); },
    });
    var help = opts.help ? h("p", { class: "helptext", id: id + "-help", text: opts.help }) : null;
    describe(input, [help && help.id]);
    return h("div", { class: "field check-field" }, [h("label", { class: "check" }, [input, " " + opts.label]), help]);
  }

  // A fieldset of checkboxes for a list (days, learning times); kept in the choices' order.
  function checkboxGroup(opts) {
    var id = fieldId(opts.path);
    var selected = opts.value || [];
    var boxes = opts.choices.map(function (choice) {
      var value = typeof choice === "string" ? choice : choice.value;
      var label = typeof choice === "string" ? choice : choice.label;
      return h("label", { class: "check" }, [h("input", {
        type: "checkbox", value: value, checked: selected.indexOf(value) >= 0,
        onchange: function () {
          var chosen = Array.prototype.filter.call(group.querySelectorAll("input"), function (box) { return box.checked; })
            .map(function (box) { return box.value; });
          opts.set(chosen);
        },
      }), " " + (opts.short ? label.slice(0, 3) : label)]);
    });
    var help = opts.help ? h("p", { class: "helptext", id: id + "-help", text: opts.help }) : null;
    var group = h("fieldset", { class: "choices " + (opts.className || ""), id: id, "data-field": opts.path, tabindex: "-1" },
      [h("legend", { text: opts.label }), help, h("div", { class: "choice-list" }, boxes)]);
    describe(group, [help && help.id]);
    if (opts.short) boxes.forEach(function (label, i) { label.firstChild.setAttribute("aria-label", opts.choices[i]); });
    return group;
  }

  // A fieldset of radio buttons; choices may carry help text.
  function radioGroup(opts) {
    var id = fieldId(opts.path);
    var radios = opts.choices.map(function (choice, i) {
      var help = choice.help ? h("span", { class: "choice-help", id: id + "-h" + i, text: choice.help }) : null;
      var input = h("input", {
        type: "radio", name: id, id: id + "-" + i, value: String(choice.value), checked: choice.value === opts.value,
        "aria-describedby": help ? help.id : null,
        onchange: function () { opts.set(choice.value); },
      });
      if (!help) return h("label", { class: "check" }, [input, " " + choice.label]);
      return h("div", { class: "with-help" }, [input, h("div", {}, [h("label", { for: input.id, text: choice.label }), help])]);
    });
    var help = opts.help ? h("p", { class: "helptext", id: id + "-help", text: opts.help }) : null;
    var group = h("fieldset", { class: "choices " + (opts.className || ""), id: id, "data-field": opts.path, tabindex: "-1" },
      [h("legend", { text: opts.label }), help, h("div", { class: "choice-list" }, radios)]);
    describe(group, [help && help.id]);
    return group;
  }

  // Ratings 1-5 for each of a fixed list (section 7).
  function ratingsGroup(opts) {
    var scale = [1, 2, 3, 4, 5];
    var rows = opts.choices.map(function (choice) {
      var path = opts.path + "." + choice.value;
      var id = fieldId(path);
      var current = (opts.value || {})[choice.value];
      return h("fieldset", { class: "rating", id: id, "data-field": path, tabindex: "-1" }, [
        h("legend", { text: choice.label }),
        h("div", { class: "scale" }, scale.map(function (n) {
          return h("label", {}, [h("input", {
            type: "radio", name: id, value: String(n), checked: current === n,
            onchange: function () { opts.value[choice.value] = n; opts.changed(); },
          }), h("span", { text: String(n) })]);
        })),
      ]);
    });
    return h("fieldset", { class: "ratings", id: fieldId(opts.path), "data-field": opts.path, tabindex: "-1" }, [
      h("legend", { text: opts.label }),
      h("p", { class: "helptext", text: opts.help }),
    ].concat(rows));
  }

  function button(text, onclick, className, extra) {
    return h("button", Object.assign({ type: "button", class: className || "secondary", text: text, onclick: onclick }, extra || {}));
  }

  // ---------------------------------------------------------------- sections

  function renderSection1(step) {
    var data = answers.section1;
    var id = step.id;
    return [
      textInput({ path: "section1.name", label: "Family name", value: data.name, autocomplete: "family-name",
        help: "How BrightPath names your family, for example \"The Kims\" or \"Sarah Kim\".",
        set: function (v) { data.name = v; changed(id); } }),
      selectInput({ path: "section1.timeZone", label: "Time zone", value: data.timeZone,
        choices: C.timeZones.map(function (z) { return { value: z, label: z.replace(/_/g, " ") }; }),
        help: "Days, weeks and times are planned in this time zone.",
        set: function (v) { data.timeZone = v; changed(id); } }),
    ];
  }

  function renderCommitments(step, data, prefix, who) {
    var id = step.id;
    var list = data.commitments = data.commitments || [];
    var intro = step.child
      ? "Things " + who + " does outside lessons: sports, music lessons, clubs. Nothing is planned for " + who + " at these times."
      : "Regular things that keep a parent from teaching: work, appointments, a co-op. BrightPath plans no lesson that needs you at these times.";
    var rows = list.map(function (commitment, index) {
      return commitmentRow(commitment, index, prefix + ".commitments[" + index + "]", list, id);
    });
    var content = [h("p", { class: "intro", text: intro })];
    if (!list.length) content.push(h("p", { class: "empty-state", text: "No commitments yet. If there are none, go on to the next step." }));
    content.push(h("div", { class: "rows", "data-field": prefix + ".commitments", tabindex: "-1" }, rows));
    content.push(button("Add a commitment", function () {
      list.push(newCommitment());
      changed(id, { rerender: true, focus: prefix + ".commitments[" + (list.length - 1) + "].name" });
    }, "secondary add"));
    return content;
  }

  function commitmentRow(c, index, path, list, id) {
    var title = "Commitment " + (index + 1) + (c.name ? ": " + c.name : "");
    var restructure = function (focus) { changed(id, { rerender: true, focus: focus }); };
    var fields = [
      textInput({ path: path + ".name", label: "What is it?", value: c.name, help: "For example: Work meeting, Swim team, Piano lesson.",
        set: function (v) { c.name = v; changed(id); } }),
      selectInput({ path: path + ".frequency", label: "How often", value: c.frequency, choices: C.commitmentFrequencies,
        set: function (v) { c.frequency = v; restructure(path + ".frequency"); } }),
    ];
    if (c.frequency === "weekly") {
      fields.push(checkboxGroup({ path: path + ".daysOfWeek", label: "On which days", value: c.daysOfWeek, choices: C.weekdays, short: true, className: "days",
        set: function (v) { c.daysOfWeek = v; changed(id); } }));
    } else if (c.frequency === "monthly") {
      var byWeekday = c.weekOfMonth !== undefined && c.weekOfMonth !== null;
      fields.push(radioGroup({ path: path + "._monthlyBy", label: "Which day of the month", value: byWeekday ? "weekday" : "date",
        choices: [{ value: "date", label: "A date, such as the 15th" }, { value: "weekday", label: "A weekday, such as the 2nd Wednesday" }],
        set: function (v) {
          if (v === "weekday") { delete c.dayOfMonth; c.weekOfMonth = 1; c.daysOfWeek = [C.weekdays[0]]; }
          else { delete c.weekOfMonth; c.daysOfWeek = []; c.dayOfMonth = 1; }
          restructure(path + "._monthlyBy");
        } }));
      if (byWeekday) {
        fields.push(selectInput({ path: path + ".weekOfMonth", label: "Week of the month", value: c.weekOfMonth, choices: C.weekOfMonth,
          set: function (v) { c.weekOfMonth = v; changed(id); } }));
        fields.push(selectInput({ path: path + ".daysOfWeek", label: "Day", value: (c.daysOfWeek || [])[0],
          choices: C.weekdays.map(function (d) { return { value: d, label: d }; }),
          set: function (v) { c.daysOfWeek = v ? [v] : []; changed(id); } }));
      } else {
        fields.push(numberInput({ path: path + ".dayOfMonth", label: "Day of the month", value: c.dayOfMonth, min: 1, max: 31, inputmode: "numeric",
          help: "The 31st falls on a shorter month's last day.",
          set: function (v) { c.dayOfMonth = v; changed(id); } }));
      }
    } else if (c.frequency === "one-time") {
      fields.push(textInput({ path: path + ".date", label: "Date", type: "date", value: c.date,
        set: function (v) { c.date = v; changed(id); } }));
    }
    fields.push(h("div", { class: "pair" }, [
      textInput({ path: path + ".startTime", label: "Start time", type: "time", value: c.startTime,
        set: function (v) { c.startTime = v; changed(id); } }),
      textInput({ path: path + ".endTime", label: "End time", type: "time", value: c.endTime,
        set: function (v) { c.endTime = v; changed(id); } }),
    ]));
    fields.push(button("Remove " + (c.name || "commitment " + (index + 1)), function () {
      list.splice(index, 1);
      changed(id, { rerender: true });
    }, "link remove"));
    return h("fieldset", { class: "row" }, [h("legend", { text: title })].concat(fields));
  }

  function renderSection5(step) {
    var data = answers.section5;
    return [radioGroup({ path: "section5.flexibility", label: "How structured do you like your days?", value: data.flexibility,
      choices: C.flexibility, help: "BrightPath keeps to set times more or less tightly accordingly.",
      set: function (v) { data.flexibility = v; changed(step.id); } })];
  }

  function renderSection7(step) {
    var data = answers.section7;
    var done = function () { changed(step.id); };
    ["homeschoolingPhilosophy", "schedulingStyle", "activityPreferences"].forEach(function (key) { data[key] = data[key] || {}; });
    return [
      ratingsGroup({ path: "section7.homeschoolingPhilosophy", label: "Homeschooling approaches", value: data.homeschoolingPhilosophy,
        choices: C.philosophies, help: "How much each sounds like your family: 1 not at all, 5 very much.", changed: done }),
      ratingsGroup({ path: "section7.schedulingStyle", label: "Scheduling styles", value: data.schedulingStyle,
        choices: C.schedulingStyles, help: "How well each way of laying out a day suits you: 1 not at all, 5 very well.", changed: done }),
      radioGroup({ path: "section7.planningApproach", label: "How do you plan?", value: data.planningApproach, choices: C.planningApproaches,
        set: function (v) { data.planningApproach = v; done(); } }),
      ratingsGroup({ path: "section7.activityPreferences", label: "Activities your family enjoys", value: data.activityPreferences,
        choices: C.activityPreferences, help: "1 rarely, 5 as often as we can.", changed: done }),
    ];
  }

  function renderChildren(step) {
    var content = [h("p", { class: "intro", text: "Add each child you homeschool. Each child has four short steps: about them, their commitments, their subjects and their learning day." })];
    if (!answers.children.length) {
      content.push(h("p", { class: "empty-state", text: "No children yet. Add your first child to continue." }));
    }
    var list = h("ul", { class: "child-list", "data-field": "children", tabindex: "-1" }, answers.children.map(function (child, index) {
      var name = childName(child, index);
      var states = CHILD_SECTIONS.map(function (s) { return status(sectionId(child, s)); });
      var done = states.filter(function (x) { return x === "complete"; }).length;
      var open = states.findIndex(function (x) { return x !== "complete"; });
      var firstOpen = CHILD_SECTIONS[open < 0 ? 0 : open];
      return h("li", { class: "child-card" }, [
        h("div", {}, [h("strong", { text: name }), h("span", { class: "muted", text: " · " + done + " of 4 steps complete" })]),
        h("div", { class: "actions" }, [
          button(done === 4 ? "Review " + name : "Continue with " + name, function () { go(sectionId(child, firstOpen)); }, "secondary"),
          button("Remove " + name, function () { removeChild(index); }, "link remove"),
        ]),
      ]);
    }));
    content.push(list);
    var full = answers.children.length >= L.maxChildren;
    content.push(button(answers.children.length ? "Add another child" : "Add a child", addChild, "add", full ? { disabled: true } : null));
    if (full) content.push(h("p", { class: "helptext", text: "BrightPath plans for up to " + L.maxChildren + " children." }));
    return content;
  }

  function addChild() {
    var child = newChild();
    answers.children.push(child);
    touched.children = true;
    changed(sectionId(child, "section2"));
    go(sectionId(child, "section2"), "children[" + (answers.children.length - 1) + "].section2.name");
  }

  function removeChild(index) {
    var child = answers.children[index];
    var name = childName(child, index);
    var saved = child.key.indexOf("temp_") !== 0;
    var question = saved
      ? "Remove " + name + "? When you save, " + name + "'s plans are removed (what was done is kept in your records)."
      : "Remove " + name + " and the answers about " + name + "?";
    if (!window.confirm(question)) return;
    answers.children.splice(index, 1);
    CHILD_SECTIONS.forEach(function (s) {
      var id = sectionId(child, s);
      delete dirty[id];
      delete touched[id];
      var store = storage();
      if (store) store.removeItem(localKey(id));
    });
    pendingDeletes.push(child.key);
    changedAt = new Date().toISOString();
    // Errors named by index now point at other children.
    errors = {};
    errorMessage = "";
    writeProgress();
    scheduleSave();
    go("children");
    BrightPath.announce(name + " removed");
  }

  function renderSection2(step) {
    var child = step.child, data = child.section2, base = "children[" + step.index + "].section2";
    // Whether the parent knows only the month: said by the checkbox, or by a saved "YYYY-MM".
    var monthOnly = data._monthOnly !== undefined ? data._monthOnly : /^\d{4}-\d{2}$/.test(data.birthDate || "");
    var today = config.today;
    var earliest = String(Number(today.slice(0, 4)) - L.maxAge - 1) + today.slice(4);
    var name = childName(child, step.index);
    return [
      textInput({ path: base + ".name", label: "Child's first name", value: data.name, autocomplete: "off",
        set: function (v) { data.name = v; changed(step.id); refreshTitles(); } }),
      textInput({ path: base + ".birthDate", label: monthOnly ? "Birth month" : "Birth date", type: monthOnly ? "month" : "date",
        value: data.birthDate, min: monthOnly ? earliest.slice(0, 7) : earliest, max: monthOnly ? today.slice(0, 7) : today,
        help: "Gives " + name + "'s age, for session lengths and breaks. BrightPath plans for children aged " + L.minAge + " to " + L.maxAge + ".",
        set: function (v) { data.birthDate = v; delete data.age; changed(step.id); } }),
      checkbox({ path: base + "._monthOnly", label: "I only know the month and year", value: monthOnly,
        set: function (on) {
          data._monthOnly = on;
          data.birthDate = on ? (data.birthDate || "").slice(0, 7) : "";
          changed(step.id, { rerender: true, focus: base + ".birthDate" });
        } }),
    ];
  }

  function renderSection4(step) {
    var child = step.child, data = child.section4, base = "children[" + step.index + "].section4";
    var name = childName(child, step.index);
    var list = data.subjects = data.subjects || [];
    var rows = list.map(function (subject, index) { return subjectRow(subject, index, base + ".subjects[" + index + "]", list, step); });
    var content = [h("p", { class: "intro", text: "What " + name + " learns, one subject at a time: how long a session lasts, how often, and how much of your time it needs." })];
    if (!list.length) content.push(h("p", { class: "empty-state", text: name + " has no subjects yet. Add at least one." }));
    content.push(h("div", { class: "rows", "data-field": base + ".subjects", tabindex: "-1" }, rows));
    content.push(button("Add a subject", function () {
      list.push(newSubject(""));
      changed(step.id, { rerender: true, focus: base + ".subjects[" + (list.length - 1) + "].name" });
    }, "secondary add"));
    content.push(h("datalist", { id: "standard-subjects" }, C.standardSubjects.map(function (n) { return h("option", { value: n }); })));
    return content;
  }

  function subjectRow(s, index, path, list, step) {
    var id = step.id;
    s.fixedTime = s.fixedTime || { required: false, preferredTime: null };
    var fields = [
      textInput({ path: path + ".name", label: "Subject", value: s.name, list: "standard-subjects", help: "Pick one from the list or type your own.",
        set: function (v) { s.name = v; changed(id); } }),
      h("div", { class: "pair" }, [
        numberInput({ path: path + ".sessionDuration", label: "Session length (minutes)", value: s.sessionDuration,
          min: L.minSession, max: L.maxSession, step: L.slotMinutes, inputmode: "numeric",
          help: "In steps of " + L.slotMinutes + " minutes.",
          set: function (v) { s.sessionDuration = v; changed(id); } }),
        selectInput({ path: path + ".frequency", label: "How often", value: s.frequency, choices: C.subjectFrequencies,
          set: function (v) { s.frequency = v; changed(id); } }),
      ]),
      h("div", { class: "pair" }, [
        selectInput({ path: path + ".parentInvolvement", label: "Your part", value: s.parentInvolvement, choices: C.parentInvolvement,
          help: "Sessions that need you are not planned at the same time for two children.",
          set: function (v) { s.parentInvolvement = v; changed(id); } }),
        selectInput({ path: path + ".interestLevel", label: "Interest", value: s.interestLevel, choices: C.interestLevels,
          set: function (v) { s.interestLevel = v; changed(id); } }),
      ]),
      checkbox({ path: path + ".isCoreSubject", label: "Core subject", value: s.isCoreSubject,
        help: "Core subjects are placed first when the week is full, and at the best learning times.",
        set: function (v) { s.isCoreSubject = v; changed(id); } }),
      checkbox({ path: path + ".fixedTime.required", label: "Always at a set time", value: s.fixedTime.required,
        set: function (v) {
          s.fixedTime.required = v;
          if (!v) s.fixedTime.preferredTime = null;
          changed(id, { rerender: true, focus: v ? path + ".fixedTime.preferredTime" : path + ".fixedTime.required" });
        } }),
    ];
    if (s.fixedTime.required) {
      fields.push(textInput({ path: path + ".fixedTime.preferredTime", label: "At", type: "time", step: L.slotMinutes * 60,
        value: s.fixedTime.preferredTime, help: "On a " + L.slotMinutes + "-minute mark, inside the homeschool hours.",
        set: function (v) { s.fixedTime.preferredTime = v || null; changed(id); } }));
    }
    fields.push(button("Remove " + (s.name || "subject " + (index + 1)), function () {
      list.splice(index, 1);
      changed(id, { rerender: true });
    }, "link remove"));
    return h("fieldset", { class: "row" }, [h("legend", { text: "Subject " + (index + 1) + (s.name ? ": " + s.name : "") })].concat(fields));
  }

  function renderSection6(step) {
    var child = step.child, data = child.section6, base = "children[" + step.index + "].section6";
    var name = childName(child, step.index);
    var slot = L.slotMinutes * 60;
    return [
      h("p", { class: "intro", text: "When " + name + "'s school day starts and ends, and when " + name + " learns best." }),
      h("div", { class: "pair" }, [
        textInput({ path: base + ".startTime", label: "School day starts", type: "time", step: slot, value: data.startTime,
          set: function (v) { data.startTime = v; changed(step.id); } }),
        textInput({ path: base + ".endTime", label: "School day ends", type: "time", step: slot, value: data.endTime,
          help: "Every session fits between these times.",
          set: function (v) { data.endTime = v; changed(step.id); } }),
      ]),
      checkboxGroup({ path: base + ".bestLearningTimes", label: "Best learning times", value: data.bestLearningTimes,
        choices: C.learningTimes, help: "Core and harder subjects go at these times when they can. Pick any, or none.",
        set: function (v) { data.bestLearningTimes = v; changed(step.id); } }),
    ];
  }

  function renderReview() {
    var content = [h("p", { class: "intro", text: "Check your answers, then save. BrightPath plans this week for every child straight away." })];
    var list = steps().filter(function (s) { return s.id !== "review"; });
    var problems = list.filter(function (s) { return status(s.id) !== "complete"; });
    if (problems.length) {
      content.push(h("div", { class: "notice" }, [
        h("p", { text: "Some steps are not complete yet. You can still try to save: anything missing is pointed out." }),
        h("ul", {}, problems.map(function (s) {
          return h("li", {}, [button(stepLabel(s) + " (" + STATUS_WORDS[status(s.id)].toLowerCase() + ")", function () { go(s.id); }, "link")]);
        })),
      ]));
    }
    var family = answers.section1;
    var rows = [
      ["Family", family.name + " · " + (family.timeZone || "").replace(/_/g, " "), "section1"],
      ["Family commitments", commitmentsText(answers.section3.commitments), "section3"],
      ["Structure", labelOf(C.flexibility, answers.section5.flexibility), "section5"],
      ["Planning", labelOf(C.planningApproaches, answers.section7.planningApproach), "section7"],
    ];
    answers.children.forEach(function (child, index) {
      var name = childName(child, index);
      var subjects = (child.section4.subjects || []).map(function (s) {
        return (s.name || "(no name)") + " " + (s.sessionDuration || "?") + " min, " + labelOf(C.subjectFrequencies, s.frequency).toLowerCase();
      });
      rows.push([name, (child.section2.birthDate ? "born " + child.section2.birthDate : "no birth date yet") +
        " · school day " + child.section6.startTime + "-" + child.section6.endTime, sectionId(child, "section2")]);
      rows.push([name + "'s subjects", subjects.join("; ") || "none yet", sectionId(child, "section4")]);
      rows.push([name + "'s commitments", commitmentsText(child.section3Child.commitments), sectionId(child, "section3Child")]);
    });
    if (!answers.children.length) rows.push(["Children", "No children yet", "children"]);
    content.push(h("dl", { class: "review" }, rows.reduce(function (out, row) {
      out.push(h("dt", { text: row[0] }));
      out.push(h("dd", {}, [h("span", { text: row[1] }), " ", button("Change", function () { go(row[2]); }, "link", { "aria-label": "Change " + row[0] })]));
      return out;
    }, [])));
    return content;
  }

  function commitmentsText(list) {
    if (!list || !list.length) return "None";
    return list.map(function (c) {
      var when = c.frequency === "weekly" ? (c.daysOfWeek || []).map(function (d) { return d.slice(0, 3); }).join(", ")
        : labelOf(C.commitmentFrequencies, c.frequency).toLowerCase();
      return (c.name || "(no name)") + " (" + when + " " + (c.startTime || "?") + "-" + (c.endTime || "?") + ")";
    }).join("; ");
  }

  // ---------------------------------------------------------------- the page

  var parts = {};

  function stepLabel(step) {
    return step.child && step.section !== "section2" ? childName(step.child, step.index) + ": " + step.title : step.title;
  }

  function renderProgress() {
    var list = steps();
    var here = stepIndex(currentStep);
    var sections = list.filter(function (s) { return s.section; });
    var done = sections.filter(function (s) { return status(s.id) === "complete"; }).length;
    var withErrors = {};
    Object.keys(errors).forEach(function (path) { withErrors[stepForPath(path)] = true; });
    function item(step) {
      var state = withErrors[step.id] ? "needs_change" : status(step.id);
      return h("li", { class: "step-item " + (state || "") }, [
        h("button", { type: "button", class: "step-link", "aria-current": step.id === currentStep ? "step" : null,
          onclick: function () {
            // On a phone the list folds away again, out of the step's way.
            if (!window.matchMedia("(min-width: 48rem)").matches) parts.details.open = false;
            go(step.id);
          } }, [
          h("span", { class: "step-name", text: step.title }),
          state ? h("span", { class: "step-status", text: STATUS_WORDS[state] }) : null,
        ]),
      ]);
    }
    var groups = [
      h("li", { class: "step-group" }, [h("span", { class: "group-name", text: "Family" }),
        h("ol", {}, list.filter(function (s) { return s.group === "family"; }).map(item))]),
      item(list.filter(function (s) { return s.id === "children"; })[0]),
    ];
    answers.children.forEach(function (child, index) {
      groups.push(h("li", { class: "step-group" }, [h("span", { class: "group-name", text: childName(child, index) }),
        h("ol", {}, list.filter(function (s) { return s.group === child.key; }).map(item))]));
    });
    groups.push(item(list[list.length - 1]));
    parts.progressSummary.textContent = "Step " + (here + 1) + " of " + list.length + " · " + done + " of " + sections.length + " sections complete";
    parts.stepList.replaceChildren.apply(parts.stepList, groups);
  }

  function refreshProgress() { renderProgress(); }

  // A child's name changed: the headings and step names that show it follow.
  function refreshTitles() {
    renderProgress();
    var step = stepById(currentStep);
    var heading = root.querySelector(".wizard-step h2");
    if (heading && step) heading.textContent = step.heading || step.title;
  }

  function setSaveState(state, message) {
    saveState = state;
    saveMessage = message || "";
    if (!parts.saved) return;
    var words = {
      idle: changedAt ? "All changes saved" : "Your answers are saved as you go",
      saving: "Saving…",
      saved: "All changes saved" + (changedAt ? " · " + new Date().toLocaleTimeString([], { hour: "numeric", minute: "2-digit" }) : ""),
      offline: saveMessage, failed: saveMessage,
    };
    parts.saved.textContent = words[state];
    parts.saved.className = "save-state " + state;
  }

  function renderStep(focusPath) {
    var step = stepById(currentStep) || steps()[0];
    currentStep = step.id;
    var body;
    switch (step.section || step.id) {
      case "section1": body = renderSection1(step); break;
      case "section3": body = renderCommitments(step, answers.section3, "section3", "you"); break;
      case "section5": body = renderSection5(step); break;
      case "section7": body = renderSection7(step); break;
      case "children": body = renderChildren(step); break;
      case "section2": body = renderSection2(step); break;
      case "section3Child": body = renderCommitments(step, step.child.section3Child,
        "children[" + step.index + "].section3Child", childName(step.child, step.index)); break;
      case "section4": body = renderSection4(step); break;
      case "section6": body = renderSection6(step); break;
      default: body = renderReview();
    }
    var list = steps();
    var index = stepIndex(step.id);
    var last = index === list.length - 1;
    var nav = h("div", { class: "step-nav" }, [
      index > 0 ? button("Back", back, "secondary") : h("span"),
      last
        ? h("button", { type: "submit", class: "primary", text: config.submitted ? "Save changes and plan the week" : "Save and plan our week" })
        : h("button", { type: "submit", class: "primary", text: "Next" }),
    ]);
    var form = h("form", { class: "wizard-step", novalidate: true, "aria-labelledby": "step-title",
      onsubmit: function (e) { e.preventDefault(); if (last) submit(); else next(); } }, [
      h("p", { class: "step-count", text: "Step " + (index + 1) + " of " + list.length + (step.child ? " · " + childName(step.child, step.index) : "") }),
      h("h2", { id: "step-title", tabindex: "-1", text: step.heading || step.title }),
      h("div", { class: "step-errors form-errors", hidden: true }),
    ].concat(body).concat([nav]));
    parts.panel.replaceChildren(form);
    placeErrors(form);
    renderProgress();
    if (focusPath) {
      var target = form.querySelector('[data-field="' + CSS.escape(focusPath) + '"]');
      if (target) target.focus();
    }
  }

  function renderAll() {
    renderSummary();
    renderStep();
  }

  function build() {
    root.replaceChildren();
    parts.notice = h("div", { class: "wizard-notice", role: "status" });
    parts.summary = h("div", { class: "wizard-summary", tabindex: "-1", hidden: true });
    parts.progressSummary = h("span", { class: "progress-summary" });
    parts.stepList = h("ol", { class: "step-list" });
    parts.details = h("details", { class: "wizard-steps", open: window.matchMedia("(min-width: 48rem)").matches }, [
      h("summary", {}, [parts.progressSummary, h("span", { class: "toggle-hint", text: " · all steps" })]),
      h("nav", { "aria-label": "Questionnaire steps" }, [parts.stepList]),
    ]);
    parts.saved = h("p", { class: "save-state" });
    parts.panel = h("div", { class: "wizard-panel" });
    root.appendChild(parts.notice);
    root.appendChild(parts.summary);
    root.appendChild(h("div", { class: "wizard-layout" }, [
      h("div", { class: "wizard-side" }, [parts.details, parts.saved]),
      parts.panel,
    ]));
    root.setAttribute("data-state", "ready");
    setSaveState(saveState);
  }

  // ---------------------------------------------------------------- errors from the server

  function humanize(message) {
    return message.replace(/\b(startTime|endTime|daysOfWeek|dayOfMonth|weekOfMonth|birthDate)\b/g, function (word) {
      return MESSAGE_WORDS[word];
    });
  }

  function describePath(path) {
    var stepId = stepForPath(path);
    var step = stepById(stepId);
    var bits = [step ? stepLabel(step) : "Your answers"];
    var row = /(commitments|subjects)\[(\d+)\]/.exec(path);
    if (row) {
      var noun = row[1] === "subjects" ? "Subject " : "Commitment ";
      bits.push(noun + (Number(row[2]) + 1));
    }
    var names = path.replace(/\[\d+\]/g, "").split(".");
    var last = names[names.length - 1];
    if (FIELD_WORDS[last] && !(row && path.slice(-row[0].length) === row[0])) bits.push(FIELD_WORDS[last]);
    return bits.join(" · ");
  }

  // The control for a path, or the nearest enclosing one that has a data-field
  // ("…daysOfWeek[1]" -> the days fieldset).
  function controlFor(form, path) {
    var p = path;
    while (p) {
      var found = form.querySelector('[data-field="' + CSS.escape(p) + '"]');
      if (found) return found;
      var cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
      if (cut <= 0) break;
      p = p.slice(0, cut);
    }
    return null;
  }

  var errorCount = 0;

  function placeErrors(form) {
    var unplaced = [];
    Object.keys(errors).forEach(function (path) {
      if (stepForPath(path) !== currentStep) return;
      var message = errors[path].map(humanize).join(" ");
      var control = controlFor(form, path);
      if (!control) { unplaced.push(describePath(path) + ": " + message); return; }
      var note = h("p", { class: "field-error", id: "wizard-error-" + (++errorCount), text: message });
      control.setAttribute("aria-invalid", "true");
      var described = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      described.push(note.id);
      control.setAttribute("aria-describedby", described.join(" "));
      if (control.tagName === "FIELDSET" || control.classList.contains("rows") || control.tagName === "UL") {
        control.insertAdjacentElement(control.tagName === "FIELDSET" ? "beforeend" : "beforebegin", note);
      } else {
        (control.closest(".field") || control).appendChild(note);
      }
    });
    var box = form.querySelector(".step-errors");
    if (unplaced.length) {
      box.replaceChildren(h("ul", {}, unplaced.map(function (text) { return h("li", { text: text }); })));
      box.hidden = false;
    }
  }

  // Typing in a field with an error: the error there goes (the summary stays until the next save).
  root.addEventListener("input", clearFieldError, true);
  root.addEventListener("change", clearFieldError, true);
  function clearFieldError(event) {
    var control = event.target.closest("[data-field]");
    if (!control || control.getAttribute("aria-invalid") !== "true") return;
    var path = control.getAttribute("data-field");
    Object.keys(errors).forEach(function (key) { if (key === path || key.indexOf(path + "[") === 0 || key.indexOf(path + ".") === 0) delete errors[key]; });
    control.removeAttribute("aria-invalid");
    var container = control.tagName === "FIELDSET" ? control : (control.closest(".field") || control.parentNode);
    container.querySelectorAll(".field-error").forEach(function (node) { node.remove(); });
  }

  function renderSummary() {
    var paths = Object.keys(errors);
    if (!paths.length && !errorMessage) {
      parts.summary.hidden = true;
      parts.summary.replaceChildren();
      return;
    }
    var items = paths.map(function (path) {
      var text = describePath(path) + ": " + errors[path].map(humanize).join(" ");
      return h("li", {}, [h("a", { href: "#" + fieldId(path), text: text, onclick: function (e) {
        e.preventDefault();
        var step = stepForPath(path);
        go(step);
        var control = controlFor(parts.panel, path);
        if (control) { control.focus(); control.scrollIntoView({ block: "center" }); }
      } })]);
    });
    var title = paths.length
      ? (paths.length === 1 ? "One answer needs a change before we can plan your week:" : paths.length + " answers need a change before we can plan your week:")
      : errorMessage;
    parts.summary.replaceChildren(h("h2", { text: "Not saved yet" }), h("p", { text: title }), items.length ? h("ul", {}, items) : null);
    parts.summary.hidden = false;
  }

  // ---------------------------------------------------------------- submitting

  function cleanCommitment(c) {
    var out = { name: c.name, frequency: c.frequency, startTime: c.startTime, endTime: c.endTime };
    if (c.id) out.id = c.id;
    if (c.frequency === "weekly") out.daysOfWeek = c.daysOfWeek || [];
    if (c.frequency === "monthly") {
      if (c.weekOfMonth !== undefined && c.weekOfMonth !== null) { out.weekOfMonth = c.weekOfMonth; out.daysOfWeek = c.daysOfWeek || []; }
      else if (c.dayOfMonth !== undefined) out.dayOfMonth = c.dayOfMonth;
    }
    if (c.frequency === "one-time" && c.date) out.date = c.date;
    return out;
  }

  function cleanSubject(s) {
    var out = {};
    Object.keys(s).forEach(function (key) { if (key.charAt(0) !== "_") out[key] = s[key]; });
    out.fixedTime = { required: !!(s.fixedTime && s.fixedTime.required), preferredTime: (s.fixedTime && s.fixedTime.required && s.fixedTime.preferredTime) || null };
    return out;
  }

  function submission() {
    return {
      section1: answers.section1,
      section3: { commitments: (answers.section3.commitments || []).map(cleanCommitment) },
      section5: answers.section5,
      section7: answers.section7,
      children: answers.children.map(function (child) {
        var about = { name: child.section2.name || "" };
        if (child.section2.birthDate) about.birthDate = child.section2.birthDate;
        else if (child.section2.age !== undefined) about.age = child.section2.age;
        return {
          id: child.key,
          section2: about,
          section3Child: { commitments: (child.section3Child.commitments || []).map(cleanCommitment) },
          section4: { subjects: (child.section4.subjects || []).map(cleanSubject) },
          section6: child.section6,
        };
      }),
    };
  }

  function showBusy(text) {
    parts.panel.setAttribute("aria-busy", "true");
    parts.panel.replaceChildren(h("div", { class: "wizard-busy", role: "status" }, [
      h("span", { class: "spinner", "aria-hidden": "true" }),
      h("p", { class: "busy-title", text: text }),
      h("p", { class: "muted", text: "This takes a few seconds. Please keep this page open." }),
    ]));
    BrightPath.announce(text);
  }

  function submit() {
    if (submitting) return;
    submitting = true;
    showBusy("Saving your answers…");
    // Drafts first, so that none lands after the submit and looks unsaved.
    flushServer().then(function () {
      showBusy("Planning your week…");
      return BrightPath.api("POST", config.urls.submit, submission());
    }).then(function (res) {
      if (res.ok) {
        finished = true;
        window.clearTimeout(saveTimer);
        clearLocal();
        return waitForWeek(res.data.schedule).then(function () { window.location.assign(config.urls.week); });
      }
      submitting = false;
      parts.panel.removeAttribute("aria-busy");
      var error = (res.data && res.data.error) || {};
      errors = error.fields || {};
      errorMessage = Object.keys(errors).length ? "" : (error.message || "Your answers could not be saved. Please try again.");
      var paths = Object.keys(errors);
      if (paths.length) {
        paths.sort(function (a, b) { return stepIndex(stepForPath(a)) - stepIndex(stepForPath(b)); });
        currentStep = stepForPath(paths[0]);
      }
      renderAll();
      var first = parts.panel.querySelector("[aria-invalid]");
      if (first) { first.focus(); first.scrollIntoView({ block: "center" }); }
      else parts.summary.focus();
      BrightPath.announce(paths.length ? paths.length + " answers need a change; see the list at the top." : errorMessage);
    });
  }

  // With a worker planning the week, wait for it (bounded); the week page
  // plans it on first visit in any case.
  function waitForWeek(schedule) {
    if (!schedule || schedule.state !== "pending" || !schedule.taskId) return Promise.resolve();
    var deadline = Date.now() + 90000;
    return new Promise(function (resolve) {
      (function poll() {
        BrightPath.api("GET", config.urls.tasks + encodeURIComponent(schedule.taskId) + "/").then(function (res) {
          var state = res.ok && res.data.state;
          if (!res.ok || state === "SUCCESS" || state === "FAILURE" || Date.now() > deadline) resolve();
          else window.setTimeout(poll, 1500);
        });
      })();
    });
  }

  // ---------------------------------------------------------------- start: which copy to resume

  function resume() {
    var server = config.server || {};
    var local = readLocal();
    var serverHas = hasDrafts(server);
    var localHas = local && (hasDrafts(local) || (local.record.childrenProgress || []).length > 0);
    var localVersion = local ? Number(local.record.serverVersion || 0) : 0;
    var localUnsynced = local ? (local.record.unsynced || []) : [];
    var source = "fresh";
    if (localHas) {
      var serverMovedOn = (server.version || 0) > localVersion;
      var localNewer = localUnsynced.length && local.record.lastUpdated && server.lastUpdated &&
        new Date(local.record.lastUpdated) > new Date(server.lastUpdated);
      if (serverMovedOn && !localNewer) source = serverHas ? "server" : "fresh";
      else source = "local";
    } else if (serverHas) {
      source = "server";
    }
    var note = "";
    if (source === "local") {
      answers = fromDrafts(local);
      changedAt = local.record.lastUpdated || null;
      currentStep = local.record.currentStep || currentStep;
      // What this device had not sent yet goes now (all of it when the account is behind).
      var behind = (server.version || 0) < localVersion || !serverHas;
      (behind ? allSectionIds() : localUnsynced).forEach(function (id) { if (sectionData(id)) dirty[id] = true; });
      if (localUnsynced.length || behind) scheduleSave();
      seeded = true;
      note = "Welcome back: we picked up the answers saved on this device" + (changedAt ? " (" + timeText(changedAt) + ")" : "") + ".";
    } else if (source === "server") {
      answers = fromDrafts(server);
      changedAt = server.lastUpdated || null;
      currentStep = stepFromSection(server.currentSection);
      seeded = true;
      writeAllLocal();
      note = "Welcome back: we picked up the answers saved to your account" + (changedAt ? " (" + timeText(changedAt) + ")" : "") +
        (localHas ? ", which are newer than this device's copy." : ".");
    } else {
      if (local) clearLocal(); // an older round, already submitted
      answers = baseAnswers();
      touched = initialTouched();
    }
    if (!stepById(currentStep)) currentStep = "section1";
    return note;
  }

  // Saved answers (editing after a submit) count as answered.
  function initialTouched() {
    var out = {};
    if (config.submitted) {
      allSectionIds().forEach(function (id) { out[id] = true; });
      out.children = true;
    }
    return out;
  }

  function stepFromSection(number) {
    var section = "section" + (number || 1);
    if (FAMILY_SECTIONS.indexOf(section) >= 0) return section;
    if (section === "section3") section = "section3Child";
    var open = null;
    answers.children.forEach(function (child) {
      var id = sectionId(child, section);
      if (touched[id]) open = id;
    });
    return open || (answers.children.length ? sectionId(answers.children[0], "section2") : "children");
  }

  function start() {
    var note = resume();
    build();
    if (note) {
      parts.notice.replaceChildren(h("p", { text: note }),
        button(config.submitted ? "Undo my changes" : "Start again", startAgain, "link"));
    }
    renderAll();
    // Hidden (another tab, the phone locked): save now. Leaving: what waits goes with keepalive.
    document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") flushServer(); });
    window.addEventListener("pagehide", flushOnLeave);
    window.addEventListener("online", flushServer);
  }

  // Back to a blank questionnaire (or, when changing saved answers, to those answers).
  function startAgain() {
    var question = config.submitted ? "Undo your changes and go back to your saved answers?" : "Clear your answers so far and start again?";
    if (!window.confirm(question)) return;
    answers.children.forEach(function (child) { pendingDeletes.push(child.key); });
    clearLocal();
    answers = baseAnswers();
    touched = initialTouched();
    dirty = {};
    errors = {};
    errorMessage = "";
    changedAt = new Date().toISOString();
    // The account's drafts follow: every section of the base (blank ones "not started").
    allSectionIds().forEach(function (id) { dirty[id] = true; });
    seeded = true;
    writeAllLocal();
    scheduleSave();
    parts.notice.replaceChildren();
    go("section1");
  }

  start();
})();
