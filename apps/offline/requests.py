"""Several requests in one message: "cancel #W4135875 and also change my default address to ...",
"yes, and also cancel #W5663445". The message is cut where a new request starts; the first part
is handled now and the others wait in a queue, each to be confirmed on its own."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from apps.offline.fuzzy import correct_typos
from apps.offline.intents import CHANGES, Intent, action_intent
from apps.offline.slots import is_no, is_yes, order_ids

# Where a message may turn to another request: the end of a sentence, or a joining word.
_BOUNDARY = re.compile(
    r"[.;!?]+\s+|,?\s+\b(?:and also|and then|and|also|plus|as well as|then|after that|additionally)\b,?\s+",
    re.IGNORECASE,
)
# "St. Louis", "Apt. 4": a full stop that does not end a sentence.
_ABBREVIATION = re.compile(r"\b(?:st|dr|rd|ave?|ln|ct|no|apt|ste|mr|mrs|ms|blvd|hwy|u\.s)$", re.IGNORECASE)
_ORDER_REFERENCE = re.compile(r"#?\s?[wW]\s?-?\s?\d{7}|#\s?\d{7}")


@dataclass
class _Group:
    start: int
    end: int
    intent: Intent | None
    ids: list[str]
    reply: bool  # a bare yes or no, which a later request does not join


def _intent(segment: str) -> Intent | None:
    plain = correct_typos(segment)
    intent = action_intent(plain, has_order_id=bool(order_ids(segment)))
    return intent if intent in CHANGES else None


def _cuts(text: str) -> list[int]:
    cuts = [0]
    for match in _BOUNDARY.finditer(text):
        full_stop = match.group(0).lstrip()[:1] in ".;!?" or match.group(0)[:1] in ".;!?"
        if full_stop and _ABBREVIATION.search(text[: match.start()]):
            continue
        cuts.append(match.end())
    return [*cuts, len(text)]


def split_requests(text: str) -> list[str]:
    """The message cut into its requests, in order; one element when it holds one request."""
    cuts = _cuts(text)
    groups: list[_Group] = []
    for start, end in itertools.pairwise(cuts):
        piece = text[start:end]
        if not piece.strip():
            continue
        intent, ids = _intent(piece), order_ids(piece)
        last = groups[-1] if groups else None
        if last is None:
            groups.append(
                _Group(start, end, intent, ids, reply=intent is None and (is_yes(piece) or is_no(piece)))
            )
            continue
        joins = (
            intent is None
            or (last.intent is None and not last.reply)
            or (intent == last.intent and (not ids or not last.ids or bool(set(ids) & set(last.ids))))
        )
        if joins:
            last.end = end
            last.intent = last.intent or (None if last.reply else intent)
            last.ids += [i for i in ids if i not in last.ids]
            continue
        groups.append(_Group(start, end, intent, ids, reply=False))
    return [text[g.start : g.end].strip() for g in groups] or [text]


def one_order_each(text: str, intent: Intent | None) -> list[str]:
    """'Cancel #W1 and #W2, I no longer need them' as one request per order (cancellations only:
    an address or item change names one order and maybe another as an example)."""
    ids = order_ids(text)
    if intent != Intent.CANCEL or len(ids) < 2:
        return [text]
    bare = _ORDER_REFERENCE.sub(" ", text)
    return [f"{bare.strip()} {order_id}" for order_id in ids]
