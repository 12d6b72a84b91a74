// Supervisor console: the open chat, its trace and what the agent knows (see core.js).
(function () {
  "use strict";
  const C = window.supportConsole;
  if (!C) return;
  const { $, el, state, userId, isAdmin, format, send, notify } = C;

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
    C.renderQueue();
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

  Object.assign(C, { addMessage, markSeen, mayAct, openConversation, readOpenChat });
})();
