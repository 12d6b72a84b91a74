// Supervisor console: the live handoff queue, closed-chat history and one open chat, over
// /ws/console/. Plain JS, no build step. The server is the source of truth: after a reconnect we
// ask for the queue and reopen the chat we had open. Text is only ever set with textContent.
(function () {
  "use strict";
  const root = document.getElementById("console");
  if (!root) return;
  const $ = (id) => document.getElementById(id);
  const userId = Number(root.dataset.userId);
  const isAdmin = root.dataset.superuser === "1";
  const canned = JSON.parse(($("canned-replies") || {}).textContent || "[]");
  const format = window.chatFormat || ((text) => document.createTextNode(text));
  const state = {
    socket: null, queue: [], skew: 0, open: null, retry: 0,
    known: null,          // handoff ids seen in the queue (null until the first queue arrives)
    selected: null,       // handoff id picked with J/K
    customerRead: 0,      // the customer has read up to this message id
    typingSentAt: 0, typingTimer: null, customerTypingTimer: null,
  };
  // When alerts fired, for the browser tests that measure them (never asserted).
  window.__consoleMarks = { alerts: [] };
  const baseTitle = document.title;

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function waited(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    if (s < 60) return s + "s";
    const m = Math.floor(s / 60);
    if (m < 60) return m + "m " + String(s % 60).padStart(2, "0") + "s";
    return Math.floor(m / 60) + "h " + String(m % 60).padStart(2, "0") + "m";
  }

  function since(iso) { return (Date.now() + state.skew - Date.parse(iso)) / 1000; }

  function send(frame) {
    if (state.socket && state.socket.readyState === WebSocket.OPEN) state.socket.send(JSON.stringify(frame));
    else notify("Not connected; trying again…", true);
  }

  function notify(text, isError) {
    const box = $("notice");
    box.textContent = text;
    box.hidden = !text;
    box.classList.toggle("notice--error", !!isError);
  }

  // Alerts: a sound, a desktop notification (once allowed) and a count in the tab's title. ----
  let audio = null;
  function unlockAudio() {
    // Browsers let a page make sound only after the person interacted with it.
    if (!audio && (window.AudioContext || window.webkitAudioContext)) {
      audio = new (window.AudioContext || window.webkitAudioContext)();
    }
    if (audio && audio.state === "suspended") audio.resume();
  }
  document.addEventListener("pointerdown", unlockAudio, { once: false, passive: true });
  document.addEventListener("keydown", unlockAudio, { once: false, passive: true });

  function chime() {
    if (!audio) return false;
    const now = audio.currentTime;
    [880, 1175].forEach((freq, i) => {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = "sine";
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, now + i * 0.16);
      gain.gain.exponentialRampToValueAtTime(0.2, now + i * 0.16 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.16 + 0.15);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + i * 0.16);
      osc.stop(now + i * 0.16 + 0.16);
    });
    return true;
  }

  function alertsAllowed() { return "Notification" in window && Notification.permission === "granted"; }
  function renderAlertsToggle() {
    const button = $("alerts-toggle");
    if (!("Notification" in window)) { button.hidden = true; return; }
    const on = alertsAllowed();
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.textContent = on ? "Desktop alerts on" : Notification.permission === "denied" ? "Desktop alerts blocked" : "Turn on desktop alerts";
    button.disabled = on || Notification.permission === "denied";
  }
  $("alerts-toggle").addEventListener("click", () => {
    unlockAudio();
    if ("Notification" in window) Notification.requestPermission().then(renderAlertsToggle);
  });

  function alertNewChat(item) {
    const sound = chime();
    let desktop = false;
    if (alertsAllowed() && document.visibilityState !== "visible") {
      const n = new Notification("New chat: " + item.customer_name, {
        body: item.last_message || item.reason_label, tag: "handoff-" + item.handoff,
      });
      n.onclick = () => { window.focus(); send({ type: "open", conversation: item.conversation }); n.close(); };
      desktop = true;
    }
    window.__consoleMarks.alerts.push({ handoff: item.handoff, conversation: item.conversation, at: Date.now(), sound, desktop });
    const banner = $("queue-heading");
    banner.dataset.flash = String(item.handoff);
  }

  function renderTitle() {
    const waiting = state.queue.filter((i) => i.status === "waiting").length;
    const unread = state.queue.filter((i) => i.claimed_by_id === userId).reduce((n, i) => n + (i.unread || 0), 0);
    const count = waiting + unread;
    document.title = (count ? "(" + count + ") " : "") + baseTitle;
  }

  // Queue ------------------------------------------------------------------------------
  function card(item) {
    const li = el("li", {
      class: "queue__item queue__item--p" + item.priority + (item.status === "waiting" ? " is-waiting" : ""),
      "data-handoff": item.handoff, "data-conversation": item.conversation,
    });
    if (state.open && state.open.conversation === item.conversation) li.classList.add("is-open");
    if (state.selected === item.handoff) li.classList.add("is-selected");
    const head = el("div", { class: "queue__head" });
    const slaNote = item.status === "waiting"
      ? (item.priority === 1 ? "overdue against the " + Math.round(item.sla_seconds / 60) + " min SLA" : "within the " + Math.round(item.sla_seconds / 60) + " min SLA")
      : "claimed";
    // Priority ranks the chats still waiting; a claimed chat is already with someone.
    if (item.status === "waiting") head.append(el("span", { class: "prio", title: "priority " + item.priority + ": " + slaNote }, "P" + item.priority));
    head.append(el("strong", { class: "queue__name" }, item.customer_name));
    if (item.unread) head.append(el("span", { class: "unread", title: item.unread + " unread" }, item.unread + " new"));
    li.append(head);
    const tags = el("p", { class: "queue__tags small" });
    tags.append(el("span", { class: "tag" }, item.reason_label));
    if (item.mood === "upset") tags.append(el("span", { class: "tag tag--upset" }, "Upset"));
    tags.append(el("span", { class: "muted" }, "Chat " + item.conversation));
    li.append(tags);
    if (item.last_message) li.append(el("p", { class: "small queue__last" }, "“" + item.last_message + "”"));
    const foot = el("div", { class: "queue__foot" });
    const wait = el("span", { class: "wait small", "data-created": item.created });
    wait.textContent = "waiting " + waited(since(item.created));
    foot.append(wait);
    if (item.status === "waiting") {
      const claim = el("button", { type: "button", class: "button button--primary button--small" }, "Claim");
      claim.setAttribute("aria-label", "Claim chat " + item.conversation);
      claim.setAttribute("aria-keyshortcuts", "C");
      claim.addEventListener("click", () => send({ type: "claim", handoff: item.handoff }));
      foot.append(claim);
    } else {
      const mine = item.claimed_by_id === userId;
      foot.append(el("span", { class: "small" }, mine ? "claimed by you" : "claimed by " + item.claimed_by));
      const open = el("button", { type: "button", class: "button button--small" }, "Open");
      open.setAttribute("aria-label", "Open chat " + item.conversation);
      open.addEventListener("click", () => send({ type: "open", conversation: item.conversation }));
      foot.append(open);
    }
    li.append(foot);
    return li;
  }

  function renderQueue() {
    const list = $("queue");
    list.replaceChildren();
    $("queue-empty").hidden = state.queue.length > 0;
    const waiting = state.queue.filter((i) => i.status === "waiting").length;
    $("queue-count").textContent = state.queue.length ? "(" + waiting + " waiting, " + state.queue.length + " in all)" : "";
    // Chats of one customer sit together, under the first (most urgent) one's place.
    const groups = new Map();
    for (const item of state.queue) {
      const key = item.customer_id ? "c:" + item.customer_id : "h:" + item.handoff;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(item);
    }
    for (const items of groups.values()) {
      if (items.length === 1) { list.append(card(items[0])); continue; }
      const group = el("li", { class: "queue__group" });
      group.append(el("p", { class: "queue__group-head small" }, items[0].customer_name + " · " + items.length + " chats"));
      const inner = el("ul", { class: "queue", "aria-label": "Chats of " + items[0].customer_name });
      items.forEach((item) => inner.append(card(item)));
      group.append(inner);
      list.append(group);
    }
    renderTitle();
  }

  function onQueue(items) {
    const first = state.known === null;
    const known = state.known || new Set();
    for (const item of items) {
      if (!first && item.status === "waiting" && !known.has(item.handoff)) alertNewChat(item);
      known.add(item.handoff);
    }
    state.known = known;
    state.queue = items;
    if (state.selected && !items.some((i) => i.handoff === state.selected)) state.selected = null;
    renderQueue();
  }

  function tick() {
    for (const node of document.querySelectorAll(".wait[data-created]")) {
      node.textContent = "waiting " + waited(since(node.dataset.created));
    }
  }

  // Closed chats -----------------------------------------------------------------------
  function showTab(name) {
    const history = name === "history";
    $("tab-queue").setAttribute("aria-selected", String(!history));
    $("tab-history").setAttribute("aria-selected", String(history));
    $("tab-queue").tabIndex = history ? -1 : 0;
    $("tab-history").tabIndex = history ? 0 : -1;
    $("queue-panel").hidden = history;
    $("history-panel").hidden = !history;
  }
  $("tab-queue").addEventListener("click", () => showTab("queue"));
  $("tab-history").addEventListener("click", () => { showTab("history"); send({ type: "history", query: $("history-query").value }); });
  $("history-form").addEventListener("submit", (event) => {
    event.preventDefault();
    send({ type: "history", query: $("history-query").value.trim() });
  });

  function renderHistory(frame) {
    const list = $("history-list");
    list.replaceChildren();
    $("history-empty").hidden = frame.items.length > 0;
    for (const item of frame.items) {
      const li = el("li", { class: "queue__item queue__item--closed", "data-conversation": item.conversation });
      const head = el("div", { class: "queue__head" });
      head.append(el("strong", {}, item.customer_name));
      head.append(el("span", { class: "muted small" }, "Chat " + item.conversation));
      li.append(head);
      li.append(el("p", { class: "small" }, item.reason_label + (item.closed_by ? " · handled by " + item.closed_by : "")));
      if (item.last_message) li.append(el("p", { class: "small queue__last" }, "“" + item.last_message + "”"));
      const foot = el("div", { class: "queue__foot" });
      foot.append(el("time", { datetime: item.closed, class: "small muted" }, "closed " + new Date(item.closed).toLocaleString()));
      const open = el("button", { type: "button", class: "button button--small" }, "Read");
      open.setAttribute("aria-label", "Read closed chat " + item.conversation);
      open.addEventListener("click", () => send({ type: "open", conversation: item.conversation }));
      foot.append(open);
      li.append(foot);
      list.append(li);
    }
  }

  // Open chat --------------------------------------------------------------------------
  function whoOf(m) {
    const meta = m.meta || {};
    if (m.role === "customer") return (state.open && state.open.customer_name) || "Customer";
    if (m.role === "agent") return "Agent" + (meta.engine ? " (" + meta.engine + ")" : "");
    if (m.role === "supervisor") return (m.author || meta.author_name || "Supervisor") + (meta.assisted ? " · via agent" : "");
    if (meta.assist_instruction) return "Instruction to the agent · staff only";
    if (meta.assist_result) return "Agent's outcome · staff only";
    return "System";
  }

  function addMessage(m) {
    const history = $("history");
    if (history.querySelector('[data-id="' + m.id + '"]')) return;
    const meta = m.meta || {};
    const note = meta.internal || meta.assist_instruction || meta.assist_result;
    const li = el("li", { class: "msg msg--" + m.role + (note ? " msg--note" : ""), "data-id": m.id });
    if (meta.assist_result && !meta.ok) li.classList.add("msg--refused");
    li.append(el("p", { class: "msg__who small" }, whoOf(m)));
    const text = el("div", { class: "msg__text" });
    if (m.role === "agent" || m.role === "supervisor") text.append(format(m.text)); else text.textContent = m.text;
    li.append(text);
    const foot = el("p", { class: "msg__foot small muted" });
    foot.append(el("time", { datetime: m.created }, new Date(m.created).toLocaleTimeString()));
    if (m.role === "agent" || m.role === "supervisor") foot.append(el("span", { class: "seen" }, ""));
    li.append(foot);
    history.append(li);
    history.scrollTop = history.scrollHeight;
    markSeen();
  }

  function markSeen() {
    for (const node of $("history").querySelectorAll(".msg--agent, .msg--supervisor")) {
      const seen = node.querySelector(".seen");
      if (seen) seen.textContent = Number(node.dataset.id) <= state.customerRead ? " · seen by customer" : "";
    }
  }

  function renderTrace(steps) {
    const trace = $("trace");
    trace.replaceChildren();
    if (!steps.length) trace.append(el("li", { class: "muted small" }, "No tool calls yet."));
    for (const s of steps) {
      const li = el("li", { class: "step " + (s.ok ? "step--ok" : "step--fail") });
      li.append(el("p", { class: "small" }, "#" + s.number + " " + s.tool + " · " + (s.ok ? "ok" : "failed") + " · " + s.tier));
      if (s.thought) li.append(el("p", { class: "small muted" }, s.thought));
      const details = el("details");
      details.append(el("summary", { class: "small" }, "Arguments and observation"));
      details.append(el("pre", {}, s.arguments));
      details.append(el("pre", {}, s.observation));
      li.append(details);
      trace.append(li);
    }
  }

  function renderEntities(detail) {
    const entities = detail.entities;
    const dl = $("entities");
    dl.replaceChildren();
    const rows = [
      ["Name", detail.customer_name],
      ["Customer id", entities.customer_id || "not identified"],
      ["Orders", (entities.order_ids || []).join(", ") || "none"],
      ["Intent", entities.intent || "unknown"],
      ["Summary", entities.summary || "none"],
    ];
    for (const [k, v] of rows) { dl.append(el("dt", {}, k)); dl.append(el("dd", {}, v)); }
  }

  function mayAct() {
    const open = state.open;
    const h = open && open.handoff;
    return !!h && open.status !== "closed" && h.status === "claimed" && (h.claimed_by_id === userId || isAdmin);
  }

  function renderControls() {
    const open = state.open;
    const h = open && open.handoff;
    const mine = mayAct();
    const closed = open && open.status === "closed";
    let text = closed ? "Closed" : "Status: " + (open ? open.status : "");
    if (h && !closed) text += " · handoff " + h.status + (h.claimed_by ? " by " + h.claimed_by : "");
    if (h && h.claimed_by && closed) text += " · handled by " + h.claimed_by;
    $("chat-state").textContent = text;
    for (const id of ["release", "reply-text", "assist-text", "canned"]) $(id).disabled = !mine;
    $("resolve").disabled = closed || !(mine || (isAdmin && h && h.status === "waiting"));
    for (const b of document.querySelectorAll("#reply-form button, #assist-form button")) b.disabled = !mine;
  }

  function openConversation(detail) {
    const switching = !state.open || state.open.conversation !== detail.conversation;
    state.open = detail;
    state.customerRead = detail.customer_read || 0;
    $("chat-pane").hidden = false;
    $("side-pane").hidden = false;
    $("chat-heading").textContent = detail.customer_name + " · Chat " + detail.conversation;
    $("history").replaceChildren();
    detail.messages.forEach(addMessage);
    renderEntities(detail);
    renderTrace(detail.trace);
    renderControls();
    renderQueue();
    if (switching) { notify(""); $("customer-typing").textContent = ""; }
  }

  function readOpenChat() {
    if (!state.open || document.visibilityState !== "visible") return;
    const last = state.open.messages.length ? state.open.messages[state.open.messages.length - 1].id : 0;
    const shown = Array.from($("history").querySelectorAll("[data-id]")).map((n) => Number(n.dataset.id));
    const upto = Math.max(last, ...shown, 0);
    if (upto) send({ type: "read", conversation: state.open.conversation, upto });
  }
  document.addEventListener("visibilitychange", readOpenChat);

  // Canned replies ---------------------------------------------------------------------
  function firstName() {
    const name = (state.open && state.open.customer_name) || "";
    return name && !name.startsWith("Visitor") ? name.split(" ")[0] : "there";
  }
  function fillCanned(reply) {
    const box = $("reply-text");
    box.value = reply.text.replaceAll("{first_name}", firstName());
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
  }
  for (const reply of canned) {
    const option = el("option", { value: reply.shortcut }, reply.title + " (/" + reply.shortcut + ")");
    $("canned").append(option);
  }
  if (!canned.length) $("canned").hidden = true;
  $("canned").addEventListener("change", (event) => {
    const reply = canned.find((r) => r.shortcut === event.target.value);
    if (reply) fillCanned(reply);
    event.target.value = "";
  });

  // Socket -----------------------------------------------------------------------------
  const handlers = {
    queue(f) {
      state.skew = Date.parse(f.now) - Date.now();
      onQueue(f.items);
    },
    conversation: openConversation,
    claimed(f) { notify(""); },
    claim_failed(f) { notify(f.message, true); },
    ack() { $("reply-text").value = ""; },
    message(f) {
      if (state.open && f.conversation === state.open.conversation) {
        addMessage(f);
        if (f.role === "customer") { $("customer-typing").textContent = ""; readOpenChat(); }
      }
    },
    status(f) { $("agent-status").textContent = f.text || ""; },
    handoff(f) {
      if (state.open && f.conversation === state.open.conversation) {
        send({ type: "open", conversation: state.open.conversation });
      }
    },
    typing(f) {
      if (!state.open || f.conversation !== state.open.conversation) return;
      $("customer-typing").textContent = f.typing ? (state.open.customer_name || "The customer") + " is typing…" : "";
      clearTimeout(state.customerTypingTimer);
      if (f.typing) state.customerTypingTimer = setTimeout(() => { $("customer-typing").textContent = ""; }, 8000);
    },
    read(f) {
      if (!state.open || f.conversation !== state.open.conversation) return;
      state.customerRead = Math.max(state.customerRead, f.upto || 0);
      markSeen();
    },
    history: renderHistory,
    assist_queued() { notify("The agent is working on it…"); },
    notice(f) {
      notify(f.text, !f.ok);
      $("agent-status").textContent = "";
      if (f.ok) $("assist-text").value = "";
      // The outcome is also kept in the thread as a staff-only note: reopen to show it.
      if (state.open && f.conversation === state.open.conversation) send({ type: "open", conversation: f.conversation });
    },
    error(f) { notify(f.message, true); },
  };

  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const socket = new WebSocket(scheme + location.host + root.dataset.wsPath);
    state.socket = socket;
    socket.addEventListener("open", () => {
      state.retry = 0;
      $("connection").textContent = "Live";
      if (state.open) send({ type: "open", conversation: state.open.conversation });
    });
    socket.addEventListener("message", (event) => {
      const frame = JSON.parse(event.data);
      const handle = handlers[frame.type];
      if (handle) handle(frame);
    });
    socket.addEventListener("close", () => {
      $("connection").textContent = "Reconnecting…";
      state.retry = Math.min(state.retry + 1, 6);
      setTimeout(connect, 500 * 2 ** state.retry);
    });
  }

  // Composer ---------------------------------------------------------------------------
  function sendTyping(on) {
    if (state.open && mayAct()) send({ type: "typing", conversation: state.open.conversation, typing: on });
  }
  $("reply-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("reply-text").value.trim();
    if (!text || !state.open) return;
    const clientId = (crypto.randomUUID && crypto.randomUUID()) || String(Date.now()) + Math.random();
    clearTimeout(state.typingTimer); state.typingSentAt = 0;
    send({ type: "reply", conversation: state.open.conversation, text, client_id: clientId });
  });
  $("reply-text").addEventListener("keydown", (event) => {
    const box = event.target;
    const shortcut = /^\/([\w-]+)$/.exec(box.value.trim());
    if (event.key === "Tab" && shortcut) {
      const reply = canned.find((r) => r.shortcut === shortcut[1]);
      if (reply) { event.preventDefault(); fillCanned(reply); return; }
    }
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); $("reply-form").requestSubmit(); }
  });
  $("reply-text").addEventListener("input", () => {
    const now = Date.now();
    if (now - state.typingSentAt > 2500) { state.typingSentAt = now; sendTyping(true); }
    clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(() => { state.typingSentAt = 0; sendTyping(false); }, 4000);
  });
  $("assist-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const instruction = $("assist-text").value.trim();
    if (!instruction || !state.open) return;
    send({ type: "assist", conversation: state.open.conversation, instruction });
  });
  function release() {
    if (state.open && state.open.handoff && !$("release").disabled) send({ type: "release", handoff: state.open.handoff.handoff });
  }
  function resolve() {
    if (state.open && state.open.handoff && !$("resolve").disabled && confirm("Close this chat?")) send({ type: "resolve", handoff: state.open.handoff.handoff });
  }
  $("release").addEventListener("click", release);
  $("resolve").addEventListener("click", resolve);

  // Keyboard shortcuts (outside text boxes) ---------------------------------------------
  function cardOrder() { return Array.from($("queue").querySelectorAll(".queue__item")).map((n) => Number(n.dataset.handoff)); }
  function select(step) {
    const order = cardOrder();
    if (!order.length) return;
    const at = order.indexOf(state.selected);
    state.selected = order[Math.max(0, Math.min(order.length - 1, at < 0 ? 0 : at + step))];
    renderQueue();
    const node = $("queue").querySelector('[data-handoff="' + state.selected + '"]');
    if (node) node.scrollIntoView({ block: "nearest" });
  }
  function claimSelectedOrTop() {
    const item = state.queue.find((i) => i.handoff === state.selected && i.status === "waiting")
      || state.queue.find((i) => i.status === "waiting");
    if (item) send({ type: "claim", handoff: item.handoff });
  }
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" || target.isContentEditable);
    if (event.key === "Escape" && typing) { target.blur(); return; }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === "enter" && target && (target.tagName === "BUTTON" || target.tagName === "A" || target.tagName === "SUMMARY")) return;
    if (key === "j") select(1);
    else if (key === "k") select(-1);
    else if ((key === "o" || key === "enter") && state.selected) {
      const item = state.queue.find((i) => i.handoff === state.selected);
      if (item && item.status === "waiting" && key === "enter") send({ type: "claim", handoff: item.handoff });
      else if (item) send({ type: "open", conversation: item.conversation });
    } else if (key === "c") claimSelectedOrTop();
    else if (key === "r" && !$("reply-text").disabled && !$("chat-pane").hidden) $("reply-text").focus();
    else if (key === "e") resolve();
    else if (key === "b") release();
    else if (key === "/") { showTab("history"); $("history-query").focus(); }
    else return;
    event.preventDefault();
  });

  renderAlertsToggle();
  setInterval(tick, 1000);
  // The card's priority follows the wait: re-read the queue now and then; it is also pushed on every change.
  setInterval(() => send({ type: "queue" }), 30000);
  connect();
})();
