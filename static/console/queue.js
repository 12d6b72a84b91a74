// Supervisor console: the queue's cards and the closed chats (see core.js).
(function () {
  "use strict";
  const C = window.supportConsole;
  if (!C) return;
  const { $, el, state, userId, waited, since, send } = C;

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
    C.renderTitle();
  }

  function onQueue(items) {
    const first = state.known === null;
    const known = state.known || new Set();
    for (const item of items) {
      if (!first && item.status === "waiting" && !known.has(item.handoff)) C.alertNewChat(item);
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

  Object.assign(C, { renderQueue, onQueue, tick, showTab, renderHistory });
})();
