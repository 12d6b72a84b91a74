"""Which variants of a product a phrase names by its option values ("the Pet Bed in large,
polyester, brown", "the E-Reader (7-inch, Wi-Fi + Cellular, 8GB)"): the part of the money checks
that holds a price to the variant named (money.py)."""

from __future__ import annotations

import re
from weakref import WeakKeyDictionary

from apps.knowledge.snapshot import KnowledgeSnapshot, VariantPrice

# Option values too common to name a variant on their own.
_GENERIC_VALUES = frozenset({"yes", "no", "none", "other", "standard", "regular", "n/a"})
# Punctuation and hyphens read as spaces, in the values and in the text alike: "7-inch" and
# "7 inch", "Wi-Fi" and "wi fi" name the same value.
_VALUE_PUNCTUATION = re.compile(r"[,;:()\[\]!?-]|\.(?=\s|$)|\s+")

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
