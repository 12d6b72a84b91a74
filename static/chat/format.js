/* Light formatting of chat messages, as apps/web/formatting.py does on the server: paragraphs,
   "- " / "1. " lists and **bold**. Built with DOM nodes and textContent only, so no text a
   message carries can ever become markup. Exposes window.chatFormat(text) -> DocumentFragment. */
(function () {
  "use strict";
  var BULLET = /^\s*[-*•]\s+(.*)$/, NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/, BOLD = /\*\*(?=\S)(.+?)(?<=\S)\*\*/g;

  function inline(parent, line) {
    var last = 0, match;
    BOLD.lastIndex = 0;
    while ((match = BOLD.exec(line)) !== null) {
      if (match.index > last) parent.appendChild(document.createTextNode(line.slice(last, match.index)));
      var strong = document.createElement("strong");
      strong.textContent = match[1];
      parent.appendChild(strong);
      last = BOLD.lastIndex;
    }
    if (last < line.length) parent.appendChild(document.createTextNode(line.slice(last)));
  }

  window.chatFormat = function (text) {
    var fragment = document.createDocumentFragment();
    var paragraph = null, list = null, kind = "";
    function endList() { list = null; kind = ""; }
    String(text || "").split(/\r?\n/).forEach(function (line) {
      var bullet = BULLET.exec(line), numbered = bullet ? null : NUMBERED.exec(line);
      var match = bullet || numbered;
      if (match) {
        paragraph = null;
        var thisKind = bullet ? "ul" : "ol";
        if (!list || kind !== thisKind) { list = document.createElement(thisKind); kind = thisKind; fragment.appendChild(list); }
        var li = document.createElement("li");
        inline(li, match[1]);
        list.appendChild(li);
      } else if (!line.trim()) {
        endList(); paragraph = null;
      } else {
        endList();
        if (paragraph) paragraph.appendChild(document.createElement("br"));
        else { paragraph = document.createElement("p"); fragment.appendChild(paragraph); }
        inline(paragraph, line);
      }
    });
    return fragment;
  };
})();
