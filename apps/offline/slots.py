"""Slot extraction: the facts a customer message carries (order ids, identity, yes or no,
a cancellation reason, a refund preference, which items). Plain regular expressions, on
purpose: the offline engine must be predictable, and every rule here can be read and tested.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from apps.offline.fuzzy import close_enough
from apps.routing.confirmations import is_explicit_yes

# "#W1234567", "W1234567", "w 1234567", "#1234567", "order 1234567", "order no. 1234567"
_ORDER_ID = re.compile(
    r"(?<![A-Za-z0-9])#?\s?[wW]\s?-?\s?(\d{7})(?!\d)"
    r"|(?<![\w#])#\s?(\d{7})(?!\d)"
    r"|\border\s*(?:number|no\.?|id)?\s*[:#]?\s*(\d{7})(?!\d)",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_ZIP = re.compile(r"(?<![\d#wW])(\d{5})(?:-\d{4})?(?!\d)")
_NAME_INTRO = re.compile(
    r"\b(?:my name is|name is|name's|i am|i'm|this is|it's|it is|name:)\s+"
    r"([A-Za-z][A-Za-z'-]+)\s+([A-Za-z][A-Za-z'-]+)",
    re.IGNORECASE,
)
_NAME_FILLER = frozenset(
    """and my is zip code postal postcode name i im am live in at it its the hi hello hey yes sure ok okay
    please thanks this first last of for me with""".split()  # noqa: SIM905 - a word block reads best
)

_NO = re.compile(
    r"^\s*(?:no(?! longer)|nope|nah|n|don'?t|do not|stop|wait|hold on|hang on|never ?mind|not now|not yet)\b"
    r"|\b(?:cancel that|don'?t do (?:it|that)|do not do|changed my mind|leave it)\b",
    re.IGNORECASE,
)

_MISTAKE = re.compile(
    r"mistake|accident|by error|in error|wrong (?:order|item|thing|product|one)|didn'?t mean|"
    r"did not mean|ordered (?:it )?twice|duplicate|double order",
    re.IGNORECASE,
)
_NOT_NEEDED = re.compile(
    r"no longer|don'?t need|do not need|not needed|no need|needn'?t|changed my mind|don'?t want|"
    r"do not want|found (?:it )?(?:cheaper|elsewhere|somewhere)|not necessary|won'?t need",
    re.IGNORECASE,
)

_ALL_ITEMS = re.compile(
    r"\b(?:all|everything|every item|whole order|entire order|the lot|both|all of (?:it|them))\b",
    re.IGNORECASE,
)
_EXCEPT = re.compile(r"\b(?:except|but not|other than|apart from|besides|excluding)\b", re.IGNORECASE)
# Words of product names too general to pick an item on their own.
_GENERIC = frozenset({"set", "kit", "smart", "electric", "portable", "wireless", "digital", "the"})


@dataclass
class Reading:
    """What one customer message says, before the policy decides what it means."""

    text: str
    plain: str = ""  # the text with typos in support words put right, for the rules to read
    order_ids: list[str] = field(default_factory=list)
    email: str | None = None
    name_zip: tuple[str, str, str] | None = None
    yes: bool = False
    no: bool = False
    reason: str | None = None
    refund: str | None = None


def order_ids(text: str) -> list[str]:
    """Order ids in the order mentioned, normalised to '#W1234567'."""
    found: list[str] = []
    for match in _ORDER_ID.finditer(text):
        digits = next(group for group in match.groups() if group)
        order_id = f"#W{digits}"
        if order_id not in found:
            found.append(order_id)
    return found


def without_order_ids(text: str) -> str:
    return _ORDER_ID.sub(" ", text)


def email(text: str) -> str | None:
    match = _EMAIL.search(text)
    return match.group(0) if match else None


def name_and_zip(text: str) -> tuple[str, str, str] | None:
    """(first name, last name, zip) when the message gives a name and a five-digit zip code."""
    cleaned = without_order_ids(text)
    zip_match = _ZIP.search(cleaned)
    if zip_match is None:
        return None
    rest = cleaned[: zip_match.start()] + " " + cleaned[zip_match.end() :]
    intro = _NAME_INTRO.search(rest)
    if intro and intro.group(1).lower() not in _NAME_FILLER and intro.group(2).lower() not in _NAME_FILLER:
        return intro.group(1).capitalize(), intro.group(2).capitalize(), zip_match.group(1)
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", rest) if w.lower() not in _NAME_FILLER]
    capitalised = [w for w in words if w[0].isupper()]
    names = capitalised if len(capitalised) >= 2 else words
    if len(names) < 2 or len(words) > 3:
        return None  # a sentence with a number in it, not a name and a zip code
    return names[0].capitalize(), names[1].capitalize(), zip_match.group(1)


def is_yes(text: str) -> bool:
    # The gate's own test, so the engine never sends a call the gate would refuse.
    return is_explicit_yes(text)


def is_no(text: str) -> bool:
    return bool(_NO.search(text.strip())) and not is_yes(text)


def cancel_reason(text: str) -> str | None:
    """One of the two reasons the store accepts, or None."""
    if _MISTAKE.search(text):
        return "ordered by mistake"
    if _NOT_NEEDED.search(text):
        return "no longer needed"
    return None


def refund_preference(text: str) -> str | None:
    """'gift_card_<id>', 'gift_card', 'original', 'paypal' or 'credit_card', as the customer said."""
    lowered = text.lower()
    named = re.search(r"(?:gift_card|credit_card|paypal)_\d+", lowered)
    if named:
        return named.group(0)
    if re.search(r"gift\s?card|store credit", lowered):
        return "gift_card"
    if re.search(r"original|same (?:card|method|way|account)|how i paid|where it came from", lowered):
        return "original"
    if "paypal" in lowered:
        return "paypal"
    if re.search(r"credit card|\bcard\b|visa|mastercard|amex|discover", lowered):
        return "credit_card"
    return None


def read(text: str, plain: str | None = None) -> Reading:
    """What the message says. Ids, emails, names and the yes are read from the text as written
    (the yes exactly as the confirmation gate reads it); the rest from `plain`, the text with
    its typos put right."""
    plain = text if plain is None else plain
    return Reading(
        text=text,
        plain=plain,
        order_ids=order_ids(text),
        email=email(text),
        name_zip=name_and_zip(text),
        yes=is_yes(text),
        no=is_no(plain),
        reason=cancel_reason(plain),
        refund=refund_preference(plain),
    )


# --- items -------------------------------------------------------------------------------


def _singular(word: str) -> str:
    if word == "mice":
        return "mouse"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us")) and len(word) > 3:
        return word[:-1]
    return word


def item_words(text: str) -> set[str]:
    lowered = re.sub(r"\bt[\s-]?shirts?\b|\btees?\b", "tshirt", text.lower())
    lowered = re.sub(r"\be[\s-]?readers?\b", "ereader", lowered)
    return {_singular(word) for word in re.findall(r"[a-z0-9]+", lowered)}


def _name_words(item: dict[str, Any], *, distinctive: bool = True) -> set[str]:
    words = {w for w in item_words(str(item.get("name", ""))) if len(w) > 2}
    return words - _GENERIC if distinctive else words


def _option_words(item: dict[str, Any]) -> set[str]:
    options = item.get("options") or {}
    return set().union(*(item_words(str(value)) for value in options.values())) if options else set()


@dataclass(frozen=True)
class ItemMatch:
    """Positions in the order's item list the customer picked, and groups they left ambiguous."""

    selected: list[int]
    ambiguous: list[list[int]]


def _with_typos_forgiven(words: set[str], items: Sequence[dict[str, Any]]) -> set[str]:
    """The words, plus the product-name word each misspelt one stands for ('sneekers')."""
    names = set().union(*(_name_words(item, distinctive=False) for item in items)) if items else set()
    extra = {match for word in words - names if (match := close_enough(word, names))}
    return words | extra


def _each_mention(text: str, name: str, positions: list[int], items: Sequence[dict[str, Any]]) -> list[int]:
    """The item each mention of a product names by its options, when the text names the product
    more than once ("the earbuds with 6 hours battery and the earbuds with 4 hours"); [] when a
    mention fits two of them equally."""
    lowered = text.lower()
    starts = [m.start() for m in re.finditer(re.escape(name.lower()), lowered)]
    if len(starts) < 2:
        return []
    picked: set[int] = set()
    for start, end in zip(starts, [*starts[1:], len(lowered)], strict=True):
        words = item_words(lowered[start:end])
        scores = {p: len(_option_words(items[p]) & words) for p in positions}
        top = max(scores.values())
        best = {str(items[p].get("item_id")) for p in positions if scores[p] == top}
        if not top:
            continue  # "the earbuds" on its own: this mention says nothing of which
        if len(best) > 1:
            return []
        picked.update(p for p in positions if scores[p] == top)
    return sorted(picked) if len({items[p].get("item_id") for p in picked}) > 1 else []


def _units(text: str, name: str, positions: list[int]) -> list[int]:
    """Of several units of the same item, all when the customer says so ("the water bottles",
    "both"); one when they name it in the singular ("the water bottle")."""
    if len(positions) < 2 or not text:
        return positions
    last = re.escape(name.lower().split()[-1]) if name.strip() else "$^"
    plural = re.search(rf"\b(?:both|all|two|three|each|every)\b|\b{last}(?:s|es)\b", text.lower())
    return positions if plural else positions[:1]


def _named(words: set[str], items: Sequence[dict[str, Any]], text: str = "") -> ItemMatch:
    words = _with_typos_forgiven(words, items)
    groups: dict[str, list[int]] = {}
    hits: dict[str, set[str]] = {}
    for position, item in enumerate(items):
        hit = _name_words(item) & words
        if hit:
            name = str(item.get("name"))
            groups.setdefault(name, []).append(position)
            hits[name] = hit
    # Products that share the word the customer used ("kettle": Electric Kettle, Tea Kettle)
    # compete; the one whose name they gave more of wins, a tie is a question to ask.
    score = {name: len(_name_words(items[groups[name][0]], distinctive=False) & words) for name in groups}
    selected: list[int] = []
    ambiguous: list[list[int]] = []
    for name, positions in groups.items():
        rivals = [other for other in groups if hits[other] & hits[name]]
        best = max(score[other] for other in rivals)
        tied = [other for other in rivals if score[other] == best]
        if score[name] < best:
            continue
        lowered = text.lower()
        if len(tied) > 1 and lowered and all(other.lower() in lowered for other in tied):
            tied = [name]  # each named in full ("the tea kettle and the electric kettle"): all meant
        if len(tied) > 1:
            together = sorted(p for other in tied for p in groups[other])
            if together not in ambiguous:
                ambiguous.append(together)
            continue
        if len({items[p].get("item_id") for p in positions}) > 1 and (
            each := _each_mention(text, name, positions, items)
        ):
            selected.extend(each)
            continue
        if len({items[p].get("item_id") for p in positions}) > 1:
            options = {p: len(_option_words(items[p]) & words) for p in positions}
            top = max(options.values())
            positions = [p for p in positions if options[p] == top] if top else positions
        if len({items[p].get("item_id") for p in positions}) > 1:
            ambiguous.append(positions)
        else:
            selected.extend(_units(text, name, positions))
    return ItemMatch(sorted(selected), ambiguous)


def match_items(text: str, items: Sequence[dict[str, Any]]) -> ItemMatch:
    """Which of an order's items the text names: by product name, narrowed by option words."""
    if not text.strip() or not items:
        return ItemMatch([], [])
    if _ALL_ITEMS.search(text):
        exception = _EXCEPT.search(text)
        if exception is None:
            return ItemMatch(list(range(len(items))), [])
        left_out = _named(item_words(text[exception.end() :]), items)
        if left_out.ambiguous:
            return ItemMatch([], left_out.ambiguous)
        return ItemMatch([p for p in range(len(items)) if p not in left_out.selected], [])
    return _named(item_words(without_order_ids(text)), items, without_order_ids(text))
