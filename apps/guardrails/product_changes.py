"""An item change told by its product: the agent changed a product the sentence names ("I've
updated the Air Purifier in your order", "we swapped your Desk Lamp"), or names it as the subject
of a passive change ("the lamp and bottle were changed"). The product is the thing changed, so
the claim is the item family's, held to the products the calls changed (by their variant ids)
like every item claim. English; the other languages' item changes are read by
patterns/actions_intl.py."""

from __future__ import annotations

import re
from collections.abc import Iterator

from apps.guardrails.patterns.claims import FAMILY_STATUS, FAMILY_TOOLS, ActionPattern

# The agent, a verb of changing, a determiner and at most two modifiers, then the product.
_CHANGED_PRODUCT = re.compile(
    r"\b(?:I|we)(?:['\u2019]ve| have)?(?:\s+(?:just|now|also|already|successfully))*\s+"
    r"(?:updated|changed|switched|swapped|modified|replaced|upgraded|exchanged|amended|adjusted)\s+"
    r"(?:the|your|that|this)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# The product as the subject of a passive change: "the lamp and bottle were changed", "your Desk
# Lamp on #W... has been swapped" (not "replaced by a newer model", the catalogue's doing).
_PRODUCT_CHANGED = re.compile(
    r"(?:\s+(?:on|in|from)\s+(?:(?:your\s+)?order\s+)?#?\s?W\d{7})?\s+(?:has|have|had|'s|was|were|got)\s+"
    r"(?:(?:both|all|each|now|just|already|successfully)\s+)?(?:been\s+)?"
    r"(?:updated|changed|switched|swapped|modified|replaced|upgraded|amended|adjusted)\b(?!\s+by\b)",
    re.IGNORECASE,
)
_ITEMS = ActionPattern(
    "items", FAMILY_TOOLS["items"], _CHANGED_PRODUCT, FAMILY_STATUS.get("items", frozenset())
)


def product_changes(
    answer: str, sentence: tuple[int, int], mentions: list[tuple[int, int, tuple[str, ...]]]
) -> Iterator[tuple[ActionPattern, re.Match[str]]]:
    """The item change a sentence reports by naming the product the agent changed."""
    for start, end, _names in mentions:
        match = _CHANGED_PRODUCT.search(
            answer, max(sentence[0], start - 80), start
        ) or _PRODUCT_CHANGED.match(answer, end, sentence[1])
        if match is not None:
            yield _ITEMS, match
            return
