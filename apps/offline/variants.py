"""Which variant of a product the customer wants instead of the one they have.

"Swap the sneakers for size 10", "the white one", "I'd prefer the polyster version": the
option values of the product's variants that the text names (typos forgiven) are laid over
the options of the item the customer has, and the available variant that matches them and
keeps the most of the rest is the one. Short values ("M", "10") count only next to their
option's name ("size M", "size 10"), so "I'm" is not a size.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from apps.offline.fuzzy import close_enough

_VAGUE = frozenset({"yes", "no", "none", "on", "off", "one", "all"})
_TOKEN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")
# Where the customer starts describing what they want instead.
_TARGET = re.compile(r"\b(?:for|to|into|with|instead|prefer|rather|want|get|in)\b", re.IGNORECASE)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("-", " "))


@dataclass(frozen=True)
class Choice:
    """The variant picked for one item, or why none could be."""

    variant: Mapping[str, Any] | None = None
    wanted: dict[str, str] = field(default_factory=dict)  # the options the customer named
    problem: str = ""  # "unnamed" | "unavailable" | "ambiguous" | "same"
    options: list[Mapping[str, Any]] = field(default_factory=list)  # what they could pick from


def _marker(number: int) -> str:
    """The word an option's name is replaced with in the text (`optkey0`, `optkey1`, ...)."""
    return f"optkey{number}"


def _mentioned(value: str, marker: str, words: Sequence[str], exact: frozenset[str] = frozenset()) -> int:
    """Where in `words` the value is named (index of its first word), or -1. A value right
    after another option's name is that option's ("frame color black, lens color brown":
    black is not the lens color), and a short value counts only after its own option's name."""
    value_words = tokens(value)
    if not value_words:
        return -1
    size = len(value_words)
    short = len(value) <= 2 or value.lower() in _VAGUE
    for start in range(len(words) - size + 1):
        before = words[start - 1] if start else ""
        if before.startswith("optkey") and before != marker:
            continue
        window = words[start : start + size]
        # A word that is itself a value or a word of the product's name is not a typo of another
        # value ("high-back" is not "black", "umbrella" is not "sunbrella").
        same = all(
            w == v or (v.isalpha() and w not in exact and close_enough(w, [v]) is not None)
            for w, v in zip(window, value_words, strict=True)
        )
        if not same:
            continue
        if short and before not in (marker, "size"):
            continue
        return start
    return -1


def wanted_options(
    text: str, variants: Sequence[Mapping[str, Any]], current: Mapping[str, Any], name: str = ""
) -> dict[str, str]:
    """The option values the text asks for, one per option name; later mentions win, and of a
    value the customer has and one they do not, the new one."""
    # The options' own names ("bagged/bagless", "color") are not values the customer picked.
    values_text = " ".join(str(x).lower() for v in variants for x in (v.get("options") or {}).values())
    keys = sorted({str(k) for v in variants for k in (v.get("options") or {})}, key=len, reverse=True)
    markers = {key: _marker(number) for number, key in enumerate(keys)}
    for key in keys:
        if key.lower() in values_text:
            markers[key] = "optkey"  # "size" in "full size": masking it would hide the value
            continue
        text = re.sub(rf"(?<!\w){re.escape(key)}(?!\w)", f" {markers[key]} ", text, flags=re.IGNORECASE)
    words = tokens(text)
    exact = frozenset(
        tokens(" ".join(str(x) for v in variants for x in (v.get("options") or {}).values())) + tokens(name)
    )
    target = _TARGET.search(text)
    target_at = len(tokens(text[: target.start()])) if target else 0
    values: dict[str, set[str]] = {}
    for variant in variants:
        for key, value in (variant.get("options") or {}).items():
            values.setdefault(str(key), set()).add(str(value))
    wanted: dict[str, str] = {}
    for key, choices in values.items():
        found = [
            (position, value)
            for value in choices
            if (position := _mentioned(value, markers.get(key, "optkey"), words, exact)) >= 0
        ]
        # A value inside a longer one named at the same place is not named ("Wi-Fi" in
        # "Wi-Fi + Cellular").
        found = [
            (position, value)
            for position, value in found
            if not any(
                other != value
                and at <= position
                and position + len(tokens(value)) <= at + len(tokens(other))
                and len(tokens(other)) > len(tokens(value))
                for at, other in found
            )
        ]
        if not found:
            continue
        # A longer value that contains a shorter one ("1.5L" and "5L") wins.
        found.sort(key=lambda pair: (pair[0] >= target_at, str(current.get(key)) != pair[1], pair[0]))
        wanted[key] = found[-1][1]
    return wanted


def choose_variant(text: str, product: Mapping[str, Any], item: Mapping[str, Any]) -> Choice:
    """The available variant of `product` the text asks for in place of `item`."""
    variants = list((product.get("variants") or {}).values())
    current = item.get("options") or {}
    wanted = wanted_options(text, variants, current, str(product.get("name") or item.get("name") or ""))
    changes = {k: v for k, v in wanted.items() if str(current.get(k)) != v}
    available = [v for v in variants if v.get("available") and v.get("item_id") != item.get("item_id")]
    if not changes:
        same = [v for v in variants if v.get("item_id") == item.get("item_id")]
        if same and current and len(wanted) == len(current):
            # Every option named, all as they are: the customer wants the same item again.
            return Choice(variant=same[0], wanted=wanted)
        return Choice(wanted=wanted, problem="unnamed", options=available)
    fits = [v for v in variants if all(str((v.get("options") or {}).get(k)) == w for k, w in wanted.items())]
    fits = [v for v in fits if v.get("item_id") != item.get("item_id")]
    in_stock = [v for v in fits if v.get("available")]
    if not in_stock:
        return Choice(wanted=wanted, problem="unavailable", options=available)

    def kept(variant: Mapping[str, Any]) -> int:
        options = variant.get("options") or {}
        return sum(1 for k, v in current.items() if k not in wanted and options.get(k) == v)

    best = max(kept(v) for v in in_stock)
    top = [v for v in in_stock if kept(v) == best]
    if len(top) > 1:
        return Choice(wanted=wanted, problem="ambiguous", options=top)
    return Choice(variant=top[0], wanted=wanted)


def distinguishing(options: Sequence[Mapping[str, Any]]) -> list[str]:
    """The option names whose values differ between these variants."""
    keys: list[str] = []
    for variant in options:
        for key in variant.get("options") or {}:
            if key not in keys:
                keys.append(key)
    return [k for k in keys if len({str((v.get("options") or {}).get(k)) for v in options}) > 1]


def describe(options: Mapping[str, Any], keys: Sequence[str] | None = None) -> str:
    """'size 10, color white' for the named option keys (all of them by default)."""
    chosen = keys if keys is not None else list(options)
    return ", ".join(f"{key} {options[key]}" for key in chosen if key in options)
