"""Fact topics: which words make a figure a statement about which fact, and the product and
fact index built once per knowledge snapshot."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from apps.knowledge.snapshot import KnowledgeSnapshot

# Fact topics: which words in a clause make a figure a statement about which fact. "primary"
# cues name the topic outright; "weak" ones ("arrive", "delivery") only hint at it.
MONEY_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("restocking-fee", re.compile(r"\brestock", re.I)),
    (
        "return-shipping-fee",
        re.compile(
            r"\breturn (?:shipping|label|postage)|\bsend(?:ing)? (?:\w+ )?back|\bship(?:ping)? (?:\w+ )?back",
            re.I,
        ),
    ),
    ("express-shipping-fee", re.compile(r"\bexpress\b|\bnext[- ]day\b|\bexpedited\b", re.I)),
    ("standard-shipping-fee", re.compile(r"\bshipping\b|\bpostage\b|\bdelivery\b|\bstandard\b", re.I)),
)
THRESHOLD_BEFORE = re.compile(
    r"(?:orders?|purchases?|spend(?:ing)?|baskets?|carts?|totals?|subtotals?)\s+(?:of|over|above|under|below|"
    r"exceeding|from|totall?ing|worth|at or above|reaching)?\s*(?:at least|more than|less than|over|above"
    r"|under|"
    r"below)?\s*$|\b(?:over|above|under|below|at least|more than|less than|exceeding|from)\s*$"
    # Where something starts to apply: "free shipping kicks in at", "starts from", "unlocks at".
    r"|\b(?:kicks? in|starts?|begins?|applies|unlocks?|qualif(?:y|ies)|comes? in) (?:at|from|for|with)\s*$"
    r"|\b(?:once|when|if|after) (?:you|your (?:order|basket|cart|total|subtotal)) "
    r"(?:spend|reach|hit|pass|is|are|come to|(?:reache|hit|passe|exceed|top|goe)s(?: over| above)?|"
    r"gets? (?:to|past|over))\s*$",
    re.IGNORECASE,
)
THRESHOLD_AFTER = re.compile(r"^\s*(?:or more|or above|or over|and (?:up|above|over)|\+)", re.IGNORECASE)
SHIPPING_WORDS = re.compile(r"\b(?:shipping|delivery|postage|standard|express)\b", re.IGNORECASE)
FREE = re.compile(r"\bfree\b|\bthreshold\b|\bminimum\b|\bno shipping (?:fee|charge)", re.IGNORECASE)

# Money going back is a refund however it is worded: "the money goes back to PayPal", "$X is going
# back to your card", "it lands back on your Visa".
_MONEY_BACK = (
    r"|\b(?:money|funds|amount|payment|it)\b[^.;]{0,30}?\b(?:goes|go|going|went|gone|comes?|coming|sent|"
    r"paid|put|lands?|landing) back\b|\bback (?:to|2|on|onto|into|in) (?:your |the )?(?:[\w-]+ ){0,2}?"
    r"(?:card|paypal|visa|mastercard|amex|account|gift ?card)\b"
    # A note's arrow from the money to the method: "$X -> visa 3742", "refund 54.04 -> PayPal".
    r"|(?:->|\u2192)\s*(?:your |the )?(?:card|paypal|visa|mastercard|amex|gift ?card)\b"
)
# Money arriving on a payment method is a refund's arrival: "$X lands on your card", "the money
# hits your PayPal", "posts to your Visa" (never a parcel: the method must follow).
_ARRIVES_ON_METHOD = (
    r"|\b(?:land(?:s|ed|ing)?|arriv\w*|hit(?:s|ting)?|post(?:s|ed|ing)?|reach(?:es|ed)?|show(?:s|n|ing)?|"
    r"reflected)\s+(?:on|in|to|onto)?\s*"
    r"(?:your |the |a )?(?:[\w-]+ ){0,2}?(?:card|paypal|visa|mastercard|amex|account|gift ?card)\b"
)
_REFUND_CUE = re.compile(
    r"\brefund|\bmoney back\b|\bcredited\b|\breimburs|\bshow(?:s)? up\b|\bappear"
    + _MONEY_BACK
    + _ARRIVES_ON_METHOD,
    re.I,
)
_REFUND_BEFORE = re.compile(r"\brefund|\bmoney back\b|\bcredited\b|\breimburs" + _MONEY_BACK, re.I)
# A timing that has the money of the clause before as its subject: "You'll see it in 2-3 days",
# "expect it within 24 hours", "on a gift card it takes 3 days", "the money should land by then".
_ARRIVAL = re.compile(
    r"\b(?:see|get|receive|expect|reach|land|show|appear|arrive|post|hit|clear|reflect|takes?|"
    r"it|them|money|funds|eta)\b",
    re.I,
)
_CARD = re.compile(r"(?<!gift )\bcard\b|\bcredit\b|\bvisa\b|\bmastercard\b|\bamex\b|\bbank\b", re.I)
_PAYPAL = re.compile(r"\bpaypal\b", re.I)
_GIFT = re.compile(r"\bgift ?cards?\b", re.I)
DURATION_TOPICS: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    (
        "return-window-days",
        re.compile(r"\breturn|\bsend (?:\w+ ){0,3}back|\bsent (?:\w+ ){0,3}back|\bmoney-back|\bret\b", re.I),
        True,
    ),
    ("exchange-window-days", re.compile(r"\bexchang|\bexch\b|\bswap", re.I), True),
    ("express-shipping-time", re.compile(r"\bexpress\b|\bexpedited\b", re.I), True),
    # "standard shipping" named outright, so "standard shipping takes 3-5 days and express
    # 1-2" holds each figure to its own fact.
    ("standard-shipping-time", re.compile(r"\bstandard (?:shipping|delivery)\b", re.I), True),
    (
        "order-processing-time",
        re.compile(r"\bprocess|\bdispatch|\bpacked\b|\bship(?:ped|s)? out\b", re.I),
        True,
    ),
    (
        "standard-shipping-time",
        re.compile(
            r"\bstandard\b|\bshipping (?:takes|time)|\bin transit\b|\bdeliver|\barriv|\bshipping\b", re.I
        ),
        False,
    ),
)


def refund_topics(clause: str) -> list[str]:
    """The refund-timing facts a clause speaks about, by payment method."""
    if not _REFUND_CUE.search(clause):
        return []
    return _refund_time_topics(clause, gift=_GIFT, card=_CARD)


def _refund_time_topics(clause: str, *, gift: re.Pattern[str], card: re.Pattern[str]) -> list[str]:
    """The refund-timing facts of the payment methods a refund clause names (all but the gift
    card's when it names none: a refund goes back the way it was paid)."""
    found = []
    if gift.search(clause):
        found.append("refund-time-gift-card")
    if card.search(clause):
        found.append("refund-time-credit-card")
    if _PAYPAL.search(clause):
        found.append("refund-time-paypal")
    return found or ["refund-time-credit-card", "refund-time-paypal"]


_METHOD_NAMED = re.compile(
    r"\bgift ?cards?\b|(?<!gift )\bcard\b|\bcredit\b|\bvisa\b|\bmastercard\b|\bamex\b|\bpaypal\b", re.I
)


def refund_context(clause: str, before: str) -> str:
    """What a timing clause inherits from the answer before it: the payment method named last when
    the clause is about a refund and names none ("The refund should appear within 5-7 days"), or
    the refund itself when the clause names no topic and reads as the arrival of the money the
    clause or sentence before sent back ("...is going back to your card. You'll see it in 2-3
    days"; "...back to PayPal it takes 5-7 days; on a gift card it takes 3 days"). Empty if none."""
    if _REFUND_CUE.search(clause):
        return refund_method_before(clause, before)
    if not _ARRIVAL.search(clause) or any(cue.search(clause) for _, cue, _ in DURATION_TOPICS):
        return ""
    # Only the sentence before and the clauses before in this one.
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(before)]
    recent = before[breaks[-2] if len(breaks) > 1 else 0 :]
    if not _REFUND_BEFORE.search(recent):
        return ""
    own = _METHOD_NAMED.search(clause)
    named = list(_METHOD_NAMED.finditer(recent))
    method = own.group() if own else named[-1].group() if named else ""
    return f"refund {method}".strip()


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")
# A line of a list: a bullet, a number, a quote mark, or a short label before a colon.
_LIST_LINE = re.compile(r"\s*(?:[-*\u2022\u00b7\u2013>]|\d{1,2}[.)]|[^\n:]{1,30}:\s)")


def list_heading(answer: str, line_start: int) -> str:
    """The heading a list line sits under ("Refund timing:" over "- Credit card: 10-14 days"): the
    nearest line before the run of list lines that holds this one, when it ends with a colon."""
    line_start = answer.rfind("\n", 0, line_start + 1) + 1  # "1. PayPal: ..." is cut after "1."
    if line_start == 0 or not _LIST_LINE.match(answer, line_start):
        return ""
    lines = answer[:line_start].rstrip("\n").split("\n")
    for line in reversed(lines[-12:]):
        if line.rstrip().endswith(":"):
            return line.strip()
        if _LIST_LINE.match(line) or not line.strip():
            continue
        return ""
    return ""


def refund_method_before(clause: str, before: str) -> str:
    """For a clause about refund timing that names no payment method ("the refund should appear
    within 5-7 days"): the method the answer named last before it ("refunded to your gift card")."""
    if not _REFUND_CUE.search(clause) or _METHOD_NAMED.search(clause):
        return ""
    named = list(_METHOD_NAMED.finditer(before))
    return named[-1].group() if named else ""


_GENERIC_KEY_WORDS = frozenset(
    {"days", "day", "fee", "time", "window", "rate", "percent", "date", "usd", "amount"}
)


@dataclass(frozen=True)
class KnowledgeIndex:
    """Derived once per snapshot: how products are named and how admin-added facts are cued."""

    product_names: re.Pattern[str] | None
    product_for: dict[str, tuple[str, ...]]  # lowercased mention -> lowercased product names
    fact_cues: dict[str, tuple[re.Pattern[str], ...]]  # key -> every pattern must match (generic facts)
    catalogue_cents: dict[str, frozenset[int]]  # lowercased product name -> its variants' prices
    money_fact_cents: dict[int, str]  # a money fact's value in cents -> its key
    item_product: dict[str, str] = field(default_factory=dict)  # variant item id -> lowercased product
    item_cents: dict[str, int] = field(default_factory=dict)  # variant item id -> its catalogue price
    # lowercased product -> words of its option values -> the option names they belong to
    # ("backpack" -> "laptop" -> {"compartment"}): a word that names an option, not a product.
    option_words: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    # an option value that reads as a time ("8 hours" of battery life) -> the option names and the
    # lowercased products that have it: a figure that is a product's option, not a policy term.
    timed_options: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)


_BUILTIN_TOPICS = frozenset(
    {key for key, _ in MONEY_TOPICS}
    | {key for key, _, _ in DURATION_TOPICS}
    | {"refund-time-gift-card", "refund-time-credit-card", "refund-time-paypal", "free-shipping-threshold"}
)
_TIMED_VALUE = re.compile(r"\d+(?:[.,]\d+)?\s*(?:minutes?|hours?|days?|weeks?|months?|years?)", re.IGNORECASE)
_HEAD_ALIASES = {"bicycle": ("bike", "bikes"), "smartphone": ("phone", "phones"), "t-shirt": ("shirt", "tee")}
_VAGUE_HEADS = frozenset({"set", "kit", "machine", "maker", "bed", "mat", "case"})


def _trie(forms: Iterable[str]) -> str:
    """One alternation for many names, as a trie of their characters ("s(?:hirts?|mart...)"): the
    regex engine tries one branch per letter instead of every name at every word start, several
    times faster on a hundred product names. A space in a name matches a space, a hyphen or
    nothing ("t shirt", "t-shirt", "tshirt")."""
    root: dict[str, dict] = {}
    for form in forms:
        node = root
        for char in form.lower():
            node = node.setdefault(r"[\s-]?" if char == " " else re.escape(char), {})
        node[""] = {}  # a name ends here

    def emit(node: dict[str, dict]) -> str:
        branches = [atom + emit(child) for atom, child in node.items() if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        # Longer names first (the optional part is greedy), as the plain alternation sorted them.
        return body + "?" if len(body) == 1 else f"(?:{body})?"

    return emit(root)


@lru_cache(maxsize=8)
def knowledge_index(snapshot: KnowledgeSnapshot) -> KnowledgeIndex:
    mentions: dict[str, set[str]] = {}
    for name in snapshot.prices:
        spaced = name.replace("-", " ")
        forms = {name, spaced, name.replace("-", "")}
        if not spaced.endswith("s"):
            forms.add(spaced + "s")  # "Pet Beds", "Water Bottles"
        head = spaced.split()[-1]
        if head not in _VAGUE_HEADS and len(head) > 3:
            forms.update({head, head + "s" if not head.endswith("s") else head})
        forms.update(_HEAD_ALIASES.get(name, ()))
        for form in forms:
            mentions.setdefault(form, set()).add(name)
    pattern = re.compile(rf"\b(?:{_trie(mentions)})\b", re.IGNORECASE) if mentions else None
    cues: dict[str, tuple[re.Pattern[str], ...]] = {}
    for key, fact in snapshot.facts.items():
        if key in _BUILTIN_TOPICS or fact.kind not in ("money", "duration", "percentage", "date"):
            continue
        words = [w for w in key.split("-") if w not in _GENERIC_KEY_WORDS and not w.isdigit() and len(w) > 2]
        if words:
            cues[key] = tuple(re.compile(rf"\b{re.escape(w[:5])}", re.IGNORECASE) for w in words)
    product_for = {
        mention.lower().replace("-", " "): tuple(sorted(names)) for mention, names in mentions.items()
    }
    catalogue = {
        name: frozenset(int(v.price * 100) for v in variants) for name, variants in snapshot.prices.items()
    }
    money_facts: dict[int, str] = {}
    for key, fact in snapshot.facts.items():
        if fact.kind == "money" and fact.number is not None:
            money_facts.setdefault(int(fact.number * 100), key)
    item_product: dict[str, str] = {}
    item_cents: dict[str, int] = {}
    option_words: dict[str, dict[str, set[str]]] = {}
    timed: dict[str, tuple[set[str], set[str]]] = {}
    for name, variants in snapshot.prices.items():
        for variant in variants:
            item_product[variant.item_id] = name
            item_cents[variant.item_id] = int((variant.price * 100).to_integral_value())
            for option, value in variant.options.items():
                if _TIMED_VALUE.fullmatch(str(value).strip()):
                    names, products = timed.setdefault(" ".join(str(value).lower().split()), (set(), set()))
                    names.add(str(option).lower())
                    products.add(name)
                for word in re.findall(r"[a-z]+", str(value).lower()):
                    if word in product_for or word.rstrip("s") in product_for:
                        option_words.setdefault(name, {}).setdefault(word, set()).add(str(option).lower())
    return KnowledgeIndex(
        product_names=pattern,
        product_for=product_for,
        fact_cues=cues,
        catalogue_cents=catalogue,
        money_fact_cents=money_facts,
        item_product=item_product,
        item_cents=item_cents,
        option_words={
            name: {word: frozenset(keys) for word, keys in words.items()}
            for name, words in option_words.items()
        },
        timed_options={
            value: (frozenset(names), frozenset(products)) for value, (names, products) in timed.items()
        },
    )


def mention_products(index: KnowledgeIndex, mention: str) -> tuple[str, ...]:
    key = re.sub(r"[\s-]+", " ", mention.lower()).strip()
    if key in index.product_for:
        return index.product_for[key]
    return index.product_for.get(key.replace(" ", ""), ())


# The same topics in Spanish, French and German, for durations: a refund timing by method, else
# the return and exchange windows, shipping times and processing.
_FOREIGN_REFUND = re.compile(r"reembols|rembours|erstatt|r[üu]ckzahl|gutschrift|gutgeschrieben", re.I)
_FOREIGN_GIFT = re.compile(r"tarjeta (?:de )?regalo|carte[- ]cadeau|gutschein|geschenkkarte", re.I)
_FOREIGN_CARD = re.compile(
    r"tarjeta(?! (?:de )?regalo)|carte (?:bancaire|de cr[ée]dit)|kreditkarte|\bkarte\b|\bvisa\b|mastercard",
    re.I,
)
_FOREIGN_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "return-window-days",
        re.compile(r"devol|retour|retourn|renvo|r[üu]cksend|zur[üu]cksend|r[üu]ckgabe", re.I),
    ),
    ("exchange-window-days", re.compile(r"cambi|[ée]chang|umtausch|austausch", re.I)),
    ("express-shipping-time", re.compile(r"expr[eé]s|\bexpress", re.I)),
    (
        "standard-shipping-time",
        re.compile(r"est[áa]ndar|standard|\benv[íi]o|livraison|versand|lieferung", re.I),
    ),
    ("order-processing-time", re.compile(r"procesa|traitement|trait[ée]|pr[ée]par|bearbeit", re.I)),
)


# A topic named after "after" is a point in time, not the subject: "la livraison express prend 3 à
# 5 jours après le traitement", "nach der Bearbeitung", "después de procesar el pedido".
_FOREIGN_AFTER = re.compile(
    r"\b(?:apr[èe]s|nach|despu[ée]s de|tras|d[èe]s|ab|une fois)\s+(?:(?:le|la|les|l'|el|los|las|der|dem|den|"
    r"die|das|du|de|des|del|ihrer|votre|su)\s*)*[\w\u00c0-\u017f]+",
    re.IGNORECASE,
)


def foreign_duration_topics(clause: str) -> list[str]:
    """The duration facts a clause in Spanish, French or German speaks about, the most specific
    one named as the subject first; empty if none."""
    if _FOREIGN_REFUND.search(clause):
        return _refund_time_topics(clause, gift=_FOREIGN_GIFT, card=_FOREIGN_CARD)
    subject = _FOREIGN_AFTER.sub(" ", clause)
    found = [key for key, cue in _FOREIGN_TOPICS if cue.search(subject)] or [
        key for key, cue in _FOREIGN_TOPICS if cue.search(clause)
    ]
    if "express-shipping-time" in found and "standard-shipping-time" in found:
        # "livraison express": "livraison" alone would name standard shipping.
        found.remove("standard-shipping-time")
    return found
