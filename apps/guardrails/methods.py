"""Payment methods as an answer names them ("your PayPal account", "the gift card", "your Visa
ending in 1234") and as the conversation knows them (the `payment_methods` of an observed
customer): a payment change is backed only by a call to a method the sentence could mean."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from apps.guardrails.evidence import Evidence, order_key
from apps.guardrails.patterns.text import ORDER_REF
from apps.guardrails.settlements import SETTLING_TOOLS

# Kind of method -> what names it, in the four languages read.
_KINDS = (
    ("paypal", re.compile(r"\bpaypal\b", re.I)),
    (
        "gift_card",
        re.compile(
            r"\bgift ?cards?\b|\btarjeta (?:de )?regalo\b|\bcarte[- ]cadeau\b|\bgutschein|geschenkkarte", re.I
        ),
    ),
    (
        "credit_card",
        re.compile(
            r"(?<!gift )\b(?:credit|debit|bank) ?card\b|\bcard on file\b|\bcard you paid with\b|\bvisa\b|"
            r"\bmastercard\b|\bamex\b|\bamerican express\b|\bdiscover card\b"
            r"|\btarjeta(?! (?:de )?regalo)(?: de cr[ée]dito)?\b"
            r"|\bcarte (?:bancaire|de cr[ée]dit)\b|\bkreditkarte\b",
            re.I,
        ),
    ),
)
_CARD = re.compile(
    r"(?<!gift )\bcard\b|\btarjeta\b(?! (?:de )?regalo)|\bcarte\b(?![- ]cadeau)|(?<!geschenk)karte\b", re.I
)
_BRANDS = re.compile(r"\b(visa|mastercard|amex|american express|discover)\b", re.I)
_LAST_FOUR = re.compile(
    r"\b(?:ending(?: in| with)?|ends in|last (?:four|4)(?: digits)?|terminada en|se terminant par|"
    r"finissant par|endet auf|endend auf|mit der endung|endung)\W{0,3}(\d{4})\b"
    # A masked number in notes: "visa x3742", "card ****3742", "Visa ...3742".
    r"|(?:\bx{1,4}|[*\u2022]{1,16}|\.{2,4}|\u2026)[\s-]?(\d{4})\b",
    re.I,
)


@dataclass(frozen=True)
class NamedMethods:
    """What a sentence says about the payment method: kinds, card brands, last four digits."""

    kinds: frozenset[str]
    brands: frozenset[str]
    last_four: frozenset[str]

    def __bool__(self) -> bool:
        return bool(self.kinds)


def named_methods(text: str) -> NamedMethods:
    kinds = frozenset(kind for kind, cue in _KINDS if cue.search(text))
    brands = frozenset(b.lower().replace("american express", "amex") for b in _BRANDS.findall(text))
    last_four = frozenset(a or b for a, b in _LAST_FOUR.findall(text))
    if last_four and "credit_card" not in kinds and _CARD.search(text):
        # "your card ending in 1234": only a bank card is told apart by its last four digits.
        kinds |= {"credit_card"}
    return NamedMethods(kinds, brands, last_four)


def known_methods(observations: Iterable[Any]) -> dict[str, Mapping[str, Any]]:
    """Every payment method an observation shows (a customer's `payment_methods`), by id."""
    found: dict[str, Mapping[str, Any]] = {}
    for value in observed_objects(observations):
        methods = value.get("payment_methods")
        if isinstance(methods, dict):
            found.update({str(k): v for k, v in methods.items() if isinstance(v, Mapping)})
    return found


_METHODS_SEEN: WeakKeyDictionary[Evidence, dict[str, Mapping[str, Any]]] = WeakKeyDictionary()


def evidence_methods(evidence: Evidence) -> dict[str, Mapping[str, Any]]:
    """known_methods of every observation of the conversation, parsed once per Evidence (a long
    answer asks once per sentence that says where money went)."""
    found = _METHODS_SEEN.get(evidence)
    if found is None:
        found = _METHODS_SEEN[evidence] = known_methods(
            (*evidence.observations, *evidence.earlier_observations)
        )
    return found


def observed_objects(observations: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """Every JSON object inside the observations, nested ones included (depth first)."""
    stack = [data for data in map(observed_data, observations) if isinstance(data, dict | list)]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(v for v in value if isinstance(v, dict | list))
            continue
        yield value
        stack.extend(v for v in value.values() if isinstance(v, dict | list))


def observed_data(observation: Any) -> Any:
    """An observation as data: Observation-like objects give their data, JSON text is parsed."""
    if hasattr(observation, "ok") and hasattr(observation, "data"):
        return observation.data if observation.ok else None
    if isinstance(observation, str) and observation.lstrip()[:1] in "{[":
        try:
            return json.loads(observation)
        except ValueError:
            return None
    return observation


def method_is_named(method_id: str, named: NamedMethods, known: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether a call's payment_method_id is a method the sentence names (any, if it names none)."""
    if not named or not method_id:
        return True
    details = known.get(method_id, {})
    kind = str(details.get("source") or "") or next(
        (k for k, _ in _KINDS if method_id.startswith(k + "_")), ""
    )
    if kind and kind not in named.kinds:
        return False
    if kind == "credit_card":
        brand = str(details.get("brand") or "").lower()
        if named.brands and brand and brand not in named.brands:
            return False
        last_four = str(details.get("last_four") or "")
        if named.last_four and last_four and last_four not in named.last_four:
            return False
    return True


# --- where the money of a settling call went ---------------------------------------------------

# Words that say money went back to a method ("refunded to", "goes back to", "lands on", "se
# reembolsará en", "remboursés sur", "landen auf", "gutgeschrieben") and words that say a method
# paid ("charged to", "billed", "cobrado", "débité", "belastet"), in the four languages read.
_REFUND_CUE = re.compile(
    r"\b(?:refund\w*|reimburs\w*|credit(?:ed)?\b(?= back| to| on)|(?:go(?:es)?|went|gone|going|sent|"
    r"paid|put|be|is|was|come|comes|coming|flow\w*|head\w*) back|back (?:to|on|onto|into)|returned to|"
    r"land(?:s|ed|ing)? (?:on|in)|arriv\w* (?:on|in)|reembols\w*|reintegr\w*|devuel\w*|abonad\w*|"
    r"rembours\w*|recr[ée]dit\w*|erstatt\w*|r[üu]ckerstatt\w*|zur[üu]ck\w*|gutgeschrieben|gutschrift\w*|"
    r"landen|landet)"
    # money said to move to a place without "back": "the money from #W... went onto your gift card",
    # "the money's going to your card"
    r"|\b(?:money|funds|amount|refund)\b[^.;!?]{0,40}?\b(?:go(?:es)?|went|gone|going|sent|moved|transferred|"
    r"put|paid)\s+(?:on|to|into|onto)\b",
    re.IGNORECASE,
)
_CHARGE_CUE = re.compile(
    r"\b(?:charg\w*|bill(?:ed|s)?|debit(?:ed)?|taken from|cobr\w*|cargad\w*|cargo|d[ée]bit\w*|"
    r"factur\w*|pr[ée]lev\w*|belast\w*|abgebucht)\b",
    re.IGNORECASE,
)
# A sentence that offers a choice or states a condition says where money *could* go.
_CHOICE = re.compile(
    r"\b(?:if|can|could|may|might|would|either|or|prefer\w*|choose|choice|option\w*|whichever|rather|"
    r"instead|si|puede\w*|podemos|prefier\w*|peut|pouvez|pouvons|pr[ée]f[ée]r\w*|ou|kann|k[öo]nnen|oder|"
    r"wenn|falls|lieber)\b"
    r"|\?\s*$",
    re.IGNORECASE,
)
# A time the money waits for ("once the item arrives", "sobald"): it says *when*, not whether.
# It leaves a rule about refunds in general unchecked, but not where *this* refund goes: the
# sentence names the refund, the money or an amount with a definite word, and no "a"/"any" case.
_TIMING = re.compile(
    r"\b(?:once|when|after|as soon as|until|cuando|una vez|en cuanto|quand|une fois|d[eè]s que|sobald|"
    r"nachdem)\b",
    re.IGNORECASE,
)
_DEFINITE_MONEY = re.compile(
    r"\b(?:the|your|this|that)\s+(?:full\s+|partial\s+)?(?:refund|money|amount|reimbursement|credit|funds)\b"
    r"|[$\u20ac\u00a3]\s?\d|\d(?:[\d,.]*\d)?\s?(?:\$|\u20ac|usd|eur|dollars?)\b"
    r"|\brefund\s+(?:amt\s+)?\d+\.\d{2}\b",  # a note's bare amount: "refund 193.22 to visa x3742"
    re.IGNORECASE,
)
_ANY_CASE = re.compile(r"\b(?:a|an|any|every|each)\s+(?:return|refund|order|item|exchange)\b", re.IGNORECASE)


# The calls whose refund waits for the parcel: a sentence timing the money by its arrival is
# about one of these, never about a cancellation ("as soon as the chair reaches us...").
_WAITING_TOOLS = frozenset({"return_delivered_order_items", "exchange_delivered_order_items"})


def waits_for_parcel(text: str) -> bool:
    """Whether a sentence says where this refund goes once something arrives: a time word, a
    definite refund, money or amount, no choice and no "a/any" case."""
    return bool(
        _TIMING.search(text)
        and _DEFINITE_MONEY.search(text)
        and not _CHOICE.search(text)
        and not _ANY_CASE.search(text)
    )


def _supposes(text: str, waiting: bool) -> bool:
    """Whether a sentence says where money *could* go: a choice, a condition, a question, or a
    time to wait for (unless it is this refund's, `waiting`)."""
    return bool(_CHOICE.search(text) or (_TIMING.search(text) and not waiting))


# How refunds go in general ("refunds to a gift card are instant"), unless the sentence also names
# a particular order or amount.
_GENERIC_MONEY = re.compile(
    r"\b(?:refunds|a refund|any refund|reimbursements|reembolsos|un reembolso|remboursements|"
    r"un remboursement|erstattungen|eine erstattung)\b",
    re.IGNORECASE,
)
_PARTICULAR = re.compile(r"#?W\d{7}|[$\u20ac\u00a3]\s?\d|\d\s?(?:\$|\u20ac|usd|eur)", re.IGNORECASE)


def settled_methods(
    record: Any, history: list[tuple[str, int, str]], *, charged: bool
) -> frozenset[str] | None:
    """The payment methods a settling call refunded (charged=False) or charged: a return, an
    exchange or an item change settles with the method of its arguments; a cancellation refunds
    the methods that paid for the order; a payment change charges the new method
    and refunds the old ones. Empty when the call moves no money that way; None when the
    conversation does not show where it went."""
    name, chosen = record.name, record.payment_method_id
    if name == "return_delivered_order_items" and charged:
        return frozenset()
    if name in (
        "return_delivered_order_items",
        "exchange_delivered_order_items",
        "modify_pending_order_items",
    ):
        return frozenset({chosen}) if chosen else None
    if name == "cancel_pending_order":
        if charged:
            return frozenset()
        # Every method that paid (observed before the call) or got a refund (observed after).
        return frozenset(method for _, _, method in history if method) or None
    if name == "modify_pending_order_payment":
        if charged:
            return frozenset({chosen}) if chosen else None
        old = frozenset(
            method for kind, _, method in history if kind == "payment" and method and method != chosen
        )
        return old or None
    return frozenset()


_METHOD_HINTS = (
    "paypal",
    "card",
    "visa",
    "amex",
    "american express",
    "discover",
    "tarjeta",
    "carte",
    "karte",
    "gutschein",
)


def says_where_money_went(text: str, waiting: bool = False) -> bool:
    """Cheap tests first: the sentence names a payment method and says money went back to it or
    was charged to it, and offers no choice."""
    lowered = text.lower()
    if not any(hint in lowered for hint in _METHOD_HINTS):
        return False
    if not (_REFUND_CUE.search(text) or _CHARGE_CUE.search(text)) or _supposes(text, waiting):
        return False
    if _GENERIC_MONEY.search(text) and not _PARTICULAR.search(text):
        return False
    return bool(named_methods(text))


def destination_unbacked(
    text: str,
    calls: Iterable[Any],
    histories: Mapping[str, list[tuple[str, int, str]]],
    known: Mapping[str, Mapping[str, Any]],
    waiting: bool = False,
) -> str | None:
    """Why a sentence's refund or charge destination is not the one the settling calls used, or
    None: it names a payment method (kind, brand, last four digits) with a word saying money went
    back to it (or was charged to it), and none of the methods the calls settled with is that one.
    A sentence offering a choice, or calls whose methods the conversation does not show, pass."""
    named = named_methods(text)
    if not named or _supposes(text, waiting):
        return None
    wanted = [charged for charged, cue in ((False, _REFUND_CUE), (True, _CHARGE_CUE)) if cue.search(text)]
    if not wanted:
        return None
    methods: set[str] = set()
    for call in calls:
        history = histories.get(call.order_id or "", [])
        for charged in wanted:
            settled = settled_methods(call, history, charged=charged)
            if settled is None:
                return None  # one of the calls could have used the method named
            methods |= settled
    if not methods or any(method_is_named(method, named, known) for method in methods):
        return None
    return "the settling call used " + ", ".join(sorted(methods)) + ", not the method named"


# The heading of a list of what is going to happen: its lines are a plan, not reports.
_PLAN_HEADING = re.compile(
    r"(?:\b(?:I'll|I will|we'll|we will|I'm going to|we're going to|I would|I'd|shall I|to confirm|once you "
    r"confirm|if you confirm|plan|proposal|summary of the change)\b[^\n]*:[ \t]*\n)(?![\s\S]*\n\s*\n)",
    re.IGNORECASE,
)


def destination_finding(answer: str, sentence: tuple[int, int], evidence: Evidence) -> str | None:
    """Why the refund or charge destination a sentence of the answer states is not backed, or None.

    Bound to the settling calls on the orders the sentence names, else this turn's (an earlier
    turn's call is not what a sentence naming no order is about); the lines of a plan ("Here's
    what I'll do:" ... "- Refund: $X to your card") state nothing done."""
    text = answer[sentence[0] : sentence[1]]
    waiting = waits_for_parcel(text)
    if not says_where_money_went(text, waiting):
        return None
    calls = evidence.writes(SETTLING_TOOLS)
    if not calls or _PLAN_HEADING.search(answer, 0, sentence[0]):
        return None
    orders = {order_key(m.group()) for m in ORDER_REF.finditer(text)}
    chosen = [c for c in calls if c.order_id in orders] if orders else [c for c in calls if c.this_turn]
    if waiting:
        chosen = [c for c in chosen if c.name in _WAITING_TOOLS]
    if not chosen:
        return None
    known = evidence_methods(evidence)
    histories = evidence.observed.order_history
    return destination_unbacked(text, chosen, histories, known, waiting)
