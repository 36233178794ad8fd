// Spark's child view: the PIN pad, the star map, starting a talk, the talk itself,
// and the grown-ups' door out of the child's view. Every write is a call to the
// JSON API (BrightPath.api); the pages are rendered by the server.
(function () {
  "use strict";

  var api = function () { return window.BrightPath.api.apply(null, arguments); };
  var announce = function (text) { window.BrightPath.announce(text); };

  function reducedMotion() {
    var level = document.documentElement.getAttribute("data-motion");
    return level !== "full" || window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  function show(node, text) {
    node.textContent = text;
    node.hidden = !text;
  }

  // A talk's page: the element's data-talk-url names one with an id of zeros.
  function talkUrl(element, id) {
    return element.dataset.talkUrl.replace("00000000-0000-0000-0000-000000000000", id);
  }

  // The API's answers that end what the child is doing, wherever they come. `pages`
  // is the element whose data names the pages for the day's cap and for bedtime.
  function stopIfOver(error, pages) {
    var code = error && error.code;
    pages = pages || {};
    if (code === "time_limit_reached" && pages.doneUrl) {
      window.location.assign(pages.doneUrl);
      return true;
    }
    if (code === "bedtime" && pages.bedtimeUrl) {
      window.location.assign(pages.bedtimeUrl);
      return true;
    }
    if (code === "consent_required" || code === "child_mode" || code === "not_authenticated") {
      window.location.reload(); // the page says what to do (ask a grown-up)
      return true;
    }
    return false;
  }

  // --- dialogs -----------------------------------------------------------------

  function openDialog(dialog, opener) {
    dialog._opener = opener || document.activeElement;
    dialog.showModal();
  }

  document.addEventListener("click", function (event) {
    var close = event.target.closest(".dialog-close");
    if (close) close.closest("dialog").close();
  });
  document.addEventListener("close", function (event) {
    var dialog = event.target;
    if (dialog.tagName === "DIALOG" && dialog._opener && dialog._opener.focus) dialog._opener.focus();
  }, true);

  // --- the grown-ups' door -------------------------------------------------------

  function initGrownups() {
    var dialog = document.getElementById("grownups");
    var opener = document.querySelector(".grownups-open");
    if (!dialog || !opener) return;
    var form = dialog.querySelector("form");
    opener.addEventListener("click", function () {
      window.BrightPath.clearErrors(form);
      show(form.querySelector(".form-errors"), "");
      form.reset();
      openDialog(dialog, opener);
      form.querySelector("input").focus();
    });
    var codeSend = form.querySelector(".code-send");
    if (codeSend) {
      codeSend.addEventListener("click", function () {
        codeSend.disabled = true;
        api("POST", codeSend.dataset.codeUrl).then(function (result) {
          codeSend.disabled = false;
          var said = result.ok ? result.data.detail : (result.data.error || {}).message;
          form.querySelector(".code-sent").textContent = said || "";
        });
      });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var body = form.elements.code ? { code: form.elements.code.value.trim() } : { password: form.elements.password.value };
      var button = form.querySelector('button[type="submit"]');
      button.disabled = true;
      api("POST", form.dataset.exitUrl, body).then(function (result) {
        button.disabled = false;
        if (result.ok) {
          window.location.assign(form.dataset.next);
          return;
        }
        var error = result.data.error || {};
        // A wrong password is said at the field; the summary is for anything else.
        window.BrightPath.showErrors(form, error.fields ? { fields: error.fields } : error, {});
      });
    });
  }

  // --- the PIN screen ------------------------------------------------------------

  function initPin() {
    var form = document.getElementById("pin-form");
    if (!form) return;
    var input = form.elements.pin;
    var message = document.getElementById("pin-message");
    var dots = form.querySelectorAll(".pin-dot");
    var busy = false;
    // On a touch screen focusing the field would cover the pad with a keyboard.
    var typing = window.matchMedia("(pointer: fine)").matches;

    function paint() {
      input.value = input.value.replace(/[^0-9]/g, "").slice(0, 4);
      dots.forEach(function (dot, index) { dot.classList.toggle("on", index < input.value.length); });
    }

    function lock(text) {
      message.textContent = text;
      message.className = "pin-message locked";
      form.querySelectorAll("button, input").forEach(function (control) { control.disabled = true; });
    }

    function send() {
      if (busy) return;
      if (input.value.length !== 4) {
        message.className = "pin-message";
        message.textContent = "Your secret number has 4 numbers.";
        return;
      }
      busy = true;
      api("POST", form.dataset.enterUrl, { pin: input.value }).then(function (result) {
        busy = false;
        if (result.ok) {
          message.className = "pin-message";
          message.textContent = "Yes! Let's go!";
          window.location.assign(form.dataset.next);
          return;
        }
        var error = result.data.error || {};
        input.value = "";
        paint();
        if (stopIfOver(error)) return;
        if (error.code === "pin_locked") {
          var minutes = Math.max(1, Math.ceil((error.retryAfter || 900) / 60));
          lock("Time for a little break! Try again in " + minutes + (minutes === 1 ? " minute" : " minutes") + ", or ask a grown-up.");
          return;
        }
        message.className = "pin-message wrong";
        if (typeof error.attemptsLeft === "number") {
          var left = error.attemptsLeft;
          message.textContent = "Oops, that's not it. Try again! You have " + left + (left === 1 ? " try" : " tries") + " left.";
        } else {
          message.textContent = error.message || "Something went wrong. Please try again.";
        }
        if (typing) input.focus();
      });
    }

    input.addEventListener("input", function () {
      paint();
      if (input.value.length === 4) send();
    });
    form.querySelectorAll(".pin-key[data-digit]").forEach(function (key) {
      key.addEventListener("click", function () {
        if (input.value.length >= 4) return;
        input.value += key.dataset.digit;
        paint();
        if (input.value.length === 4) send();
      });
    });
    form.querySelector(".pin-erase").addEventListener("click", function () {
      input.value = input.value.slice(0, -1);
      paint();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      send();
    });
    if (typing && !input.disabled) input.focus();
  }

  // --- starting a talk (a star, or today's spark) -----------------------------------

  function initStart() {
    var start = document.getElementById("start");
    if (!start) return;
    document.addEventListener("submit", function (event) {
      var form = event.target.closest(".start-form");
      if (!form) return;
      event.preventDefault();
      var body = form.dataset.start === "spark" ? { spark: true } : { topic: form.dataset.topic };
      var button = form.querySelector("button");
      var error = form.querySelector(".start-error");
      button.disabled = true;
      show(error, "");
      api("POST", start.dataset.startUrl, body).then(function (result) {
        if (result.ok) {
          window.location.assign(talkUrl(start, result.data.id));
          return;
        }
        button.disabled = false;
        if (stopIfOver(result.data.error, start.dataset)) return;
        show(error, (result.data.error && result.data.error.message) || "That did not work. Try again!");
      });
    });
  }

  // --- the star map ------------------------------------------------------------------

  function initSky() {
    var map = document.querySelector(".constellation");
    if (!map) return;
    var dialog = document.getElementById("star-card");
    var body = dialog.querySelector(".star-card-body");
    var stars = Array.prototype.slice.call(map.querySelectorAll("a.star"));

    // A star opens its card: the same words and button as its row in the list.
    stars.forEach(function (star) {
      star.setAttribute("role", "button");
      star.addEventListener("click", function (event) {
        event.preventDefault();
        var row = document.getElementById("topic-" + star.dataset.slug);
        body.innerHTML = "";
        Array.prototype.forEach.call(row.children, function (child) { body.appendChild(child.cloneNode(true)); });
        var title = body.querySelector(".topic-name");
        title.id = "star-card-title";
        openDialog(dialog, star);
        var go = body.querySelector(".start-form button");
        (go || dialog.querySelector(".dialog-close")).focus();
      });
      star.addEventListener("keydown", function (event) {
        if (event.key === " " || event.key === "Spacebar") {
          event.preventDefault();
          star.click();
          return;
        }
        var direction = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] }[event.key];
        if (!direction) return;
        event.preventDefault();
        var next = nearest(star, direction);
        if (next) next.focus();
      });
    });

    // The nearest star in a direction (arrow keys), favouring the straight line.
    function nearest(from, direction) {
      var x = +from.dataset.x, y = +from.dataset.y, best = null, bestScore = Infinity;
      stars.forEach(function (star) {
        if (star === from) return;
        var dx = +star.dataset.x - x, dy = +star.dataset.y - y;
        var along = dx * direction[0] + dy * direction[1];
        if (along <= 0) return;
        var across = Math.abs(dx * direction[1] - dy * direction[0]);
        var score = along + 2 * across;
        if (score < bestScore) { bestScore = score; best = star; }
      });
      return best;
    }

    // The map is wider than a tablet: it starts at its middle.
    var scroller = map.parentNode;
    var centred = false;

    // Map or list: both without JavaScript; a switch with it (the list on a phone).
    var switcher = document.querySelector(".view-switch");
    var panels = document.querySelectorAll("[data-panel]");
    function choose(view, remember) {
      panels.forEach(function (panel) { panel.hidden = panel.dataset.panel !== view; });
      switcher.querySelectorAll("button").forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.view === view));
      });
      if (view === "map" && !centred) {
        scroller.scrollLeft = (scroller.scrollWidth - scroller.clientWidth) / 2;
        centred = true;
      }
      if (remember) {
        try { window.localStorage.setItem("spark-view", view); } catch (e) { /* private mode */ }
      }
    }
    var saved = null;
    try { saved = window.localStorage.getItem("spark-view"); } catch (e) { /* private mode */ }
    switcher.hidden = false;
    choose(saved || (window.matchMedia("(max-width: 600px)").matches ? "list" : "map"), false);
    switcher.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-view]");
      if (!button) return;
      choose(button.dataset.view, true);
      announce(button.dataset.view === "map" ? "Showing the star map" : "Showing the list of stars");
    });
  }

  // --- a talk --------------------------------------------------------------------------

  function initTalk() {
    var talk = document.getElementById("talk");
    if (!talk) return;
    var chat = document.getElementById("chat");
    var choices = document.getElementById("choices");
    var say = document.getElementById("say");
    var celebration = document.getElementById("celebration");
    var template = document.getElementById("message-template");
    if (!say) return; // a finished talk
    var text = say.elements.text;
    var count = document.getElementById("say-count");
    var limit = +count.dataset.limit;
    var busy = false;

    function bubble(message) {
      var item = template.content.firstElementChild.cloneNode(true);
      var mine = message.role === "user";
      item.classList.add(mine ? "me" : "guide");
      if (mine) item.querySelector(".msg-face").remove();
      item.querySelector(".msg-who").textContent = mine ? "You said:" : "Guide:";
      var words = item.querySelector(".msg-text");
      if (mine && message.wasFiltered) {
        item.classList.add("filtered");
        words.textContent = "This message stays private.";
      } else {
        words.textContent = message.content;
      }
      chat.appendChild(item);
      return item;
    }

    function setChoices(list) {
      choices.innerHTML = "";
      (list || []).forEach(function (choice, index) {
        var button = document.createElement("button");
        button.type = "submit";
        button.className = "kid-button choice";
        button.name = "choiceIndex";
        button.value = String(index);
        button.dataset.kind = choice.kind || "";
        button.dataset.topic = choice.topic || "";
        button.textContent = choice.label;
        choices.appendChild(button);
      });
      choices.hidden = !(list && list.length);
    }

    function listed(names) {
      return names.length < 2 ? names.join("") : names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
    }

    // What an exchange earned, in a few words: stars, then badges, then new stars open.
    function celebrate(rewards) {
      var stars = 0, badges = [], opened = [];
      (rewards || []).forEach(function (reward) {
        if (reward.type === "star") stars += reward.starValue || 1;
        else if (reward.type === "badge") badges.push(reward.name || "a new badge");
        else if (reward.type === "unlock" && reward.name) opened.push(reward.name);
      });
      var words = [];
      if (stars) words.push(stars === 1 ? "You earned a star!" : "You earned " + stars + " stars!");
      badges.forEach(function (name) { words.push("New badge: " + name + "!"); });
      if (opened.length) words.push((opened.length === 1 ? "A new star opened: " : "New stars opened: ") + listed(opened) + "!");
      if (!words.length) return;
      celebration.innerHTML = '<svg class="icon" aria-hidden="true"><use href="#i-star"></use></svg><span></span>';
      celebration.querySelector("span").textContent = words.join(" ");
      celebration.hidden = false;
      celebration.style.animation = "none";
      void celebration.offsetWidth; // restart the pop (when the CSS allows one)
      celebration.style.animation = "";
    }

    function counter() {
      var used = text.value.length;
      count.textContent = used + " of " + limit + " letters";
      count.classList.toggle("near", used > limit - 50);
    }

    function send(body) {
      if (busy) return;
      busy = true;
      window.BrightPath.clearErrors(say);
      show(say.querySelector(".form-errors"), "");
      talk.setAttribute("aria-busy", "true");
      say.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      choices.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      api("POST", talk.dataset.sendUrl, body).then(function (result) {
        busy = false;
        talk.removeAttribute("aria-busy");
        say.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
        choices.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
        if (!result.ok) {
          var error = result.data.error || {};
          if (stopIfOver(error, talk.dataset)) return;
          if (error.code === "conversation_ended") {
            window.location.reload();
            return;
          }
          window.BrightPath.showErrors(say, error, { choiceIndex: "text" });
          return;
        }
        var data = result.data;
        var messages = data.messages || [];
        celebration.hidden = true;
        var reply = null;
        messages.forEach(function (message) {
          bubble(message);
          if (message.role === "assistant") reply = message;
        });
        setChoices(reply ? reply.choices : []);
        celebrate(data.rewards);
        if (body.text !== undefined) {
          text.value = "";
          counter();
        }
        if (data.conversation && data.conversation.endedAt) {
          window.location.reload();
          return;
        }
        var first = choices.querySelector("button");
        (first || text).focus({ preventScroll: true });
        var last = chat.lastElementChild;
        if (last) last.scrollIntoView({ block: "nearest", behavior: reducedMotion() ? "auto" : "smooth" });
      });
    }

    // "Fly to <another star>": this talk ends and one about that star starts.
    function fly(slug) {
      busy = true;
      choices.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      api("POST", talk.dataset.endUrl).then(function () {
        return api("POST", talk.dataset.startUrl, { topic: slug });
      }).then(function (result) {
        if (result.ok) {
          window.location.assign(talkUrl(talk, result.data.id));
          return;
        }
        busy = false;
        var error = result.data.error || {};
        if (!stopIfOver(error, talk.dataset)) window.location.assign(talk.dataset.starsUrl);
      });
    }

    choices.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = event.submitter;
      if (!button || busy) return;
      if (button.dataset.kind === "related" && button.dataset.topic) fly(button.dataset.topic);
      else send({ choiceIndex: +button.value });
    });
    say.addEventListener("submit", function (event) {
      event.preventDefault();
      var words = text.value.trim();
      if (!words) {
        window.BrightPath.showErrors(say, { fields: { text: ["Type something first, or pick a button."] } }, {});
        return;
      }
      send({ text: words });
    });
    text.addEventListener("input", counter);
    counter();
    var end = document.getElementById("talk-end");
    end.addEventListener("click", function () {
      end.disabled = true;
      api("POST", talk.dataset.endUrl).then(function () {
        window.location.assign(talk.dataset.starsUrl);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initGrownups();
    initPin();
    initStart();
    initSky();
    initTalk();
  });
})();
