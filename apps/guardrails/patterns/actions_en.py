"""Action claims in English: "I've cancelled order #W...", "the refund has been issued", and
the reports that name another object ("the money is on its way back", "the label is in your
inbox")."""

from __future__ import annotations

import re

from apps.guardrails.patterns.claims import REFUND_TOOLS, ActionPattern

_I = (
    r"\b(?:I|we)(?:'ve|\u2019ve| have)?(?:\s+(?:just|already|now|also|successfully|gone ahead and|"
    r"went ahead and|have gone ahead and))*\s+"
)
_BEEN = (
    # a quantifier may float between the auxiliary and "been": "have both been returned"
    r"(?:\b(?:has|have|had)|['\u2019](?:ve|s|d))\s+(?:(?:now|just|already|successfully|both|all|each)\s+)?been\s+"
    r"|\b(?:was|were|got|is now|are now)\s+|\b(?:is|are) (?:now |both |all )?being\s+"
)
_DONE = r"(?:successfully\s+)?"
# A bare verb where the participle belongs, as a non-native writer puts it ("the order is cancel
# now", "it has been cancel"): read as the participle when the clause ends there, so that "the
# best option is cancel the order" (a verb with its object) stays an option.
BARE_END = r"(?=\s+(?:now|already|too)\b|\s+(?:as|like|per)\s|\s*[,.;:!)]|\s*$)"

ACTION_PATTERNS: tuple[ActionPattern, ...] = (
    ActionPattern(
        "cancel",
        frozenset({"cancel_pending_order"}),
        re.compile(
            rf"{_I}{_DONE}cancell?ed\b|(?:{_BEEN}){_DONE}cancell?ed\b|\bcancellation (?:is|has been) "
            r"(?:complete|done|confirmed|processed)|\b(?:is|are|'s) (?:now )?cancell?ed\b"
            rf"|(?:{_BEEN}|\b(?:is|are)\s+)cancel{BARE_END}",
            re.IGNORECASE,
        ),
        frozenset({"cancelled"}),
    ),
    ActionPattern(
        "refund",
        REFUND_TOOLS,
        re.compile(
            rf"{_I}{_DONE}(?:refunded|reimbursed|credited)\b|(?:{_BEEN}){_DONE}(?:refunded|reimbursed"
            rf"|credited)\b"
            rf"|{_I}(?:issued|processed|initiated|sent|started|put through|completed) (?:a |the |your |an? )?"
            r"(?:full |partial )?refund|\brefund (?:of [^ ]+ )?(?:has been|was|is now|is being) "
            r"(?:issued|processed|initiated|sent|started|completed|put through|on its way)"
            r"|\brefund (?:is|'s) (?:on its way|underway|complete|done|through)\b",
            re.IGNORECASE,
        ),
    ),
    ActionPattern(
        "return",
        frozenset({"return_delivered_order_items"}),
        re.compile(
            rf"{_I}(?:set up|requested|started|submitted|created|processed|initiated|arranged|registered|"
            r"opened|filed|booked|logged) (?:a |the |your )?return\b|\breturn(?: request)? (?:for"
            r" [^.,;]{1,60} )?"
            rf"(?:{_BEEN})(?:set up|requested|created|submitted|processed|initiated|started|arranged|"
            r"registered|approved|accepted|opened|filed|booked|logged)\b|\breturn is (?:all )?set\b|"
            rf"{_I}{_DONE}returned\b",
            re.IGNORECASE,
        ),
        frozenset({"return requested"}),
    ),
    ActionPattern(
        "exchange",
        frozenset({"exchange_delivered_order_items"}),
        re.compile(
            rf"{_I}(?:set up|requested|started|submitted|created|processed|initiated|arranged|registered|"
            r"opened|placed|booked|logged) (?:a |the |your |an )?exchange\b|\bexchange(?: request)? "
            rf"(?:for [^.,;]{{1,60}} )?(?:{_BEEN})(?:set up|requested|created|submitted|processed|"
            r"initiated|started|arranged|registered|approved|placed|booked|logged)\b|\bexchange is "
            rf"(?:on (?:its|the) way|all set|set)\b|{_I}{_DONE}exchanged\b",
            re.IGNORECASE,
        ),
        frozenset({"exchange requested"}),
    ),
    ActionPattern(
        "address",
        frozenset({"modify_pending_order_address", "modify_user_address"}),
        re.compile(
            rf"{_I}{_DONE}(?:updated|changed|corrected|fixed|modified|replaced|switched|edited|set) "
            r"(?:the |your )?(?:order'?s? |default |shipping |delivery |home |profile |account )*address\b"
            r"|\baddress (?:on (?:the|your) (?:order|account|profile) )?(?:has|have) (?:now |just |already )?"
            r"been (?:updated|changed|corrected|modified|replaced|switched|edited)\b|\baddress (?:was|is"
            r" now) "
            r"(?:updated|changed|corrected|modified|replaced|switched)\b|\b(?:will now|now) ship(?:s)? to\b",
            re.IGNORECASE,
        ),
    ),
    ActionPattern(
        "payment",
        frozenset({"modify_pending_order_payment"}),
        re.compile(
            rf"{_I}{_DONE}(?:updated|changed|switched|moved|modified|replaced) (?:the |your )?(?:order'?s? )?"
            r"payment(?: method)?\b|\bpayment(?: method)? (?:on (?:the|your) order )?(?:has|have) "
            r"(?:now |just )?been (?:updated|changed|switched|moved|modified|replaced)\b|\bpayment(?:"
            r" method)? "
            r"(?:was|is now) (?:updated|changed|switched|moved|modified)\b",
            re.IGNORECASE,
        ),
    ),
    ActionPattern(
        "items",
        frozenset({"modify_pending_order_items", "exchange_delivered_order_items"}),
        re.compile(
            rf"{_I}{_DONE}(?:swapped|exchanged|replaced) (?:both |all |each of )?"
            r"(?:the |your |it\b|(?:(?<=both )|(?<=all ))(?:items|products)\b)|"
            rf"{_I}{_DONE}(?:updated|changed|switched|swapped|modified|replaced|upgraded) (?:the |your )?"
            r"(?:order'?s? )?(?:items?|size|colou?r|options?|variant|model)\b|\b(?:items?|size|colou?r"
            r"|options?)"
            r" (?:on (?:the|your) order )?(?:has|have) (?:now |just )?been (?:updated|changed|switched|"
            r"swapped|modified|replaced)\b",
            re.IGNORECASE,
        ),
    ),
)


# Reports that are true of a different object than they name, in English: a refund "on its
# way back", an address "saved", a return label "in your inbox".
EXTRA_ACTION_PATTERNS: tuple[ActionPattern, ...] = (
    ActionPattern(
        "refund",
        REFUND_TOOLS,
        re.compile(
            # The subject may be the amount itself: "$12.50 is on its way back", "... cents is".
            r"(?:\b(?:money|funds|amount|refund|payment|it|dollars|cents|usd)|\$\s?\d[\d,]*(?:\.\d\d)?)"
            r"(?:'s| is| are| has been) (?:now |already )?"
            r"(?:on (?:its|the|their) way back|heading back|being sent back|being returned|"
            r"back (?:on|in) your)|(?<!\ba )(?<!\bany )"
            r"\brefund (?:issued|processed|sent|initiated|completed|approved|confirmed|done|in progress|"
            r"underway)\b|"
            r"\b(?:issued|processed|sent) (?:you )?(?:a |the |your )?(?:full |partial )?refund\b",
            re.IGNORECASE,
        ),
    ),
    ActionPattern(
        "exchange",
        frozenset({"exchange_delivered_order_items"}),
        re.compile(
            r"\bexchange(?: request)?(?: for [^.,;]{1,60})? (?:is|'s) (?:now )?(?:in progress|underway|being "
            r"processed|confirmed|complete|done|through|approved|registered|on its way)\b|\bexchange "
            r"(?:confirmed|registered|approved|submitted|complete)\b",
            re.IGNORECASE,
        ),
        frozenset({"exchange requested"}),
    ),
    ActionPattern(
        "return",
        frozenset({"return_delivered_order_items"}),
        re.compile(
            r"\breturn(?: request)?(?: for [^.,;]{1,60})? (?:is|'s) (?:now )?(?:in progress|underway|being "
            r"processed|confirmed|complete|through|approved|registered)\b|\b(?:return )?(?:shipping )?label"
            r" (?:is|has been|was) (?:now )?(?:in your (?:inbox|email|mailbox)|sent|emailed|on its way|"
            r"attached)\b|\breturn (?:confirmed|registered|approved|submitted)\b",
            re.IGNORECASE,
        ),
        frozenset({"return requested"}),
    ),
    ActionPattern(
        "cancel",
        frozenset({"cancel_pending_order"}),
        re.compile(
            r"\bcancell?ation (?:is|'s) (?:now )?(?:in progress|underway|being processed|through|confirmed)\b"
            r"|\b(?:order )?cancell?ation (?:confirmed|complete|done|processed)\b",
            re.IGNORECASE,
        ),
        frozenset({"cancelled"}),
    ),
    ActionPattern(
        "address",
        frozenset({"modify_pending_order_address", "modify_user_address"}),
        re.compile(
            r"\baddress (?:is|has been|was|'s) (?:now )?(?:saved|stored|on file|in place|updated|set)\b"
            r"|\b(?:saved|stored) (?:the |your )?new (?:shipping |delivery |default )?address\b",
            re.IGNORECASE,
        ),
    ),
    ActionPattern(
        "payment",
        frozenset({"modify_pending_order_payment"}),
        re.compile(
            r"\bpayment(?: method)? (?:is|has been|was|'s) (?:now )?(?:saved|switched|set|updated)\b",
            re.IGNORECASE,
        ),
    ),
)


# Writes on an order named only as "the order" ("I've updated your order #W...", "order #W...
# has been amended"): any write on that order backs them. Its own parts ("the order's address")
# are the other families' claims.
_ORDER_WRITES = frozenset(
    {
        "cancel_pending_order",
        "modify_pending_order_address",
        "modify_pending_order_items",
        "modify_pending_order_payment",
        "return_delivered_order_items",
        "exchange_delivered_order_items",
    }
)
_CHANGED = r"(?:updated|changed|modified|amended|adjusted|edited|altered|revised)"
_WHOLE_ORDER = (
    r"(?:the |your |this )?order(?: #?W\d{7})?"
    r"(?!['\u2019]s|\s+(?:status|number|details|history|is|was|has)\b)"
)
ORDER_CHANGE_PATTERNS: tuple[ActionPattern, ...] = (
    ActionPattern(
        "order",
        _ORDER_WRITES,
        re.compile(
            rf"{_I}{_DONE}{_CHANGED} {_WHOLE_ORDER}|{_I}made (?:the |those |these |that |this )?changes? "
            rf"(?:to|on) {_WHOLE_ORDER}|\b(?<!\bof )(?<!\bon )(?<!\bfor )(?<!\bin )(?<!\bto )"
            rf"order(?: #?W\d{{7}})? (?:{_BEEN}){_CHANGED}\b",
            re.IGNORECASE,
        ),
        frozenset({"pending (item modified)"}),
        hints=("order",),
    ),
    # "The Water Bottle is now the 500ml, glass version": a product said to be another version of
    # itself reports an item change (the subject is not a payment or an address: see `unless`).
    ActionPattern(
        "items",
        frozenset({"modify_pending_order_items", "exchange_delivered_order_items"}),
        re.compile(
            r"\b(?:is|are) now (?:the |a |an )?[^.;:!?\n]{0,60}?\b(?:version|variant|model|edition)s?\b",
            re.IGNORECASE,
        ),
        unless=re.compile(r"\b(?:payment|card|paypal|address|shipping to|policy|available)\b", re.IGNORECASE),
        hints=("now",),
    ),
)

# Things no tool of the store can do: upgrading or speeding up shipping, discounts, coupons,
# vouchers, store credit, compensation, waived fees. Reported as done, they are never backed.
_PERKS = (
    r"(?:express|expedited|priority|overnight|next[- ]day|faster|free) (?:shipping|delivery)(?: upgrade)?|"
    r"shipping upgrade|upgrade(?:d)? (?:to|of) (?:express|expedited|priority|overnight)|discount|coupon|"
    r"promo(?:tional)? code|voucher|store credit|account credit|credit(?! card)|compensation|goodwill "
    r"(?:gesture|credit|refund)|loyalty points|points|(?:shipping |restocking |return |delivery )?fees?"
)
_SPEED = r"(?:express|expedited|priority|overnight|next[- ]day) (?:shipping|delivery)(?: upgrade)?"
_CREDITS = (
    r"(?:discount|coupon|promo(?:tional)? code|voucher|store credit|account credit|credit(?! card)|"
    r"compensation)"
)
UNTOOLED_ACTION_PATTERNS: tuple[ActionPattern, ...] = (
    ActionPattern(
        "perk",
        frozenset(),
        re.compile(
            rf"{_I}{_DONE}(?:added|applied|waived|issued|granted|given|gave|upgraded|comped|activated)"
            rf"(?: you)? (?:an? |the |your |some )?(?:[\w$.,%-]+ ){{0,3}}?(?:{_PERKS})\b"
            rf"|{_I}{_DONE}(?:upgraded|expedited|rushed|fast[- ]tracked|prioriti[sz]ed) (?:the |your )?"
            r"(?:shipping|delivery|shipment|order|package|parcel)\b"
            rf"|\b{_SPEED} (?:{_BEEN}|(?:has|have) )?(?:added|applied|activated|enabled|upgraded)\b"
            r"|\b(?<!\ba )(?<!\ban )(?<!\bany )(?<!\bno )"
            rf"{_CREDITS} (?:{_BEEN})?(?:added|applied|issued|granted)\b"
            rf"|\b(?:shipping |restocking |return |delivery )?fees? (?:{_BEEN})(?:waived|removed)\b",
            re.IGNORECASE,
        ),
        hints=(
            "shipping",
            "delivery",
            "discount",
            "coupon",
            "promo",
            "voucher",
            "credit",
            "compensation",
            "goodwill",
            "points",
            "fee",
            "upgrade",
            "expedit",
            "rushed",
            "fast",
            "priorit",
        ),
    ),
)

# A payment change named by the method it went to: "I've switched #W... over to PayPal", "your
# payment now comes from your gift card", "it is now charged to your Visa". methods.py then holds
# the call to the method named.
_METHOD_WORDS = (
    # Up to two modifiers before the method's name: "your store gift card", "the new Visa".
    r"(?:your |the |my )?(?:[\w-]+ ){0,2}?(?:paypal|gift ?card|visa|mastercard|amex|american express|"
    r"(?:credit |debit )?card)"
)
PAYMENT_TO_METHOD = ActionPattern(
    "payment",
    frozenset({"modify_pending_order_payment"}),
    re.compile(
        rf"{_I}{_DONE}(?:switched|moved|changed|put|transferred|converted)\b[^.;:]{{0,40}}?\b(?:over )?"
        rf"(?:to|onto) {_METHOD_WORDS}\b"
        # the order put on a method: "we put #W... on your gift card", "I've put the lamp order on PayPal"
        rf"|{_I}{_DONE}put (?:(?:order )?#\s?W\d{{7}}|(?:the|your|that|this) (?:[\w-]+ ){{0,2}}?order) "
        rf"(?:on|onto) {_METHOD_WORDS}\b"
        r"|\bnow (?:comes?|is taken|is drawn|gets? charged|is charged|is billed|is debited|goes) "
        rf"(?:from|to|on) {_METHOD_WORDS}\b"
        # The order now uses a method: "now uses your Visa", "now runs on PayPal".
        rf"|\bnow (?:uses|runs on|sits on|is on|is set to|is paid (?:with|by|from|via)) {_METHOD_WORDS}\b"
        rf"|\b(?:is|'s) now (?:on|set to) {_METHOD_WORDS}\b"
        rf"|\b(?:is|are) now (?:being )?(?:charged|billed|debited) (?:to|on) {_METHOD_WORDS}\b"
        # ... with "now" after the method: "is charged to your PayPal account now".
        rf"|\b(?:is|are) (?:being )?(?:charged|billed|debited) (?:to|on) {_METHOD_WORDS}(?: account)? now\b",
        re.IGNORECASE,
    ),
    unless=re.compile(r"\brefund|\bmoney back|\bback to\b|\breturn", re.IGNORECASE),
    hints=("paypal", "card", "visa", "mastercard", "amex", "american express"),
)
# Changes to an order no tool makes: adding or removing items, reopening, merging, splitting.
# The order is named by a word ("to your order", "from the parcel") or by its id ("to order #W...",
# "from #W...").
_THE_ORDER = r"(?:(?:(?:your|the|this|that) )?(?:order|shipment|package|parcel)\b|(?:order )?#\s?W\d{7})"
UNTOOLED_ORDER_CHANGES = ActionPattern(
    "order_untooled",
    frozenset(),
    re.compile(
        rf"{_I}{_DONE}(?:added|included|put|slipped|thrown)\b[^.;:]{{0,60}}?\b(?:to|into|onto|in) "
        rf"{_THE_ORDER}"
        rf"|{_I}{_DONE}(?:removed|deleted|took|taken|dropped|pulled)\b[^.;:]{{0,60}}?\b(?:from|off|out of) "
        rf"{_THE_ORDER}"
        rf"|{_I}{_DONE}(?:reopened|reinstated|restored|reactivated|un-?cancell?ed|revived|resumed|undid)\b"
        r"[^.;:]{0,30}?(?:\border\b|#\s?W\d{7})"
        rf"|{_I}{_DONE}(?:merged|combined|split|consolidated|joined)\b[^.;:]{{0,30}}?(?:\borders?\b|#\s?W\d{{7}})",
        re.IGNORECASE,
    ),
    # The address, the payment or a method added to an order are the other families' claims.
    unless=re.compile(r"\baddress|\bpayment|\bcard\b|\bpaypal|\bnote\b", re.IGNORECASE),
    # Every form has one of these verbs: one cheap test rules most sentences out.
    hints=(
        *("added", "included", "put", "slipped", "thrown", "removed", "deleted", "took", "taken", "dropped"),
        *("pulled", "reopened", "reinstated", "restored", "reactivated", "cancel", "revived", "resumed"),
        *("undid", "merged", "combined", "split", "consolidated", "joined"),
    ),
)
# "The Office Chair is being returned", "the items were returned": an object said to be returned
# (not money: "the money was returned to your card" is a refund).
RETURNED_OBJECT = ActionPattern(
    "return",
    frozenset({"return_delivered_order_items"}),
    # The customer's own shipping ("was returned to us", "returned by you") is not our work.
    re.compile(rf"(?:{_BEEN}){_DONE}returned\b(?! to (?:us|your|the|you)\b| by\b)", re.I),
    frozenset({"return requested"}),
    unless=re.compile(r"\b(?:money|funds|amount|refund|payment|balance|\$|usd|dollars?)\b", re.IGNORECASE),
    hints=("returned",),
)
# "The mouse on #W... has been exchanged", "the items were swapped": an object said to be exchanged
# or swapped in the passive; an exchange (a swap on a pending order is the item change, which the
# binding of "swap" to both tools already allows).
EXCHANGED_OBJECT = ActionPattern(
    "exchange",
    frozenset({"exchange_delivered_order_items"}),
    re.compile(rf"(?:{_BEEN}){_DONE}(?:exchanged|swapped)\b(?! (?:at|in) (?:a|the) store\b)", re.I),
    frozenset({"exchange requested"}),
    unless=re.compile(r"\b(?:money|funds|currency|\$|usd|dollars?)\b", re.IGNORECASE),
    hints=("exchanged", "swapped"),
)
EXTRA_ACTION_PATTERNS = (
    *EXTRA_ACTION_PATTERNS,
    RETURNED_OBJECT,
    EXCHANGED_OBJECT,
    *ORDER_CHANGE_PATTERNS,
    *UNTOOLED_ACTION_PATTERNS,
    PAYMENT_TO_METHOD,
    UNTOOLED_ORDER_CHANGES,
)
