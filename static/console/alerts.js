// Supervisor console: alerts for new chats (see core.js for how the files fit together).
(function () {
  "use strict";
  const C = window.supportConsole;
  if (!C) return;
  const { $, state, userId, baseTitle, send } = C;

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

  Object.assign(C, { renderAlertsToggle, alertNewChat, renderTitle });
})();
