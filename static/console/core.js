// Supervisor console: the live handoff queue, closed-chat history and one open chat, over
// /ws/console/. Plain JS, no build step: the template loads, in order, core.js (shared state and
// helpers, as window.supportConsole), alerts.js, queue.js, conversation.js, composer.js,
// socket.js and console.js (keyboard shortcuts and start-up). Each file adds its functions to
// window.supportConsole; functions of other files are called through it, so the order matters
// only for what runs while a file loads. The server is the source of truth: after a reconnect we
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

  window.supportConsole = {
    root, $, userId, isAdmin, canned, format, state, baseTitle, el, waited, since, send, notify,
  };
})();
