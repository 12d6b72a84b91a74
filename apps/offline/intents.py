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
    LIST_ORDERS = "list_orders"
    CHANGE_ITEMS = "change_items"
    CHANGE_PAYMENT = "change_payment"
    KEEP_AND_REFUND = "keep_and_refund"
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
        Intent.LIST_ORDERS,
        Intent.CHANGE_ITEMS,
        Intent.CHANGE_PAYMENT,
        Intent.KEEP_AND_REFUND,
    }
)
# Requests that change something (and so are worth queueing when a message holds several).
CHANGES = frozenset(
    {
        Intent.CANCEL,
        Intent.RETURN,
        Intent.ORDER_ADDRESS,
        Intent.DEFAULT_ADDRESS,
        Intent.CHANGE_ITEMS,
        Intent.CHANGE_PAYMENT,
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
# What the store cannot do at all: another product in place of the one ordered, an extra item.
_UNSUPPORTED = _rx(
    r"\badd (?:an? |another |one more |some )?(?:\w+ )?(?:items?|products?|things?) "
    r"to (?:my |the |this )?order\b|"
    r"\b(?:different|another) product\b"
)
_CHANGE_ITEMS = _rx(
    r"\bexchang|\bswap|different (?:size|colou?r|variant|model|version|one)|"
    r"(?:change|switch|update|modify|replace) (?:the |my |some |an? |one of the |all the )?"
    r"(?:size|colou?r|items?|products?|options?|variants?|version)\b|"
    r"\bmodify (?:the |my |this )?order\b(?! address)(?!'s address)|\breplace (?:the|my|it|them)\b|"
    r"\b(?:in|for) (?:a |the )?(?:bigger|smaller|larger|other) (?:size|one)\b|"
    # "change the capacity of the kettle", "change my sneakers to size 10" (not an address or payment)
    r"\b(?:change|switch|update|modify) the (?!(?:shipping |delivery |default |billing )?address|payment)"
    r"(?:\w+ ){1,2}of (?:the|my)\b|"
    r"\b(?:change|switch|replace) (?:the|my) "
    r"(?!(?:shipping |delivery |default |billing )?address|payment|order\b|mind)"
    r"[\w\s#-]{2,40}? (?:to|for) (?:a |an |the )?[\w-]"
)
_CHANGE_PAYMENT = _rx(
    r"\b(?:change|switch|update|modify)\b[^.?!]{0,30}\bpayment\b|"
    r"\bpay (?:for )?(?:it |them |(?:my |the |this )?(?:order )?(?:#?w?\s?\d{7} )?)?"
    r"(?:with|using|by|via|through|on)\b|"
    r"\b(?:use|charge)\b[^.?!]{0,20}\b(?:a |my |another |different )?"
    r"(?:card|credit card|paypal|gift card|visa|mastercard)\b[^.?!]{0,20}\binstead\b"
)
_KEEP_AND_REFUND = _rx(
    r"\b(?:money back|refund|reimburse\w*)\b[^.?!]{0,60}\bkeep\b|\bkeep\b[^.?!]{0,60}\b(?:money back|refund)"
)
_LIST = _rx(
    r"\b(?:what|which) orders\b|\borders do i have\b|\b(?:list|show|see|view)\b[^.?!]{0,20}\b(?:my|all)\b"
    r"[^.?!]{0,12}\borders\b|\bmy orders\b(?!\s*(?:#|w\d))|\border history\b|\ball (?:of )?my orders\b"
)
# "Don't cancel it", "no need to return it": a request taken back, not made.
_NEGATED = _rx(
    r"\b(?:don'?t|do not|dont|not|no need to|never ?mind(?: about)?|rather not|no longer want to|stop)\s+"
    r"(?:\w+\s+)?(?:cancel|return|exchange|change|swap|modify)\w*"
    r"(?:\s+(?:it|that|this|them|the order|my order|(?:order )?#?w?\d{7}))?"
)


def without_negated(text: str) -> str:
    """The text with requests the customer takes back removed ("don't cancel it")."""
    return _NEGATED.sub(" ", text)


_CANCEL = _rx(r"\bcancel(?!l?ed\b)")  # "why was it cancelled?" asks about status
_RETURN = _rx(
    r"\breturn(?:s|ing|ed)?\b(?! address)|\bsend (?:\w+ ){0,3}back\b|\bbring (?:\w+ ){0,2}back\b|"
    r"\brefund (?:for|on) (?:the|my|this|these|those)\b"
)
_ADDRESS = _rx(
    r"\baddress\b|\bi(?:'ve| have)? moved\b|\bmoving\b|"
    r"\b(?:ship|deliver|send) (?:it |them |(?:my |the )?(?:order )?(?:#?w?\s?\d{7} )?)?to\b"
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
    r"\b(?:my|what|which) payment methods\b(?! (?:to|for|instead))|"
    r"\bgift card balance|\bbalance (?:on|of) my gift card|\bmy details\b"
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
    r"\b(?:this|that|the) order\b|\b(?:orders|what) do i have\b|\bwhere(?:'s| is| are) my\b|"
    r"\bmy (?:account|profile|gift cards?|payment methods?|balance|details)\b"
)
_REQUEST = _rx(
    r"\b(?:i want|i'd like|i would like|i need|i wanna|help me|please (?:cancel|return|change|update)|"
    r"can you|could you|would you|let me|i have to)\b"
)


def action_intent(text: str, *, has_order_id: bool = False) -> Intent | None:
    """The account action the text asks for, if any (ignoring whether it is phrased as a question)."""
    text = without_negated(text)
    if _KEEP_AND_REFUND.search(text):
        return Intent.KEEP_AND_REFUND
    if _UNSUPPORTED.search(text):
        return Intent.UNSUPPORTED
    if _CANCEL.search(text):
        return Intent.CANCEL
    if _CHANGE_ITEMS.search(text):
        return Intent.CHANGE_ITEMS
    if _CHANGE_PAYMENT.search(text):
        return Intent.CHANGE_PAYMENT
    if _PROFILE.search(text):
        return Intent.PROFILE
    if _ADDRESS.search(text):
        if has_order_id or _ORDER_WORDS.search(text):
            return Intent.ORDER_ADDRESS
        return Intent.DEFAULT_ADDRESS
    if _RETURN.search(text):
        return Intent.RETURN
    if _LIST.search(text):
        return Intent.LIST_ORDERS
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
    if re.search(r"\badd\b", text, re.IGNORECASE):
        return "to add an item to an order"
    return "to swap an item for a different product"
