"""Reports of a change written as the state it left, in English: what an object *now* is, uses
or shows, or what it "is updated to". Only a write makes an order or a profile reach such a state,
so the sentence is read as the family's claim:

- an address: "your default address is now ...", "#W... now uses 12 Elm Street", "the address
  on #W... is updated to 12 Elm Street" (the value is a street address, or the subject is one);
- an item: a product the sentence names that "is now the ... one" / "is now a ...";
- a status only a write produces, quoted as the order's: "#W... now shows 'exchange requested'".

The payment change in these shapes is actions_en.PAYMENT_TO_METHOD's. Promises, negations and
later clauses set aside are left to the caller, as for every claim.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from apps.guardrails.patterns.claims import FAMILY_STATUS, FAMILY_TOOLS, ActionPattern

# A street address as answers write it: a house number, a name, a street word.
_STREET = (
    r"\d{1,6}\s+(?:[A-Z][\w.'-]*\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|"
    r"Blvd|Way|Court|Ct|Terrace|Place|Pl|Parkway|Pkwy|Circle|Cir|Highway|Hwy|Square|Sq|Trail|Row)\b\.?"
)
_ADDRESS_NOW = re.compile(
    # the subject is an address: "your default address is now ..."
    r"\baddress(?:es)?\b[^.;!?]{0,40}?\b(?:is|are|'s)\s+now\b(?!\s+(?:being|going|on file as the same)\b)"
    # ... with "now" after the value: "your default address is 9 Quay Lane now"
    rf"|\baddress(?:es)?\b[^.;!?]{{0,40}}?\b(?:is|are|'s)\s+{_STREET}[^.;!?]{{0,40}}?\bnow\b"
    # the value is one: "... now uses / ships to 12 Elm Street"
    r"|\bnow\s+(?:both\s+|all\s+|also\s+)?(?:uses?|has|have|shows?|lists?|reads?|says?|points? to|"
    r"goes to|go to|"
    # "going to" before a street is where it goes, not a future: "is now going to 9 Quay Lane"
    r"ships? to|delivers? to|(?:going|shipping|heading|being sent) to|"
    rf"is set to|are set to)\s+(?:the\s+address\s+)?{_STREET}"
    # "will now be delivered to <street>": the state the change left, not a promise
    rf"|\bwill\s+now\s+(?:be\s+)?(?:delivered|shipped|sent|going|heading|go|ship|head)\s+to\s+{_STREET}"
    # a present passive of result with the new value: "is updated to 12 Elm Street"
    # ("is set to" without "now" describes the address on file, it does not report a change)
    rf"|\b(?:is|are|'s)\s+(?:now\s+(?:set\s+)?)?(?:updated|changed|corrected|switched|moved)\s+to\s+{_STREET}"
    rf"|\b(?:is|are|'s)\s+now\s+set\s+to\s+{_STREET}",
    re.IGNORECASE,
)
# A new one of a thing only a write replaces: "#W... has a new delivery address now".
_HAS_NEW = re.compile(
    r"\b(?:has|have|got|gets)\s+(?:a|an)\s+new\s+(?:(?:delivery|shipping|default|billing|home)\s+)?"
    r"(?P<thing>address|payment method|card on file)\b",
    re.IGNORECASE,
)
# A method said to be an order's now: "your Visa is now the card for #W...", or the payment said
# to be changed to one in the present passive of result ("payment method for #W... is changed to
# your gift card"), as the address is ("is updated to 12 Elm Street").
_METHOD_NOW = re.compile(
    r"\b(?:is|'s)\s+now\s+the\s+(?:card|method|payment method|way (?:you pay|it is paid))\s+"
    r"(?:for|on|used)\b"
    r"|\bpayment(?:\s+method)?\b[^.;!?]{0,40}?\b(?:is|are|'s)\s+(?:now\s+)?(?:changed|switched|updated|"
    r"moved|set)\s+(?:over\s+)?to\b"
    # a terse note with no linking verb: "#W... now paid with gift card", "order now on PayPal"
    r"|(?:#\s?W\d{7}|\border)\s+now\s+(?:being\s+)?(?:paid|charged|billed|settled)\s+(?:with|to|on|via|"
    r"through|by|using|from)\b"
    r"|(?:#\s?W\d{7}|\border)\s+now\s+(?:on|via)\s+(?:your\s+|the\s+)?(?:paypal|gift\s?card|"
    r"(?:credit|debit)\s+card|visa|mastercard|amex)\b"
    # the method as the subject: "your gift card now pays for #W...", "PayPal now covers the order"
    r"|\b(?:paypal|gift\s?card|card|visa|mastercard|amex)\b[^.;!?]{0,24}?\bnow\s+(?:pays|covers|is\s+paying|"
    r"is\s+covering)\s+(?:for\s+)?(?:#\s?W\d{7}|(?:the|your|that|this)\s+order|order|it)\b",
    re.IGNORECASE,
)
# After a product the sentence names: "... is now the 500ml one", "... is now a blue one", or the
# change of state told by a verb of becoming in the past ("the lamp became the LED model", "has
# turned into a blue one"): without "now" a past becoming still reports that the product changed.
_BECAME = r"became|(?:has|have)\s+(?:now\s+)?(?:become|turned\s+into)|turned\s+into"
# The product may carry its order first: "the bottle on #W... has turned into ...".
_ITEM_NOW = re.compile(
    rf"(?:\s+(?:on|in|from|of)\s+(?:(?:your\s+)?order\s+)?#?\s?W\d{{7}})?\s+(?:(?:is|are)\s+now|{_BECAME})"
    r"\s+(?:the|a|an)\b",
    re.IGNORECASE,
)
_BECOMING = re.compile(rf"\b(?:now|{_BECAME})\b", re.IGNORECASE)
# A status only a write produces, quoted as what the order now shows.
_STATUS_NOW = re.compile(
    r"\bnow\s+(?:shows?|reads?|says|displays?|is marked(?:\s+as)?|has the status|is in(?: the)?(?: status)?)"
    r"\s+(?:as\s+)?[\"'\u201c\u2018]?(?P<status>exchange requested|return requested|cancell?ed|"
    r"pending \(item modified\))",
    re.IGNORECASE,
)
_STATUS_FAMILY = {"exchange": "exchange", "return": "return", "cancel": "cancel", "pending": "items"}


def _rule(family: str, pattern: re.Pattern[str]) -> ActionPattern:
    return ActionPattern(family, FAMILY_TOOLS[family], pattern, FAMILY_STATUS.get(family, frozenset()))


_ADDRESS = _rule("address", _ADDRESS_NOW)
_NEW_ADDRESS = _rule("address", _HAS_NEW)
_NEW_METHOD = _rule("payment", _HAS_NEW)
_PAYMENT = _rule("payment", _METHOD_NOW)
_ITEMS = _rule("items", _ITEM_NOW)
_STATUS = {family: _rule(family, _STATUS_NOW) for family in set(_STATUS_FAMILY.values())}


def state_claims(
    answer: str, sentence: tuple[int, int], mentions: list[tuple[int, int, tuple[str, ...]]]
) -> Iterator[tuple[ActionPattern, re.Match[str]]]:
    """The change claims a sentence makes by the state it says an object is now in."""
    lowered = answer[sentence[0] : sentence[1]].lower()
    if "now" in lowered or " to " in lowered:
        match = _ADDRESS_NOW.search(answer, *sentence)
        if match is not None:
            yield _ADDRESS, match
    if " new " in lowered:
        match = _HAS_NEW.search(answer, *sentence)
        if match is not None:
            yield (_NEW_ADDRESS if match.group("thing").lower() == "address" else _NEW_METHOD), match
    if _BECOMING.search(lowered):
        for _, end, _names in mentions:
            match = _ITEM_NOW.match(answer, end, sentence[1])
            if match is not None:
                yield _ITEMS, match
                break
    if "now" in lowered or "payment" in lowered:
        match = _METHOD_NOW.search(answer, *sentence)
        if match is not None:
            yield _PAYMENT, match
    if "now" not in lowered:
        return
    match = _STATUS_NOW.search(answer, *sentence)
    if match is not None:
        word = match.group("status").lower()
        family = next(family for start, family in _STATUS_FAMILY.items() if word.startswith(start))
        yield _STATUS[family], match
