/* supportagent chat loader: one script tag puts a chat button on any page.

     <script src="https://SUPPORT-HOST/embed/chat.js" data-site="SITE-KEY"
             data-identity="CUSTOMER-ID-OR-EMAIL" data-expires="UNIX-SECONDS"
             data-signature="HMAC-SHA256-HEX" data-color="#2563eb" data-label="Chat with us" async></script>

   The chat runs in an iframe served by the support host, so the page and the chat cannot read
   each other; the support host only lets the site's allowed origins frame it. data-identity,
   data-expires and data-signature are optional: the site's server signs the customer's id (or
   email) and a near expiry time with the site's secret, and the chat starts as that customer. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__supportagentChat) return;
  window.__supportagentChat = true;
  var base = new URL(script.src, location.href).origin;
  var data = script.dataset;
  var colour = /^#[0-9a-fA-F]{6}$/.test(data.color || "") ? data.color : "#1f5fbf";

  var params = new URLSearchParams({ site: data.site || "" });
  if (data.identity && data.signature) {
    params.set("identity", data.identity);
    params.set("signature", data.signature);
    if (data.expires) params.set("expires", data.expires);
  }
  if (data.color) params.set("color", data.color);

  var button = document.createElement("button");
  button.type = "button";
  button.textContent = data.label || "Chat with us";
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", "supportagent-chat-frame");
  button.style.cssText = "position:fixed;right:20px;bottom:20px;z-index:2147483000;padding:12px 18px;border:0;border-radius:999px;" +
    "font:600 15px/1.2 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#fff;background:" + colour + ";" +
    "box-shadow:0 6px 18px rgba(0,0,0,.2);cursor:pointer";

  var frame = null;
  function open() {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.id = "supportagent-chat-frame";
      frame.title = "Support chat";
      frame.src = base + "/embed/frame/?" + params.toString();
      frame.setAttribute("allow", "clipboard-write");
      frame.style.cssText = "position:fixed;right:20px;bottom:80px;z-index:2147483000;width:min(400px,calc(100vw - 40px));" +
        "height:min(620px,calc(100vh - 110px));border:1px solid rgba(0,0,0,.12);border-radius:16px;background:#fff;" +
        "box-shadow:0 12px 32px rgba(0,0,0,.22)";
      document.body.appendChild(frame);
    }
    frame.hidden = false;
    button.setAttribute("aria-expanded", "true");
    button.textContent = "Close chat";
  }
  function close() {
    if (frame) frame.hidden = true;
    button.setAttribute("aria-expanded", "false");
    button.textContent = data.label || "Chat with us";
  }
  button.addEventListener("click", function () { if (frame && !frame.hidden) close(); else open(); });

  function mount() { document.body.appendChild(button); }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
