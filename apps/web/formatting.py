"""Light formatting of chat messages: bullet and numbered lists, **bold**, line breaks.

The text is escaped first and only our own tags are added afterwards, so nothing a message
says can become markup. static/chat/format.js does the same in the browser for live messages
(keep the two in step).
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")


def _inline(line: str) -> str:
    return _BOLD.sub(r"<strong>\1</strong>", escape(line))


def message_html(text: str) -> SafeString:
    """The message as safe HTML: paragraphs, <ul>/<ol> lists and <strong>, nothing else."""
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    kind = ""

    def flush_paragraph() -> None:
        if paragraph:
            blocks.append("<p>" + "<br>".join(paragraph) + "</p>")
            paragraph.clear()

    def flush_list() -> None:
        nonlocal kind
        if items:
            blocks.append(f"<{kind}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{kind}>")
            items.clear()
        kind = ""

    for line in (text or "").splitlines():
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        match, this_kind = (bullet, "ul") if bullet else ((numbered, "ol") if numbered else (None, ""))
        if match is not None:
            flush_paragraph()
            if kind and kind != this_kind:
                flush_list()
            kind = this_kind
            items.append(_inline(match.group(1)))
        elif not line.strip():
            flush_list()
            flush_paragraph()
        else:
            flush_list()
            paragraph.append(_inline(line))
    flush_list()
    flush_paragraph()
    return mark_safe("".join(blocks))  # noqa: S308 (every piece of text was escaped above)
