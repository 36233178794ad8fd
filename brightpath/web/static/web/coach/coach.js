// Coach's pages: every write goes through the JSON API (/api/coach/) with the page's
// session and CSRF token (BrightPath.api), and every refusal is shown in the API's
// one error shape, beside its field (BrightPath.showErrors). The URLs come from the
// page (data-url attributes, written by Django's {% url %}).
//
//   home       start a chat      POST conversations/ {assistantId} -> the chat page
//              configure         POST assistants/ {name, description, tone, gradeBand,
//                                subjects, capabilities, instructions[, basedOn]},
//                                or PATCH assistants/<id>/ for one's own
//   chat       send              POST conversations/<id>/messages/stream/ {content}: the
//                                reply as server-sent events (start, delta, done|failed)
//              retry             POST .../messages/<reply id>/retry/stream/
//              save as lesson    POST .../messages/<reply id>/lesson/
//   memories   correct           PATCH memories/<id>/ {content, importance}
//              delete            DELETE memories/<id>/ after a dialog
//   lessons    create            POST lessons/ -> the lesson's page
//              edit              PATCH lessons/<id>/ {..., version}; DELETE after a dialog
//
// Text from the server or the teacher is only ever set as textContent: nothing
// they wrote becomes markup.
(function () {
  "use strict";

  var B = window.BrightPath;
  var FLASH_KEY = "brightpath.coach.flash";
  var NO_ID = "00000000-0000-0000-0000-000000000000";

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function busy(form, on) {
    $all("button", form).forEach(function (button) { button.disabled = on; });
    form.setAttribute("aria-busy", on ? "true" : "false");
  }

  function goSaying(url, text) {
    try { window.sessionStorage.setItem(FLASH_KEY, text); } catch (e) { /* private mode */ }
    if (url) window.location.assign(url); else window.location.reload();
  }

  function showFlash() {
    var text = null;
    try {
      text = window.sessionStorage.getItem(FLASH_KEY);
      window.sessionStorage.removeItem(FLASH_KEY);
    } catch (e) { return; }
    var flash = document.getElementById("coach-flash");
    if (!text || !flash) return;
    flash.textContent = text;
    flash.hidden = false;
    flash.focus();
  }

  // An error on "objectives[2]" or "sections[0].title" is shown at the control of
  // that name when there is one, else at the list it belongs to.
  function placeErrors(form, error, names) {
    if (!error || !error.fields) return B.showErrors(form, error, names);
    var fields = {};
    Object.keys(error.fields).forEach(function (key) {
      var name = (names && names[key]) || key;
      if (!form.querySelector('[name="' + CSS.escape(name) + '"], [data-field="' + CSS.escape(name) + '"]')) {
        name = name.replace(/\[\d+\](\..*)?$/, "");
      }
      fields[name] = (fields[name] || []).concat(error.fields[key]);
    });
    B.showErrors(form, { code: error.code, message: error.message, fields: fields }, names);
  }

  function fieldError(form, name, message) {
    var fields = {};
    fields[name] = [message];
    B.showErrors(form, { message: "", fields: fields });
  }

  function errorText(data) {
    return (data && data.error && data.error.message) || "That did not work. Please try again.";
  }

  function lines(text) {
    return text.split(/\r?\n/).map(function (line) { return line.trim(); }).filter(Boolean);
  }

  // --- dialogs: opened by a button naming them, closed by Cancel or Escape ------------

  function openDialog(dialog, opener) {
    B.clearErrors(dialog);
    var summary = $(".form-errors", dialog);
    if (summary) summary.hidden = true;
    dialog._opener = opener;
    dialog.showModal();
  }

  $all("dialog").forEach(function (dialog) {
    dialog.addEventListener("close", function () { if (dialog._opener) dialog._opener.focus(); });
    $all("[data-close]", dialog).forEach(function (close) {
      close.addEventListener("click", function () { dialog.close(); });
    });
  });
  $all("[data-open-dialog]").forEach(function (button) {
    var dialog = document.getElementById(button.getAttribute("data-open-dialog"));
    if (dialog) button.addEventListener("click", function () { openDialog(dialog, button); });
  });

  function dialogError(dialog, data) {
    var summary = $(".form-errors", dialog);
    summary.textContent = errorText(data);
    summary.hidden = false;
  }

  // --- a reply's text, formatted: headings, lists, tables, **bold** -------------------

  function inline(parent, text) {
    var pattern = /\*\*(.+?)\*\*|`([^`]+)`/g;
    var last = 0;
    var match;
    while ((match = pattern.exec(text))) {
      if (match.index > last) parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      parent.appendChild(make(match[1] !== undefined ? "strong" : "code", "", match[1] !== undefined ? match[1] : match[2]));
      last = pattern.lastIndex;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
    return parent;
  }

  function cells(row) {
    return row.replace(/^\s*\|/, "").replace(/\|\s*$/, "").split("|").map(function (cell) { return cell.trim(); });
  }

  function tableOf(rows) {
    var wrap = make("div", "table-scroll");
    var table = make("table");
    var body = make("tbody");
    var head = null;
    var data = rows;
    if (rows.length > 1 && /^\s*\|?\s*:?-{3,}/.test(rows[1])) {
      head = make("thead");
      var tr = make("tr");
      cells(rows[0]).forEach(function (cell) { var th = inline(make("th"), cell); th.scope = "col"; tr.appendChild(th); });
      head.appendChild(tr);
      data = rows.slice(2);
    }
    data.forEach(function (row) {
      var tr = make("tr");
      cells(row).forEach(function (cell) { tr.appendChild(inline(make("td"), cell)); });
      body.appendChild(tr);
    });
    if (head) table.appendChild(head);
    table.appendChild(body);
    wrap.appendChild(table);
    return wrap;
  }

  function formatReply(node, text) {
    var out = document.createDocumentFragment();
    var paragraph = [];
    var list = null;
    var table = [];
    function close() {
      if (paragraph.length) { out.appendChild(inline(make("p"), paragraph.join(" "))); paragraph = []; }
      if (list) { out.appendChild(list); list = null; }
      if (table.length) { out.appendChild(tableOf(table)); table = []; }
    }
    text.split(/\r?\n/).forEach(function (raw) {
      var line = raw.trim();
      var heading = /^(#{1,6})\s+(.*)$/.exec(line);
      var bullet = /^[-*+]\s+(.*)$/.exec(line);
      var numbered = /^\d+[.)]\s+(.*)$/.exec(line);
      if (!line) { close(); return; }
      if (line.charAt(0) === "|") {
        if (!table.length) close();
        table.push(line);
        return;
      }
      if (table.length) close();
      if (heading) {
        close();
        out.appendChild(inline(make(heading[1].length === 1 ? "h3" : "h4"), heading[2]));
      } else if (bullet || numbered) {
        var tag = bullet ? "ul" : "ol";
        if (paragraph.length || (list && list.tagName.toLowerCase() !== tag)) close();
        if (!list) list = make(tag);
        list.appendChild(inline(make("li"), (bullet || numbered)[1]));
      } else {
        if (list) close();
        paragraph.push(line);
      }
    });
    close();
    node.textContent = "";
    node.appendChild(out);
    node.classList.add("formatted");
  }

  $all(".turn-text[data-format]").forEach(function (node) {
    var item = node.closest(".turn");
    if (item && item.getAttribute("data-status") === "complete") formatReply(node, node.textContent);
  });

  // --- server-sent events from a fetch (POST, with the CSRF token) --------------------

  function readEvents(response, onEvent) {
    var reader = response.body.getReader();
    var decoder = new TextDecoder();
    var buffer = "";
    function dispatch(block) {
      var name = "message";
      var data = [];
      block.split(/\r?\n/).forEach(function (line) {
        if (!line || line.charAt(0) === ":") return;
        var colon = line.indexOf(":");
        var field = colon < 0 ? line : line.slice(0, colon);
        var value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") name = value;
        else if (field === "data") data.push(value);
      });
      if (!data.length) return;
      var payload = data.join("\n");
      try { payload = JSON.parse(payload); } catch (e) { /* plain text */ }
      onEvent(name, payload);
    }
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) {
          buffer += decoder.decode();
          if (buffer.trim()) dispatch(buffer);
          return;
        }
        buffer += decoder.decode(chunk.value, { stream: true });
        var blocks = buffer.split(/\r?\n\r?\n/);
        buffer = blocks.pop();
        blocks.forEach(dispatch);
        return pump();
      });
    }
    return pump();
  }

  function postStream(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "text/event-stream", "Content-Type": "application/json", "X-CSRFToken": B.csrfToken() },
      body: JSON.stringify(body || {}),
    });
  }

  // --- /coach/: start a chat, configure an assistant -----------------------------------

  $all("[data-start-chat]").forEach(function (button) {
    button.addEventListener("click", function () {
      var url = button.closest("[data-conversations-url]").getAttribute("data-conversations-url");
      var card = button.closest(".card");
      var summary = $(".form-errors", card);
      button.disabled = true;
      B.api("POST", url, { assistantId: button.getAttribute("data-start-chat") }).then(function (result) {
        if (!result.ok) {
          button.disabled = false;
          summary.textContent = errorText(result.data);
          summary.hidden = false;
          return;
        }
        window.location.assign(button.closest("[data-chat-url]").getAttribute("data-chat-url").replace(NO_ID, result.data.id));
      });
    });
  });

  var assistantForm = document.getElementById("assistant-form");
  if (assistantForm) {
    var forms = JSON.parse(($("#assistant-forms") || { textContent: "{}" }).textContent);
    var title = $("#configure-title");
    var submit = $("button[type=submit]", assistantForm);
    var cancel = $("[data-cancel-edit]", assistantForm);

    var fill = function (values, editing) {
      var f = assistantForm.elements;
      B.clearErrors(assistantForm);
      $(".form-errors", assistantForm).hidden = true;
      f.assistantId.value = editing ? values.id : "";
      f.basedOn.value = editing ? "" : values.id || "";
      f.name.value = editing ? values.name : (values.name ? "My " + values.name : "");
      f.description.value = values.description || "";
      f.tone.value = values.tone || "warm";
      f["gradeBand.from"].value = values.gradeFrom || "";
      f["gradeBand.to"].value = values.gradeTo || "";
      f.instructions.value = values.instructions || "";
      f.isActive.checked = values.isActive !== false;
      $all("input[name=subjects]", assistantForm).forEach(function (box) { box.checked = (values.subjects || []).indexOf(box.value) >= 0; });
      $all("input[name=capabilities]", assistantForm).forEach(function (box) { box.checked = (values.capabilities || []).indexOf(box.value) >= 0; });
      $("[data-edit-only]", assistantForm).hidden = !editing;
      cancel.hidden = !(editing || values.id);
      title.textContent = editing ? "Edit " + values.name : values.name ? "Your own, from " + values.name : title.getAttribute("data-create-title");
      submit.textContent = editing ? "Save " + values.name : submit.getAttribute("data-create-label");
      title.scrollIntoView({ block: "start" });
      f.name.focus();
    };

    $all("[data-edit-assistant]").forEach(function (button) {
      button.addEventListener("click", function () { fill(forms[button.getAttribute("data-edit-assistant")], true); });
    });
    $all("[data-base-on]").forEach(function (button) {
      button.addEventListener("click", function () { fill(forms[button.getAttribute("data-base-on")], false); });
    });
    cancel.addEventListener("click", function () {
      assistantForm.reset();
      fill({ capabilities: $all("input[name=capabilities]", assistantForm).map(function (box) { return box.value; }) }, false);
    });

    assistantForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var f = assistantForm.elements;
      var low = f["gradeBand.from"].value;
      var high = f["gradeBand.to"].value;
      var body = {
        name: f.name.value,
        description: f.description.value,
        tone: f.tone.value,
        gradeBand: low || high ? { from: low, to: high } : null,
        subjects: $all("input[name=subjects]:checked", assistantForm).map(function (box) { return box.value; }),
        capabilities: $all("input[name=capabilities]:checked", assistantForm).map(function (box) { return { name: box.value }; }),
        instructions: f.instructions.value,
      };
      var id = f.assistantId.value;
      if (id) body.isActive = f.isActive.checked;
      else if (f.basedOn.value) body.basedOn = f.basedOn.value;
      if ((low && !high) || (high && !low)) {
        fieldError(assistantForm, low ? "gradeBand.to" : "gradeBand.from", "Choose both grades, or neither.");
        return;
      }
      busy(assistantForm, true);
      var url = assistantForm.getAttribute("data-url");
      var request = id ? B.api("PATCH", assistantForm.getAttribute("data-item-url").replace(NO_ID, id), body) : B.api("POST", url, body);
      request.then(function (result) {
        busy(assistantForm, false);
        if (!result.ok) {
          placeErrors(assistantForm, result.data.error, { "gradeBand": "gradeBand.from", "gradeBand.from": "gradeBand.from", "gradeBand.to": "gradeBand.to" });
          return;
        }
        goSaying(null, (id ? "Saved " : "Added your assistant ") + result.data.name + ".");
      });
    });
  }

  // --- /coach/chat/<id>/: the conversation ---------------------------------------------

  var composer = document.getElementById("composer");
  var log = document.getElementById("chat-log");
  var region = document.getElementById("chat-region");
  if (composer && log) {
    var textarea = composer.elements.content;
    var counter = $("[data-counter]", composer);
    var max = parseInt(composer.getAttribute("data-max"), 10);
    var status = document.getElementById("chat-status");
    var assistantName = composer.getAttribute("data-assistant-name");
    var streaming = false;

    var count = function () {
      var used = textarea.value.trim().length;
      $("[data-count]", counter).textContent = String(used);
      counter.classList.toggle("over", used > max);
    };
    textarea.addEventListener("input", count);
    count();
    textarea.addEventListener("keydown", function (event) {
      // Ctrl+Enter (or Cmd+Enter) sends; Enter alone is a new line.
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        composer.requestSubmit();
      }
    });

    var urlFor = function (attribute, replyId) {
      return composer.getAttribute(attribute).replace(NO_ID, replyId);
    };

    var turnNode = function (role) {
      var item = make("li", "turn " + (role === "user" ? "mine" : "reply"));
      var who = make("p", "who", role === "user" ? "You" : assistantName);
      item.appendChild(who);
      item.appendChild(make("div", "turn-text"));
      if (role === "assistant") {
        var actions = make("div", "turn-actions");
        var saved = make("span", "lesson-saved");
        saved.setAttribute("role", "status");
        actions.appendChild(saved);
        item.appendChild(actions);
      }
      return item;
    };

    var setId = function (item, message) {
      if (!message || !message.id) return;
      item.id = "m-" + message.id;
      item.setAttribute("data-message", message.id);
    };

    var showNoted = function (item, changes) {
      var noted = (changes || []).filter(function (change) { return change.action !== "reinforced"; });
      if (!noted.length || $(".noted", item)) return;
      var box = make("div", "noted");
      box.appendChild(make("span", "", "Coach will remember: "));
      noted.forEach(function (change, index) {
        if (index) box.appendChild(document.createTextNode(" · "));
        box.appendChild(make("q", "", change.memory.content));
      });
      box.appendChild(document.createTextNode(" "));
      var link = make("a", "", "See your memories");
      link.href = composer.getAttribute("data-memories-url");
      box.appendChild(link);
      item.appendChild(box);
    };

    var showRemembered = function (item, memories) {
      var old = $(".remembered", item);
      if (old) old.remove();
      if (!memories || !memories.length) return;
      var box = make("div", "remembered");
      box.appendChild(make("p", "remembered-title", "Remembered:"));
      var list = make("ul");
      memories.forEach(function (memory) { list.appendChild(make("li", "", memory.content)); });
      box.appendChild(list);
      item.insertBefore(box, $(".turn-actions", item));
    };

    var who = function (item, reply) {
      var line = $(".who", item);
      var old = $(".offline-label", line);
      if (old) old.remove();
      if (reply && reply.provider === "offline") {
        line.appendChild(document.createTextNode(" "));
        line.appendChild(make("span", "offline-label", "Offline"));
      }
    };

    var clearState = function (item) {
      item.classList.remove("failed", "streaming");
      var error = $(".turn-error", item);
      if (error) error.remove();
      $all("[data-retry], [data-save-lesson]", item).forEach(function (button) { button.remove(); });
    };

    var actionButton = function (item, text, attribute, className) {
      var button = make("button", className || "", text);
      button.type = "button";
      button.setAttribute(attribute, "");
      var actions = $(".turn-actions", item);
      actions.insertBefore(button, $(".lesson-saved", actions));
      return button;
    };

    var finished = function (item, exchange, ok) {
      var reply = exchange && exchange.reply;
      clearState(item);
      setId(item, reply);
      who(item, reply);
      var text = $(".turn-text", item);
      if (ok) {
        item.setAttribute("data-status", "complete");
        formatReply(text, reply.content);
        showRemembered(item, exchange.memoriesUsed);
        actionButton(item, "Save as lesson", "data-save-lesson", "secondary");
        B.announce(assistantName + " has answered.");
      } else {
        item.setAttribute("data-status", "failed");
        item.classList.add("failed");
        var reason = (reply && reply.error) || "the connection was lost";
        var error = make("p", "turn-error", "The assistant could not answer: " + reason + ". Your message is kept; try again.");
        error.setAttribute("role", "alert");
        item.insertBefore(error, $(".turn-actions", item));
        if (reply && reply.id) actionButton(item, "Retry", "data-retry");
      }
    };

    var stopStreaming = function () {
      streaming = false;
      region.setAttribute("aria-busy", "false");
      busy(composer, false);
      status.textContent = "";
    };

    // Runs one streamed exchange into `item` (the reply's bubble); `mine`, when the
    // teacher's message is new, is removed again if the server refuses it.
    var run = function (url, body, item, mine) {
      streaming = true;
      busy(composer, true);
      region.setAttribute("aria-busy", "true");
      item.classList.add("streaming");
      item.setAttribute("data-status", "streaming");
      status.textContent = assistantName + " is writing…";
      var text = $(".turn-text", item);
      var exchange = null;
      var ended = false;
      postStream(url, body).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("text/event-stream") < 0) {
          return (type.indexOf("json") >= 0 ? response.json() : Promise.resolve(null)).then(function (data) {
            if (!data || !data.error) data = { error: { code: "http_" + response.status, message: "The server answered " + response.status + ". Please try again." } };
            stopStreaming();
            if (mine) {
              mine.remove();
              item.remove();
              $("#chat-empty").hidden = !!$(".turn", log);
              placeErrors(composer, data.error);
              textarea.focus();
            } else {
              finished(item, { reply: { id: item.getAttribute("data-message"), error: errorText(data) } }, false);
            }
            ended = true;
          });
        }
        return readEvents(response, function (name, data) {
          if (name === "start") {
            exchange = data;
            if (mine && data.message) {
              setId(mine, data.message);
              textarea.value = "";
              count();
            }
            setId(item, data.reply);
          } else if (name === "delta") {
            text.textContent += typeof data === "string" ? data : data.text || data.delta || "";
          } else if (name === "done" || name === "failed") {
            ended = true;
            stopStreaming();
            if (mine) showNoted(mine, data.memoryChanges);
            finished(item, data, name === "done");
          } else if (name === "error") {
            ended = true;
            stopStreaming();
            finished(item, { reply: { id: exchange && exchange.reply && exchange.reply.id, error: errorText(data) } }, false);
          }
        });
      }).catch(function () {
        /* the network went away: handled below */
      }).then(function () {
        if (ended) return;
        stopStreaming();
        var id = exchange && exchange.reply ? exchange.reply.id : item.getAttribute("data-message");
        finished(item, { reply: { id: id, error: "the connection was lost before the answer was complete" } }, false);
      });
    };

    composer.addEventListener("submit", function (event) {
      event.preventDefault();
      if (streaming) return;
      B.clearErrors(composer);
      $(".form-errors", composer).hidden = true;
      var content = textarea.value.trim();
      if (!content) {
        fieldError(composer, "content", "Type a message first.");
        return;
      }
      if (content.length > max) {
        fieldError(composer, "content", "At most " + max + " characters: this has " + content.length + ".");
        return;
      }
      var mine = turnNode("user");
      $(".turn-text", mine).textContent = content;
      var reply = turnNode("assistant");
      log.appendChild(mine);
      log.appendChild(reply);
      $("#chat-empty").hidden = true;
      run(composer.getAttribute("data-stream-url"), { content: content }, reply, mine);
      reply.scrollIntoView({ block: "nearest" });
    });

    log.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      var item = button.closest(".turn");
      var id = item.getAttribute("data-message");
      if (button.hasAttribute("data-retry")) {
        if (streaming) return;
        clearState(item);
        $(".turn-text", item).textContent = "";
        $(".turn-text", item).classList.remove("formatted");
        $(".lesson-saved", item).textContent = "";
        run(urlFor("data-retry-url", id), {}, item, null);
      } else if (button.hasAttribute("data-save-lesson")) {
        var saved = $(".lesson-saved", item);
        button.disabled = true;
        saved.textContent = "Saving…";
        B.api("POST", urlFor("data-save-lesson-url", id), {}).then(function (result) {
          button.disabled = false;
          saved.textContent = "";
          if (!result.ok) {
            saved.textContent = errorText(result.data);
            return;
          }
          saved.appendChild(document.createTextNode((result.status === 201 ? "Saved as the lesson " : "Already saved as the lesson ")));
          var link = make("a", "", "“" + result.data.title + "”");
          link.href = composer.getAttribute("data-lesson-url").replace(NO_ID, result.data.id);
          saved.appendChild(link);
          saved.appendChild(document.createTextNode("."));
        });
      }
    });
  }

  // --- /coach/memories/: correct one inline, delete one after a dialog -----------------

  $all("[data-memory]").forEach(function (item) {
    var view = $(".memory-view", item);
    var form = $(".memory-form", item);
    var edit = $("[data-edit-memory]", item);
    if (!form || !edit) return;
    var close = function () {
      form.hidden = true;
      view.hidden = false;
      edit.setAttribute("aria-expanded", "false");
      edit.focus();
    };
    edit.addEventListener("click", function () {
      view.hidden = true;
      form.hidden = false;
      edit.setAttribute("aria-expanded", "true");
      form.elements.content.focus();
    });
    $("[data-cancel]", form).addEventListener("click", function () {
      form.reset();
      B.clearErrors(form);
      close();
    });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { form.reset(); close(); }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var importance = parseFloat(form.elements.importance.value);
      if (isNaN(importance)) {
        fieldError(form, "importance", "A number from 1 to 10.");
        return;
      }
      busy(form, true);
      B.api("PATCH", item.getAttribute("data-url"), { content: form.elements.content.value, importance: importance }).then(function (result) {
        busy(form, false);
        if (!result.ok) {
          placeErrors(form, result.data.error);
          return;
        }
        goSaying(null, "Corrected: “" + result.data.content + "”.");
      });
    });
  });

  var deleteMemory = document.getElementById("delete-memory");
  if (deleteMemory) {
    var target = null;
    $all("[data-delete-memory]").forEach(function (button) {
      button.addEventListener("click", function () {
        target = button.closest("[data-memory]");
        $("[data-memory-text]", deleteMemory).textContent = $(".memory-content", target).textContent;
        openDialog(deleteMemory, button);
      });
    });
    $("[data-confirm-delete]", deleteMemory).addEventListener("click", function () {
      var button = this;
      button.disabled = true;
      B.api("DELETE", target.getAttribute("data-url")).then(function (result) {
        button.disabled = false;
        if (!result.ok) {
          dialogError(deleteMemory, result.data);
          return;
        }
        goSaying(null, "Deleted the memory “" + $(".memory-content", target).textContent + "”.");
      });
    });
  }

  // --- /coach/lessons/: a new lesson ----------------------------------------------------

  var newLesson = document.getElementById("new-lesson-form");
  if (newLesson) {
    newLesson.addEventListener("submit", function (event) {
      event.preventDefault();
      var f = newLesson.elements;
      busy(newLesson, true);
      B.api("POST", newLesson.getAttribute("data-url"), {
        title: f.title.value,
        subjectId: f.subjectId.value || null,
        gradeLevel: f.gradeLevel.value,
      }).then(function (result) {
        busy(newLesson, false);
        if (!result.ok) {
          placeErrors(newLesson, result.data.error);
          return;
        }
        goSaying(newLesson.getAttribute("data-lesson-url").replace(NO_ID, result.data.id), "Created “" + result.data.title + "”. Add its objectives and materials.");
      });
    });
  }

  // --- /coach/lessons/<id>/: edit, sections, status, delete -----------------------------

  var lessonForm = document.getElementById("lesson-form");
  if (lessonForm) {
    var sectionList = $("[data-sections]", lessonForm);
    var sectionTemplate = document.getElementById("section-template");

    var renumber = function () {
      $all("[data-section]", sectionList).forEach(function (section, index) {
        $all("[data-number]", section).forEach(function (node) { node.textContent = String(index + 1); });
        $all("[data-part]", section).forEach(function (control) {
          var part = control.getAttribute("data-part");
          var id = "section-" + index + "-" + part;
          control.name = "sections[" + index + "]." + part;
          control.id = id;
          var label = control.closest(".field").querySelector("label");
          if (label) label.htmlFor = id;
        });
      });
    };

    $("[data-add-section]", lessonForm).addEventListener("click", function () {
      var html = sectionTemplate.innerHTML.replace(/__i__/g, "new").replace(/__n__/g, "");
      var holder = document.createElement("ol");
      holder.innerHTML = html;  // the page's own template: no text of the teacher's in it
      var section = holder.firstElementChild;
      sectionList.appendChild(section);
      renumber();
      $("[data-part=title]", section).focus();
    });
    sectionList.addEventListener("click", function (event) {
      var button = event.target.closest("[data-remove-section]");
      if (!button) return;
      var section = button.closest("[data-section]");
      var next = section.nextElementSibling || section.previousElementSibling;
      section.remove();
      renumber();
      (next ? $("[data-part=title]", next) : $("[data-add-section]", lessonForm)).focus();
      B.announce("Section removed.");
    });

    var sections = function () {
      return $all("[data-section]", sectionList).map(function (section) {
        var minutes = $("[data-part=minutes]", section).value.trim();
        return {
          title: $("[data-part=title]", section).value,
          minutes: minutes ? Number(minutes) : null,
          body: $("[data-part=body]", section).value,
        };
      });
    };

    lessonForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var f = lessonForm.elements;
      var body = { status: f.status.value, version: parseInt(lessonForm.getAttribute("data-version"), 10) };
      if (lessonForm.getAttribute("data-status") !== "archived") {
        var duration = f.durationMinutes.value.trim();
        body.title = f.title.value;
        body.description = f.description.value;
        body.subjectId = f.subjectId.value || null;
        body.gradeLevel = f.gradeLevel.value;
        body.durationMinutes = duration ? Number(duration) : null;
        body.objectives = lines(f.objectives.value);
        body.materials = lines(f.materials.value);
        body.standards = lines(f.standards.value);
        body.differentiation = lines(f.differentiation.value);
        body.sections = sections();
        body.assessment = f.assessment.value;
        body.homework = f.homework.value;
      }
      busy(lessonForm, true);
      B.api("PATCH", lessonForm.getAttribute("data-url"), body).then(function (result) {
        busy(lessonForm, false);
        if (!result.ok) {
          placeErrors(lessonForm, result.data.error);
          return;
        }
        goSaying(null, "Saved “" + result.data.title + "”.");
      });
    });
  }

  var deleteLesson = $("[data-delete-lesson]");
  if (deleteLesson) {
    deleteLesson.addEventListener("click", function () {
      var dialog = deleteLesson.closest("dialog");
      deleteLesson.disabled = true;
      B.api("DELETE", deleteLesson.getAttribute("data-url")).then(function (result) {
        deleteLesson.disabled = false;
        if (!result.ok) {
          dialogError(dialog, result.data);
          return;
        }
        goSaying(deleteLesson.getAttribute("data-done"), "Deleted the lesson.");
      });
    });
  }

  showFlash();
})();
