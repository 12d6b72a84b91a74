"""What the customer wants this turn, from the words of their message.

Action intents need the customer's own data and so an authenticated customer; a general
question ("how long do refunds take?") is answered from the knowledge base instead. The
rules are ordered: a request for a person wins, then general questions, then the actions.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Intent(StrEnum):
    GREETING = "greeting"
    THANKS = "thanks"
    HUMAN = "human"
    KNOWLEDGE = "knowledge"
    ORDER_STATUS = "order_status"
    CANCEL = "cancel_order"
    RETURN = "return_items"
    ORDER_ADDRESS = "change_order_address"
    DEFAULT_ADDRESS = "change_default_address"
    PROFILE = "profile"
    UNSUPPORTED = "unsupported"


# The requests the engine carries through to the end (they need the customer's account).
ACTIONS = frozenset(
    {
        Intent.ORDER_STATUS,
        Intent.CANCEL,
        Intent.RETURN,
        Intent.ORDER_ADDRESS,
        Intent.DEFAULT_ADDRESS,
        Intent.PROFILE,
    }
)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_HUMAN = _rx(
    r"\b(?:human|real person|a person|actual person|someone real|live (?:agent|person|chat)|"
    r"representative|"
    r"(?:speak|talk|chat) (?:to|with) (?:someone|somebody|an? agent|staff|your team|a manager)|"
    r"manager|supervisor|operator)\b"
)
_UNSUPPORTED = _rx(
    r"\bexchang|\bswap\b|different (?:size|colou?r|variant|model|version)|"
    r"(?:change|switch|update|modify) (?:the |my )?(?:size|colou?r|items?|product)|"
    r"(?:change|switch|update|use) (?:the |my )?(?:payment|card|credit card|paypal)|"
    r"pay (?:with|using|by) (?:a |my )?(?:different|another|other)|modify (?:the |my )?order\b(?! address)"
)
_CANCEL = _rx(r"\bcancel(?!l?ed\b)")  # "why was it cancelled?" asks about status
_RETURN = _rx(
    r"\breturn(?:s|ing|ed)?\b(?! address)|\bsend (?:\w+ ){0,3}back\b|\bbring (?:\w+ ){0,2}back\b|"
    r"\brefund (?:for|on) (?:the|my|this|these|those)\b"
)
_ADDRESS = _rx(
    r"\baddress\b|\bi(?:'ve| have)? moved\b|\bmoving\b|"
    r"\b(?:ship|deliver|send) (?:it |them |(?:my |the )?order (?:#?w?\s?\d{7} )?)?to\b"
)
_ORDER_WORDS = _rx(r"\b(?:order|shipping|shipment|delivery|package|parcel|ship|deliver)\b")
_DEFAULT_WORDS = _rx(r"\b(?:default|profile|account|home|billing|moved|moving)\b")
_STATUS = _rx(
    r"\b(?:status|track|tracking|where(?:'s| is| are) (?:my|the|it|they)|when will|arriv|"
    r"shipped yet|has (?:it|my order) shipped|what(?:'s| is) in|what did i (?:order|buy)|contents?|"
    r"details|check (?:on )?(?:my|the|an|this) order|my orders|list (?:my |all )?orders|order history|"
    r"look ?up|recent orders?|latest order|last order|why (?:was|is|did|has) (?:my|the|it|this)|"
    r"(?:show|list|see)\b[^.?!]{0,30}\borders?\b)"
)
_PROFILE = _rx(
    r"\bmy (?:account|profile) (?:details|info(?:rmation)?)\b|"
    r"\bwhat(?:'s| is) my (?:default |current )?address|"
    r"\bpayment methods?\b|\bgift card balance|\bbalance (?:on|of) my gift card|\bmy details\b"
)
_GREETING = _rx(r"^\s*(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|howdy|greetings|yo)\b")
_THANKS = _rx(
    r"\b(?:thanks|thank you|thx|ty|cheers|appreciate|that'?s all|bye|goodbye|have a (?:good|nice|great))\b"
)

_QUESTION = _rx(r"\?|^\s*(?:how|what|when|where|why|which|can|could|do|does|is|are|will|would|should|may)\b")
_INFO = _rx(
    r"\b(?:policy|policies|how long|how much|how many|how do|how does|how can|what is your|"
    r"what are your|what's your|tell me about|explain|rules?|allowed to|in general)\b"
)
# The customer speaks about their own orders or asks us to act: not a general question.
_OWN = _rx(
    r"\bmy (?:last |latest |recent |new |most recent |current )?(?:orders?|packages?|parcels?|purchases?|"
    r"deliver(?:y|ies)|shipments?|items?|stuff|address)\b|\bi (?:ordered|bought|purchased|received|got)\b|"
    r"\bdid i (?:order|buy|get)\b|"
    r"\b(?:this|that|the) order\b|\bdo i have\b|"
    r"\bmy (?:account|profile|gift cards?|payment methods?|balance|details)\b"
)
_REQUEST = _rx(
    r"\b(?:i want|i'd like|i would like|i need|i wanna|help me|please (?:cancel|return|change|update)|"
    r"can you|could you|would you|let me|i have to)\b"
)


def action_intent(text: str, *, has_order_id: bool = False) -> Intent | None:
    """The account action the text asks for, if any (ignoring whether it is phrased as a question)."""
    if _UNSUPPORTED.search(text):
        return Intent.UNSUPPORTED
    if _CANCEL.search(text):
        return Intent.CANCEL
    if _PROFILE.search(text):
        return Intent.PROFILE
    if _ADDRESS.search(text):
        if has_order_id or _ORDER_WORDS.search(text):
            return Intent.ORDER_ADDRESS
        return Intent.DEFAULT_ADDRESS
    if _RETURN.search(text):
        return Intent.RETURN
    if _STATUS.search(text):
        return Intent.ORDER_STATUS
    return None


def is_general_question(text: str, *, has_order_id: bool = False) -> bool:
    """A question about the store's policy rather than about this customer's orders."""
    if has_order_id or _OWN.search(text):
        return False
    if _INFO.search(text):
        return True
    return bool(_QUESTION.search(text)) and not _REQUEST.search(text)


def detect_intent(text: str, *, has_order_id: bool = False) -> Intent | None:
    """The intent of a message, or None when it only carries details (an email, a reason...)."""
    if _HUMAN.search(text) and not _ABOUT_ME.search(text):
        return Intent.HUMAN
    if is_general_question(text, has_order_id=has_order_id):
        return Intent.KNOWLEDGE
    action = action_intent(text, has_order_id=has_order_id)
    if action is not None:
        return action
    if _THANKS.search(text):
        return Intent.THANKS
    if _GREETING.search(text):
        return Intent.GREETING
    return None


_ABOUT_ME = _rx(r"\bare you (?:a |an )?(?:human|bot|robot|real|ai|person|machine)\b|\bwho are you\b")


def asks_about_assistant(text: str) -> bool:
    return bool(_ABOUT_ME.search(text))


_FAREWELL = _rx(
    r"\b(?:bye|goodbye|good night|that'?s all|that is all|nothing else|have a (?:good|nice|great))\b"
)


def is_farewell(text: str) -> bool:
    return bool(_FAREWELL.search(text))


def is_chatter(text: str) -> bool:
    """A greeting or thanks with nothing else of substance in it."""
    return bool(_GREETING.search(text) or _THANKS.search(text)) and len(text.split()) <= 8


def unsupported_topic(text: str) -> str:
    """What an unsupported request is about, in a few words for the person taking over."""
    if re.search(r"exchang|swap", text, re.IGNORECASE):
        return "an exchange of delivered items"
    if re.search(r"payment|card|paypal|\bpay\b", text, re.IGNORECASE):
        return "a change of payment method"
    return "a change to the items of an order"
