/* The customer chat page: one websocket, resume after reconnect, no build step.
   Protocol: see "Realtime protocol" in DESIGN.md. Message text is always set with textContent. */
(function () {
  "use strict";
  var root = document.getElementById("chat");
  if (!root) return;
  var log = document.getElementById("log");
  var input = document.getElementById("message-input");
  var composer = document.getElementById("composer");
  var errorBox = document.getElementById("composer-error");
  var personForm = document.getElementById("person-form");
  var connection = document.getElementById("connection");
  var infoBox = document.getElementById("composer-info");
  var banner = document.getElementById("queue-banner");
  var promise = document.getElementById("promise");
  var title = document.getElementById("chat-title");
  var format = window.chatFormat || function (text) { return document.createTextNode(text); };
  // When things were first shown, for the browser tests that measure them (never asserted).
  window.__chatMarks = window.__chatMarks || {};

  var lastId = parseInt(root.dataset.lastId || "0", 10);
  var seen = {};              // message id -> true, so a message shows once however it arrives
  var outbox = [];            // {client_id, text, el} not yet acked; resent after a reconnect
  var status = root.dataset.status;   // active | handoff | closed
  var readUpto = parseInt(root.dataset.readUpto || "0", 10);   // the support team has read up to here
  var sentReadUpto = 0, typingSentAt = 0, typingTimer = null;
  var socket = null, attempts = 0, reconnectTimer = null, workingTimer = null;

  Array.prototype.forEach.call(log.querySelectorAll("[data-id]"), function (el) { seen[el.dataset.id] = true; });
  Array.prototype.forEach.call(log.querySelectorAll("time[datetime]"), function (t) { t.textContent = clock(t.getAttribute("datetime")); });
  if (banner && !banner.hidden) showQueue({ position: parseInt(banner.dataset.position, 10), expected_seconds: banner.dataset.expected ? parseInt(banner.dataset.expected, 10) : null });
  scrollDown(true);

  function clock(iso) {
    var d = new Date(iso);
    return isNaN(d) ? "" : d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }
  function newClientId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function isNearBottom() {
    return log.scrollHeight - log.scrollTop - log.clientHeight < 160;
  }
  function scrollDown(force) {
    if (force || isNearBottom()) log.scrollTop = log.scrollHeight;
  }

  // Same markup as templates/chat/_message.html.
  function messageNode(m) {
    var li = el("li", "msg msg--" + m.role);
    if (m.id) li.dataset.id = m.id;
    if (m.client_id) li.dataset.clientId = m.client_id;
    if (m.role === "system") { li.appendChild(el("p", "msg__notice", m.text)); return li; }
    var who = el("p", "msg__who");
    if (m.role === "customer") who.textContent = "You";
    else if (m.role === "supervisor") { who.textContent = m.author || "Support"; who.appendChild(el("span", "msg__badge", "Support team")); }
    else who.textContent = "Assistant";
    var bubble = el("div", "msg__bubble");
    var text = el("div", "msg__text");
    if (m.role === "customer") text.appendChild(el("p", "", m.text));
    else text.appendChild(format(m.text));
    bubble.appendChild(text);
    var meta = el("p", "msg__meta");
    var time = el("time", "", m.created ? clock(m.created) : "Sending…");
    if (m.created) time.setAttribute("datetime", m.created);
    meta.appendChild(time);
    if (m.role === "customer") {
      var read = el("span", "msg__read", " · Read");
      read.hidden = !(m.id && m.id <= readUpto);
      meta.appendChild(read);
    }
    li.appendChild(who); li.appendChild(bubble); li.appendChild(meta);
    return li;
  }

  // The agent is working: one line at the foot of the log, with the latest status.
  function working(text) {
    var line = document.getElementById("working");
    if (!line) {
      line = el("li", "msg msg--working");
      line.id = "working";
      var dots = el("span", "dots");
      dots.setAttribute("aria-hidden", "true");
      dots.appendChild(el("span")); dots.appendChild(el("span")); dots.appendChild(el("span"));
      line.appendChild(dots);
      line.appendChild(el("span", "working__text"));
    }
    line.querySelector(".working__text").textContent = text || "Assistant is typing…";
    log.appendChild(line);   // (re)attach at the end
    clearTimeout(workingTimer);
    workingTimer = setTimeout(doneWorking, 90000);
    scrollDown(false);
  }
  function doneWorking() {
    clearTimeout(workingTimer);
    var line = document.getElementById("working");
    if (line) line.remove();
  }

  function showError(text) {
    errorBox.textContent = text;
    errorBox.hidden = !text;
  }

  function addMessage(m) {
    var key = String(m.id);
    if (seen[key]) {
      // Already shown (our own message, acked first): give it its stored time.
      var shown = log.querySelector('[data-id="' + key + '"]');
      if (shown && m.created && !shown.querySelector("time[datetime]")) settle(shown, m);
      return;
    }
    seen[key] = true;
    if (m.id > lastId) lastId = m.id;
    var mine = m.client_id && log.querySelector('[data-client-id="' + cssEscape(m.client_id) + '"]');
    if (mine) { settle(mine, m); return; }
    // Decide before adding: a long answer must not push us out of "near the bottom".
    var follow = m.role === "customer" || isNearBottom();
    var node = messageNode(m);
    var line = document.getElementById("working");
    if (line && m.role === "customer") log.insertBefore(node, line); else log.appendChild(node);
    if (m.role === "agent" || m.role === "supervisor") doneWorking();
    if (m.engine === "offline") document.getElementById("offline-notice").hidden = false;
    scrollDown(follow);
    if (m.role !== "customer") sendRead();
  }

  // Read state: tell the server how far the customer has read (when the page is in view),
  // and show "Read" under the customer's messages the support team has read.
  function sendRead() {
    if (document.visibilityState !== "visible" || lastId <= sentReadUpto) return;
    if (socket && socket.readyState === WebSocket.OPEN) {
      sentReadUpto = lastId;
      socket.send(JSON.stringify({ type: "read", upto: lastId }));
    }
  }
  function showRead(upto) {
    readUpto = Math.max(readUpto, upto);
    Array.prototype.forEach.call(log.querySelectorAll(".msg--customer[data-id]"), function (node) {
      var mark = node.querySelector(".msg__read");
      if (mark && parseInt(node.dataset.id, 10) <= readUpto) mark.hidden = false;
    });
  }

  // Typing: a hint at most every 2.5 s while the customer writes, and "stopped" after a pause.
  function sendTyping(on) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify({ type: "typing", typing: on }));
  }
  function onInputTyping() {
    if (status !== "handoff") return;   // only a person watches; the agent does not need it
    var now = Date.now();
    if (now - typingSentAt > 2500) { typingSentAt = now; sendTyping(true); }
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { typingSentAt = 0; sendTyping(false); }, 4000);
  }

  // Where the chat stands with people: header, queue banner.
  function minutes(seconds) {
    if (seconds === null || seconds === undefined || isNaN(seconds)) return "";
    var m = Math.max(1, Math.round(seconds / 60));
    return m === 1 ? "about a minute" : "about " + m + " minutes";
  }
  function queueText(f) {
    var text = "You're number " + f.position + " in the queue for a person.";
    var wait = minutes(f.expected_seconds);
    text += wait ? " Expected wait: " + wait + "." : " Someone will be with you as soon as possible.";
    return text;
  }
  function showQueue(f) {
    banner.textContent = queueText(f);
    banner.hidden = false;
    if (!window.__chatMarks.queue) window.__chatMarks.queue = Date.now();
    setHeader("waiting", "");
  }
  function setHeader(state, who) {
    root.dataset.state = state;
    if (state === "waiting") { title.textContent = "Customer support"; promise.textContent = "Waiting for a person"; }
    else if (state === "claimed") { title.textContent = "Chatting with " + (who || "our team"); promise.textContent = (who || "Someone") + " from our support team"; }
    else if (state === "closed") { promise.textContent = "This chat has ended"; }
    else { title.textContent = "Customer support"; promise.textContent = "Our assistant answers in seconds"; }
    if (state !== "waiting") banner.hidden = true;
  }
  function showInfo(text) {
    infoBox.textContent = text;
    infoBox.hidden = !text;
  }
  function cssEscape(s) { return window.CSS && CSS.escape ? CSS.escape(s) : String(s).replace(/["\\]/g, "\\$&"); }

  // A pending bubble becomes the stored message.
  function settle(node, m) {
    node.classList.remove("msg--pending");
    node.dataset.id = m.id;
    var time = node.querySelector("time");
    if (time && m.created) { time.setAttribute("datetime", m.created); time.textContent = clock(m.created); }
    else if (time) time.textContent = "Sent";
  }

  function onAck(frame) {
    var item = outbox.filter(function (o) { return o.client_id === frame.client_id; })[0];
    outbox = outbox.filter(function (o) { return o.client_id !== frame.client_id; });
    var key = String(frame.id);
    if (seen[key]) {
      // The stored message already arrived (after a reconnect): drop the duplicate bubble.
      var stored = log.querySelector('[data-id="' + key + '"]');
      if (item && item.el !== stored) item.el.remove();
    } else if (item) {
      seen[key] = true;
      if (frame.id > lastId) lastId = frame.id;
      settle(item.el, { id: frame.id });
    }
    if (status === "active") working();
  }

  function onError(frame) {
    var item = frame.client_id && outbox.filter(function (o) { return o.client_id === frame.client_id; })[0];
    if (item) {
      outbox = outbox.filter(function (o) { return o !== item; });
      item.el.classList.remove("msg--pending");
      item.el.classList.add("msg--failed");
      var time = item.el.querySelector("time");
      if (time) time.textContent = "Not sent";
      if (!input.value) input.value = item.text;   // let the customer fix it and send again
    }
    showError(frame.message || "Something went wrong. Please try again.");
  }

  function onHandoff(frame) {
    var state = frame.state;
    if (state === "waiting" || state === "claimed") status = "handoff";
    if (state === "released") status = "active";
    doneWorking();
    showInfo("");
    if (state === "claimed") setHeader("claimed", frame.who);
    else if (state === "waiting") setHeader("waiting", "");
    else if (state === "released") setHeader("agent", "");
    if (state === "resolved" || state === "closed") {
      status = "closed";
      setHeader("closed", "");
      document.getElementById("dock").hidden = true;
      document.getElementById("ended").hidden = false;
    }
  }

  function onFrame(event) {
    var frame;
    try { frame = JSON.parse(event.data); } catch (e) { return; }
    if (frame.type === "message") addMessage(frame);
    else if (frame.type === "ack") onAck(frame);
    else if (frame.type === "status") { if (status === "active") working(frame.text); }
    else if (frame.type === "handoff") onHandoff(frame);
    else if (frame.type === "queue") showQueue(frame);
    else if (frame.type === "typing") { if (frame.typing) working((frame.who || "Support") + " is typing…"); else doneWorking(); }
    else if (frame.type === "read") showRead(frame.upto || 0);
    else if (frame.type === "error") onError(frame);
  }

  function setConnection(state, text) {
    connection.dataset.state = state;
    connection.textContent = text;
  }

  function connect() {
    clearTimeout(reconnectTimer);
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + (root.dataset.wsPath || "/ws/chat/"));
    socket.onopen = function () {
      attempts = 0;
      setConnection("open", "Online");
      socket.send(JSON.stringify({ type: "resume", after: lastId }));
      sendRead();
      // Anything not acked before the drop goes again; its client_id makes the resend harmless.
      outbox.forEach(function (o) { socket.send(JSON.stringify({ type: "message", text: o.text, client_id: o.client_id })); });
    };
    socket.onmessage = onFrame;
    if (window.liveGaps) {
      var watched = socket;
      liveGaps.watch(watched, { heartbeatSeconds: 15, resume: function () { watched.send(JSON.stringify({ type: "resume", after: lastId })); } });
    }
    socket.onclose = function (event) {
      socket = null;
      if (event.code === 4404) { setConnection("closed", "Chat expired: reload the page"); return; }
      if (event.code === 4401) { setConnection("closed", "Signed out: reload the page"); return; }
      // Exponential backoff with jitter: 0.5 s, 1 s, 2 s ... up to 15 s.
      var delay = Math.min(15000, 500 * Math.pow(2, attempts)) * (0.75 + Math.random() * 0.5);
      attempts += 1;
      setConnection("closed", "Reconnecting…");
      reconnectTimer = setTimeout(connect, delay);
    };
  }

  function send() {
    var text = input.value.trim();
    if (!text || status === "closed") return;
    showError("");
    var item = { client_id: newClientId(), text: text };
    item.el = messageNode({ role: "customer", text: text, client_id: item.client_id });
    item.el.classList.add("msg--pending");
    var line = document.getElementById("working");
    if (line) log.insertBefore(item.el, line); else log.appendChild(item.el);
    scrollDown(true);
    outbox.push(item);
    input.value = "";
    grow();
    clearTimeout(typingTimer); typingSentAt = 0;
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: "message", text: text, client_id: item.client_id }));
    }
  }

  function grow() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight, 160) + "px";
  }

  composer.addEventListener("submit", function (e) { e.preventDefault(); send(); input.focus(); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); send(); }
  });
  input.addEventListener("input", grow);
  input.addEventListener("input", onInputTyping);
  document.addEventListener("visibilitychange", sendRead);

  personForm.addEventListener("submit", function (e) {
    e.preventDefault();
    var button = personForm.querySelector("button");
    button.disabled = true;
    fetch(personForm.action, { method: "POST", body: new FormData(personForm), headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) return r.text().then(function (t) { showError(t || "Please try again in a moment."); });
        status = "handoff";
        doneWorking();
        return r.json().then(function (f) {
          if (f.state === "waiting") showQueue(f);
          if (f.created) return;
          // A second press: say plainly where the chat stands instead of doing nothing.
          if (f.state === "waiting") showInfo("You're already in the queue for a person. " + queueText(f));
          else if (f.state === "claimed") showInfo((f.who || "Someone from our team") + " is already with you in this chat: just write your message here.");
        });
      })
      .catch(function () { showError("We could not reach the server. Please try again."); })
      .then(function () { button.disabled = false; input.focus(); });
  });

  connect();
})();
