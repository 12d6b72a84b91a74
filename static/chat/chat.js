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

  var lastId = parseInt(root.dataset.lastId || "0", 10);
  var seen = {};              // message id -> true, so a message shows once however it arrives
  var outbox = [];            // {client_id, text, el} not yet acked; resent after a reconnect
  var status = root.dataset.status;   // active | handoff | closed
  var socket = null, attempts = 0, reconnectTimer = null, workingTimer = null;

  Array.prototype.forEach.call(log.querySelectorAll("[data-id]"), function (el) { seen[el.dataset.id] = true; });
  Array.prototype.forEach.call(log.querySelectorAll("time[datetime]"), function (t) { t.textContent = clock(t.getAttribute("datetime")); });
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
    bubble.appendChild(el("p", "msg__text", m.text));
    var meta = el("p", "msg__meta");
    var time = el("time", "", m.created ? clock(m.created) : "Sending…");
    if (m.created) time.setAttribute("datetime", m.created);
    meta.appendChild(time);
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
    if (state === "claimed" && frame.who) working(frame.who + " joined the chat and is reading it…");
    if (state === "resolved" || state === "closed") {
      status = "closed";
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

  personForm.addEventListener("submit", function (e) {
    e.preventDefault();
    var button = personForm.querySelector("button");
    button.disabled = true;
    fetch(personForm.action, { method: "POST", body: new FormData(personForm), headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok && r.status !== 204) return r.text().then(function (t) { showError(t || "Please try again in a moment."); });
        status = "handoff";
        doneWorking();
      })
      .catch(function () { showError("We could not reach the server. Please try again."); })
      .then(function () { button.disabled = false; input.focus(); });
  });

  connect();
})();
