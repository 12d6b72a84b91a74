// Supervisor console: the socket and what each frame from the server does (see core.js).
(function () {
  "use strict";
  const C = window.supportConsole;
  if (!C) return;
  const { $, root, state, send, notify } = C;

  // Socket -----------------------------------------------------------------------------
  const handlers = {
    queue(f) {
      state.skew = Date.parse(f.now) - Date.now();
      C.onQueue(f.items);
    },
    conversation: (f) => C.openConversation(f),
    claimed(f) { notify(""); },
    claim_failed(f) { notify(f.message, true); },
    ack() { $("reply-text").value = ""; },
    message(f) {
      if (state.open && f.conversation === state.open.conversation) {
        C.addMessage(f);
        if (f.role === "customer") { $("customer-typing").textContent = ""; C.readOpenChat(); }
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
      C.markSeen();
    },
    history: (f) => C.renderHistory(f),
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

  Object.assign(C, { connect });
})();
