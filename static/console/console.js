// Supervisor console: keyboard shortcuts, then start-up; loaded last (see core.js).
(function () {
  "use strict";
  const C = window.supportConsole;
  if (!C) return;
  const { $, state, send } = C;

  // Keyboard shortcuts (outside text boxes) ---------------------------------------------
  function cardOrder() { return Array.from($("queue").querySelectorAll(".queue__item")).map((n) => Number(n.dataset.handoff)); }
  function select(step) {
    const order = cardOrder();
    if (!order.length) return;
    const at = order.indexOf(state.selected);
    state.selected = order[Math.max(0, Math.min(order.length - 1, at < 0 ? 0 : at + step))];
    C.renderQueue();
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
    else if (key === "e") C.resolve();
    else if (key === "b") C.release();
    else if (key === "/") { C.showTab("history"); $("history-query").focus(); }
    else return;
    event.preventDefault();
  });

  C.renderAlertsToggle();
  setInterval(C.tick, 1000);
  // The card's priority follows the wait: re-read the queue now and then; it is also pushed on every change.
  setInterval(() => send({ type: "queue" }), 30000);
  C.connect();
})();
