// Supervisor console: the live handoff queue and one open chat, over /ws/console/.
// Plain JS, no build step. The server is the source of truth: after a reconnect we ask for
// the queue and reopen the chat we had open.
(function () {
  "use strict";
  const root = document.getElementById("console");
  if (!root) return;
  const $ = (id) => document.getElementById(id);
  const userId = Number(root.dataset.userId);
  const isAdmin = root.dataset.superuser === "1";
  const state = { socket: null, queue: [], skew: 0, open: null, retry: 0 };

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

  // Queue ------------------------------------------------------------------------------
  function renderQueue() {
    const list = $("queue");
    list.replaceChildren();
    $("queue-empty").hidden = state.queue.length > 0;
    $("queue-count").textContent = state.queue.length ? "(" + state.queue.length + ")" : "";
    for (const item of state.queue) {
      const li = el("li", { class: "queue__item queue__item--p" + item.priority, "data-handoff": item.handoff });
      if (state.open && state.open.conversation === item.conversation) li.classList.add("is-open");
      const head = el("div", { class: "queue__head" });
      head.append(el("span", { class: "prio", title: "priority " + item.priority }, "P" + item.priority));
      head.append(el("strong", {}, "Chat " + item.conversation));
      head.append(el("span", { class: "muted small" }, item.customer_id || "not identified"));
      li.append(head);
      li.append(el("p", { class: "small" }, item.reason_label));
      if (item.summary) li.append(el("p", { class: "small muted queue__summary" }, item.summary));
      const foot = el("div", { class: "queue__foot" });
      const wait = el("span", { class: "wait small", "data-created": item.created });
      wait.textContent = "waiting " + waited(since(item.created));
      foot.append(wait);
      if (item.status === "waiting") {
        const claim = el("button", { type: "button", class: "button button--primary button--small" }, "Claim");
        claim.setAttribute("aria-label", "Claim chat " + item.conversation);
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
      list.append(li);
    }
  }

  function tick() {
    for (const node of document.querySelectorAll(".wait[data-created]")) {
      node.textContent = "waiting " + waited(since(node.dataset.created));
    }
  }

  // Open chat --------------------------------------------------------------------------
  function whoOf(m) {
    if (m.role === "customer") return "Customer";
    if (m.role === "agent") return "Agent" + (m.meta && m.meta.engine ? " (" + m.meta.engine + ")" : "");
    if (m.role === "supervisor") return (m.author || (m.meta && m.meta.author_name) || "Supervisor") +
      (m.meta && m.meta.assisted ? " · via agent" : "");
    return m.meta && m.meta.assist_instruction ? "Instruction to agent (internal)" : "System";
  }

  function addMessage(m) {
    const history = $("history");
    if (history.querySelector('[data-id="' + m.id + '"]')) return;
    const li = el("li", { class: "msg msg--" + m.role, "data-id": m.id });
    li.append(el("p", { class: "msg__who small" }, whoOf(m)));
    li.append(el("p", { class: "msg__text" }, m.text));
    const time = el("time", { datetime: m.created, class: "small muted" }, new Date(m.created).toLocaleTimeString());
    li.append(time);
    history.append(li);
    history.scrollTop = history.scrollHeight;
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

  function renderEntities(entities) {
    const dl = $("entities");
    dl.replaceChildren();
    const rows = [
      ["Customer", entities.customer_id || "not identified"],
      ["Orders", (entities.order_ids || []).join(", ") || "none"],
      ["Intent", entities.intent || "unknown"],
      ["Summary", entities.summary || "none"],
    ];
    for (const [k, v] of rows) { dl.append(el("dt", {}, k)); dl.append(el("dd", {}, v)); }
  }

  function renderControls() {
    const open = state.open;
    const h = open && open.handoff;
    const mine = !!h && h.status === "claimed" && (h.claimed_by_id === userId || isAdmin);
    const closed = open && open.status === "closed";
    let text = "Status: " + (open ? open.status : "");
    if (h) text += " · handoff " + h.status + (h.claimed_by ? " by " + h.claimed_by : "");
    $("chat-state").textContent = text;
    for (const id of ["release", "reply-text", "assist-text"]) $(id).disabled = !mine || closed;
    $("resolve").disabled = closed || !(mine || (isAdmin && h && h.status === "waiting"));
    for (const b of document.querySelectorAll("#reply-form button, #assist-form button")) b.disabled = !mine || closed;
  }

  function openConversation(detail) {
    state.open = detail;
    $("chat-pane").hidden = false;
    $("chat-heading").textContent = "Chat " + detail.conversation;
    $("history").replaceChildren();
    detail.messages.forEach(addMessage);
    renderEntities(detail.entities);
    renderTrace(detail.trace);
    renderControls();
    renderQueue();
    notify("");
  }

  // Socket -----------------------------------------------------------------------------
  const handlers = {
    queue(f) {
      state.skew = Date.parse(f.now) - Date.now();
      state.queue = f.items;
      renderQueue();
    },
    conversation: openConversation,
    claimed(f) { notify(""); },
    claim_failed(f) { notify(f.message, true); },
    ack() { $("reply-text").value = ""; },
    message(f) {
      if (state.open && f.conversation === state.open.conversation) addMessage(f);
    },
    status(f) { $("agent-status").textContent = f.text || ""; },
    handoff(f) {
      if (state.open && f.conversation === state.open.conversation) {
        send({ type: "open", conversation: state.open.conversation });
      }
    },
    assist_queued() { notify("The agent is working on it…"); },
    notice(f) {
      notify(f.text, !f.ok);
      $("agent-status").textContent = "";
      if (f.ok) $("assist-text").value = "";
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
    if (window.liveGaps) {
      liveGaps.watch(socket, { resume: () => { if (state.open) send({ type: "open", conversation: state.open.conversation }); } });
    }
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

  $("reply-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("reply-text").value.trim();
    if (!text || !state.open) return;
    const clientId = (crypto.randomUUID && crypto.randomUUID()) || String(Date.now()) + Math.random();
    send({ type: "reply", conversation: state.open.conversation, text, client_id: clientId });
  });
  $("reply-text").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); $("reply-form").requestSubmit(); }
  });
  $("assist-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const instruction = $("assist-text").value.trim();
    if (!instruction || !state.open) return;
    send({ type: "assist", conversation: state.open.conversation, instruction });
  });
  $("release").addEventListener("click", () => {
    if (state.open && state.open.handoff) send({ type: "release", handoff: state.open.handoff.handoff });
  });
  $("resolve").addEventListener("click", () => {
    if (state.open && state.open.handoff && confirm("Close this chat?")) send({ type: "resolve", handoff: state.open.handoff.handoff });
  });

  setInterval(tick, 1000);
  // A safety net: the queue is also pushed on every change.
  setInterval(() => send({ type: "queue" }), 30000);
  connect();
})();
