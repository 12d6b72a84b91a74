"""Which variants of a product a phrase names by its option values ("the Pet Bed in large,
polyester, brown", "the E-Reader (7-inch, Wi-Fi + Cellular, 8GB)"): the part of the money checks
that holds a price to the variant named (money.py)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from apps.guardrails.evidence import Evidence, cents
from apps.guardrails.methods import observed_objects
from apps.knowledge.snapshot import KnowledgeSnapshot, VariantPrice

if TYPE_CHECKING:
    from apps.guardrails.topics import KnowledgeIndex

# Option values too common to name a variant on their own.
_GENERIC_VALUES = frozenset({"yes", "no", "none", "other", "standard", "regular", "n/a"})
# Punctuation and hyphens read as spaces, in the values and in the text alike: "7-inch" and
# "7 inch", "Wi-Fi" and "wi fi" name the same value.
_VALUE_PUNCTUATION = re.compile(r"[,;:()\[\]!?/-]|\.(?=\s|$)|\s+")

_VARIANT_VALUES: WeakKeyDictionary[KnowledgeSnapshot, dict[tuple[str, ...], tuple]] = WeakKeyDictionary()


def _plain(text: str) -> str:
    return " ".join(_VALUE_PUNCTUATION.sub(" ", text.lower()).split())


def variant_values(
    knowledge: KnowledgeSnapshot, products: tuple[str, ...]
) -> tuple[list[VariantPrice], list[frozenset[str]], frozenset[str]]:
    """The products' variants, each one's option values that can name it in a sentence (lowercased,
    punctuation as spaces, no generic ones), and all of them; once per snapshot and products."""
    cache = _VARIANT_VALUES.setdefault(knowledge, {})
    if products not in cache:
        variants = [variant for name in products for variant in knowledge.prices.get(name, ())]
        values = []
        for variant in variants:
            own = {_plain(str(v)) for v in variant.options.values()}
            values.append(frozenset(v for v in own if len(v) > 2 and v not in _GENERIC_VALUES))
        cache[products] = (variants, values, frozenset().union(*values))
    return cache[products]


def named_values(text: str, every: frozenset[str]) -> set[str]:
    """The option values a phrase names. A value found only inside a longer one the phrase names is
    not named of its own ("Wi-Fi" inside "Wi-Fi + Cellular")."""
    padded = f" {_plain(text)} "
    found: dict[str, list[tuple[int, int]]] = {}
    for value in every:
        key = f" {value} "
        at = padded.find(key)
        while at >= 0:
            found.setdefault(value, []).append((at, at + len(key)))
            at = padded.find(key, at + 1)
    if len(found) < 2:
        return set(found)

    def inside_longer(value: str, span: tuple[int, int]) -> bool:
        return any(
            len(other) > len(value) and start <= span[0] and span[1] <= end
            for other, spans in found.items()
            for start, end in spans
        )

    return {value for value, spans in found.items() if not all(inside_longer(value, span) for span in spans)}


# The cheapest or dearest of a product's variants: "the cheapest Pet Bed is $X", "our most
# expensive Kettle costs $X" (before the name), "Pet Beds start at $X" (between name and figure).
_LOWEST_BEFORE = re.compile(
    r"\b(?:cheapest|lowest[- ]priced|least expensive|most affordable)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE
)
_HIGHEST_BEFORE = re.compile(
    r"\b(?:most expensive|priciest|dearest|highest[- ]priced)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE
)
_LOWEST_BETWEEN = re.compile(
    r"^\w*\s+(?:(?:start|begin)(?:s|ing)?\s+(?:at|from)|(?:go|are|is)\s+(?:from\s+)?as low as)\s+$",
    re.IGNORECASE,
)


_IN_STOCK = re.compile(r"\b(?:in stock|available|buy now|can order|left)\b", re.IGNORECASE)


def extreme_prices(
    text: tuple[str, str, str], products: tuple[str, ...], index: KnowledgeIndex, evidence: Evidence
) -> tuple[str, set[int]] | None:
    """("cheapest" or "most expensive", the prices that are) when the words before a product's name
    or between it and its figure (text: before, between, the sentence) call the figure its lowest
    or highest price: the catalogue's, the observed variants', or the observed available ones'.
    None when they do not, or when they speak of stock and no variant's stock was observed."""
    before, between, sentence = text
    low = _LOWEST_BEFORE.search(before) or _LOWEST_BETWEEN.match(between)
    high = None if low else _HIGHEST_BEFORE.search(before)
    if not (low or high):
        return None
    stocked = in_stock_prices(evidence)
    available = [stocked[name] for name in products if stocked.get(name)]
    if _IN_STOCK.search(sentence) and not available:
        return None
    observed = evidence.observed.variant_prices
    groups = [set(index.catalogue_cents.get(name, ())) for name in products] + [
        {price for item, price in observed.items() if index.item_product.get(item) == name}
        for name in products
    ]
    pick = min if low else max
    found = {pick(group) for group in groups + available if group}
    return ("cheapest" if low else "most expensive", found) if found else None


_IN_STOCK_SEEN: WeakKeyDictionary[Evidence, dict[str, set[int]]] = WeakKeyDictionary()


def in_stock_prices(evidence: Evidence) -> dict[str, set[int]]:
    """Lowercased product -> the prices of its variants a product's details showed available."""
    found = _IN_STOCK_SEEN.get(evidence)
    if found is None:
        found = {}
        for value in observed_objects((*evidence.observations, *evidence.earlier_observations)):
            variants, name = value.get("variants"), value.get("name")
            if not (isinstance(variants, dict) and isinstance(name, str)):
                continue
            for variant in variants.values():
                price = cents(variant.get("price")) if isinstance(variant, dict) else None
                if price is not None and variant.get("available") is True:
                    found.setdefault(name.lower(), set()).add(price)
        _IN_STOCK_SEEN[evidence] = found
    return found


# A range of prices: "$A-$B", "$A (en dash) $B", "from $A to $B", "between $A and $B", "ranging from $A
# to $B" (never "$A - $B = $C": a spaced hyphen is arithmetic).
_DASH = re.compile(r"(?:-|\s*[\u2013\u2014]\s*)")
_TO_AND = re.compile(r"\s+(?:to|and|through|up to)\s+")
_RANGE_LEAD = re.compile(r"\b(?:from|between|range[sd]?|ranging)\s+(?:from\s+)?\Z", re.IGNORECASE)
_RESULT_AFTER = re.compile(r"\s*(?:=|equals?\b)", re.IGNORECASE)
# A bound, not a price: "every Pet Bed is under $220", "all of them cost at least $180".
_UPPER = re.compile(
    r"\b(?:under|below|less than|no more than|up to|at most|cheaper than)\s+\Z", re.IGNORECASE
)
_LOWER = re.compile(r"\b(?:over|above|more than|at least|no less than)\s+\Z", re.IGNORECASE)
# "just over $360", "a little under $361": a figure rounded, not a bound.
_ROUNDED = re.compile(r"\b(?:just|a (?:little|bit|touch)|slightly)\s+\w+(?:\s+than)?\s+\Z", re.IGNORECASE)


def range_end(answer: str, start: int, figures: list, index: int) -> str | None:
    """ "low" or "high" when the figure at `index` (figures of its sentence, `start` the
    sentence's) is an end of a range of prices; None otherwise."""

    def joined(low: int, high: int) -> bool:
        first, second = figures[low], figures[high]
        between = answer[first.end : second.start]
        if _RESULT_AFTER.match(answer, second.end) or first.cents >= second.cents:
            return False
        if _DASH.fullmatch(between):
            return True
        return bool(_TO_AND.fullmatch(between) and _RANGE_LEAD.search(answer, start, first.start))

    if index + 1 < len(figures) and joined(index, index + 1):
        return "low"
    if index > 0 and joined(index - 1, index):
        return "high"
    return None


def bound_kind(lead: str) -> str | None:
    """ "upper" or "lower" when the words right before a figure make it a bound ("under $220")."""
    if _ROUNDED.search(lead):
        return None
    return "upper" if _UPPER.search(lead) else "lower" if _LOWER.search(lead) else None
