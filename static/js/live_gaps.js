/* Noticing missed live events, for the chat page and the console (no build step).

   Every event about a conversation carries its sequence number `seq` (one per visible message).
   A socket that sees the number jump past what it has shown, or hears nothing for two heartbeat
   periods, asks the page to resume at once, instead of waiting for the socket to drop:

     liveGaps.watch(socket, { resume: function () { ... }, heartbeatSeconds: 15 });

   `resume` sends the page's own catch-up frame (the chat: resume {after}; the console: open).
   Without heartbeats (heartbeatSeconds 0) only gaps are watched. Self-contained on purpose. */
(function () {
  "use strict";

  function watch(socket, options) {
    var known = {};            // conversation (or "chat") -> highest seq shown
    var lastHeard = Date.now();
    var lastResume = 0;
    var period = (options.heartbeatSeconds || 0) * 1000;
    var timer = null;

    function resume(reason) {
      var now = Date.now();
      if (now - lastResume < 2000 || socket.readyState !== WebSocket.OPEN) return;
      lastResume = now;
      if (window.console && console.debug) console.debug("live events: resuming (" + reason + ")");
      options.resume(reason);
    }

    socket.addEventListener("message", function (event) {
      lastHeard = Date.now();
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (typeof frame.seq !== "number") return;
      var key = frame.conversation == null ? "chat" : String(frame.conversation);
      var have = known[key];
      if (frame.type === "message") {
        if (have !== undefined && frame.seq > have + 1) resume("gap");
        if (have === undefined || frame.seq > have) known[key] = frame.seq;
      } else if (have !== undefined && frame.seq > have) {
        resume(frame.type === "heartbeat" ? "behind" : "gap");
      } else if (have === undefined && frame.type === "heartbeat") {
        known[key] = frame.seq;
      }
    });

    if (period > 0) {
      timer = setInterval(function () {
        var silent = Date.now() - lastHeard;
        if (silent > 3 * period) {
          // Still nothing after asking: the socket is dead without knowing it; the page reconnects.
          try { socket.close(); } catch (e) { /* already closed */ }
        } else if (silent > 2 * period) {
          resume("missed heartbeat");
        }
      }, 1000);
      socket.addEventListener("close", function () { clearInterval(timer); });
    }
  }

  window.liveGaps = { watch: watch };
})();
