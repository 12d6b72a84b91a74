// Supervisor console: canned replies, the reply and assist forms, release and resolve (see core.js).
(function () {
  "use strict";
  const C = window.supportConsole;
  if (!C) return;
  const { $, el, state, canned, send } = C;

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

  // Composer ---------------------------------------------------------------------------
  function sendTyping(on) {
    if (state.open && C.mayAct()) send({ type: "typing", conversation: state.open.conversation, typing: on });
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

  Object.assign(C, { release, resolve });
})();
