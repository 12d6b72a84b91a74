"""The precompiled patterns the guardrails read answers with: sentences and clauses, money,
durations, percentages, dates, action claims and policy statements. Fact topics and the
per-snapshot product index are in topics.py."""

from __future__ import annotations

import re
from dataclasses import dataclass

SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
CLAUSE = re.compile(
    r",\s+|;\s+|:\s+|\s+(?:and|but|while|whereas|although|though|so|plus)\s+|\s+[-\u2013\u2014]\s+"
)

MONEY = re.compile(
    r"(?:(?P<cur>US\$|\$|\bUSD\s?)\s?(?P<a>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<ac>\d{1,2}))?(?![\d,]*\d)"
    r"|(?<![\w.$])(?P<b>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<bc>\d{2}))?\s?(?:dollars?|USD|bucks)\b)",
    re.IGNORECASE,
)

_WORD_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty-five": 45,
    "forty five": 45,
    "sixty": 60,
    "ninety": 90,
}
_NUM = r"\d+|" + "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS), key=len, reverse=True))
DURATION = re.compile(
    rf"(?P<pre>\b(?:within|in|up to|after|for|about|around|under|over|only)\s+)?"
    rf"\b(?P<lo>{_NUM})(?:\s*(?:-|\u2013|to|or)\s*(?P<hi>{_NUM}))?[\s-]*"
    r"(?P<biz>business\s+|working\s+|calendar\s+|full\s+)?(?P<unit>days?|weeks?|months?|hours?)\b",
    re.IGNORECASE,
)
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "hour": 0}


def number_word(text: str) -> int | None:
    text = text.lower()
    if text.isdigit():
        return int(text)
    return _WORD_NUMBERS.get(text)


PERCENT = re.compile(r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)", re.IGNORECASE)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
DATE = re.compile(
    rf"\b(?:(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})|(?P<month>{_MONTHS})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:,?\s+(?P<year>\d{{4}}))?)\b",
    re.IGNORECASE,
)

# Words that make a figure an amount (a total, a refund, a balance) rather than a unit price.
AMOUNT_WORDS = re.compile(
    r"\b(?:total\w*|altogether|in all|refund\w*|reimburs\w*|balance|difference|charg\w*|paid|pay|"
    r"payment\w*|credit\w*|amount|sum|subtotal|owe\w*|comes? to|came to|back)\b",
    re.IGNORECASE,
)
FEE_WORDS = re.compile(
    r"\b(?:fee|fees|surcharge|charge|charged|handling|restocking|penalty|discount|off|cashback|interest"
    r"|tax)\b",
    re.IGNORECASE,
)
NEGATION = re.compile(
    r"\b(?:not|no|never|cannot|can't|can\u2019t|won't|won\u2019t|isn't|isn\u2019t|aren't|doesn't|don't|"
    r"didn't|without|free|nothing)\b",
    re.IGNORECASE,
)
# A clause that promises or proposes rather than reports: no action has to have happened.
NOT_DONE = re.compile(
    r"\b(?:will|won't|would|can|could|shall|should|may|might|must|once|if|when|whenever|after|"
    r"before|until|unless|as soon as|going to|able to|want|wants|like|need|needs|ready to|let me|"
    r"haven't|hasn't|have not|has not|not yet|not|never|no|cannot|can't|wasn't|weren't|isn't|"
    r"aren't|didn't|did not|nothing|please|confirm|whether|would you|do you|shall i|"
    r"I'll|we'll|you'll|it'll|they'll|I\u2019ll|we\u2019ll|you\u2019ll|it\u2019ll)\b"
    # Spanish, French and German: negation, ability, intention, condition, a question.
    r"|\b(?:todav[ií]a|a[uú]n|puedo|podemos|puede|podr[ií]a|voy a|vamos a|quiere|quieres|desea|si|"
    r"cuando|una vez|antes|despu[eé]s de|en cuanto|ne|pas|n'|peux|pouvons|pouvez|puis|vais|allons|"
    r"voulez|souhaitez|quand|une fois|avant|apr[eè]s|d[eè]s que|nicht|kein|keine|kann|k[oö]nnen|werde|"
    r"werden|m[oö]chten|wollen|wenn|sobald|falls|bevor|nachdem)\b|\u00bf",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ActionPattern:
    family: str  # what the claim says was done
    tools: frozenset[str]  # any one successful call of these supports it
    pattern: re.Pattern[str]
    status: frozenset[str] = frozenset()  # an observed order status that also supports a passive report


# Cheap substring tests that rule a clause out before the full patterns run (most clauses).
ACTION_HINTS = {
    "cancel": ("cancel", "annul", "storn"),
    "refund": (
        "refund",
        "reimburs",
        "credited",
        "way back",
        "money back",
        "reembols",
        "rembours",
        "erstatt",
        "gutgeschrieben",
    ),
    "return": ("return", "label", "devoluci", "retour", "rücksend", "retoure", "rückgabe"),
    "exchange": ("exchang", "cambio", "échange", "umtausch", "umgetauscht"),
    "address": ("address", "ship", "direcci", "adresse", "anschrift"),
    "payment": ("payment", "pago", "paiement", "zahlung"),
    "items": ("item", "size", "colo", "option", "variant", "model", "swapped", "exchanged", "replaced"),
    "completion": (
        "done",
        "set",
        "taken care",
        "complete",
        "processed",
        "handled",
        "sorted",
        "finali",
        "on its way",
        "on the way",
        "listo",
        "hecho",
        "complet",
        "fait",
        "termin",
        "effectu",
        "régl",
        "erledigt",
        "abgeschlossen",
        "bearbeitet",
    ),
}
# Families whose claim the completion phrases stand in for; a sentence reporting one of these
# is not also read as a bare "all done".
SPECIFIC_FAMILIES = ("cancel", "refund", "return", "exchange", "address", "payment", "items")
POLICY_HINTS = ("gift", "cancel", "return", "exchang", "restock", "accept", "pay", "cash", "balance")


_REFUND_TOOLS = frozenset(
    {
        "cancel_pending_order",
        "modify_pending_order_payment",
        "modify_pending_order_items",
        "exchange_delivered_order_items",
    }
)
_I = (
    r"\b(?:I|we)(?:'ve|\u2019ve| have)?(?:\s+(?:just|already|now|also|successfully|gone ahead and|"
    r"went ahead and|have gone ahead and))*\s+"
)
_BEEN = (
    r"\b(?:has|have|had)\s+(?:now\s+|just\s+|already\s+|successfully\s+)?been\s+"
    r"|\b(?:was|were|is now|are now)\s+"
)
_DONE = r"(?:successfully\s+)?"

ACTION_PATTERNS: tuple[ActionPattern, ...] = (
    ActionPattern(
        "cancel",
        frozenset({"cancel_pending_order"}),
        re.compile(
            rf"{_I}{_DONE}cancell?ed\b|(?:{_BEEN}){_DONE}cancell?ed\b|\bcancellation (?:is|has been) "
            r"(?:complete|done|confirmed|processed)|\b(?:is|are) (?:now )?cancell?ed\b",
            re.IGNORECASE,
        ),
        frozenset({"cancelled"}),
    ),
    ActionPattern(
        "refund",
        _REFUND_TOOLS,
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
            rf"{_I}{_DONE}(?:swapped|exchanged|replaced) (?:the |your |it\b)|"
            rf"{_I}{_DONE}(?:updated|changed|switched|swapped|modified|replaced|upgraded) (?:the |your )?"
            r"(?:order'?s? )?(?:items?|size|colou?r|options?|variant|model)\b|\b(?:items?|size|colou?r"
            r"|options?)"
            r" (?:on (?:the|your) order )?(?:has|have) (?:now |just )?been (?:updated|changed|switched|"
            r"swapped|modified|replaced)\b",
            re.IGNORECASE,
        ),
    ),
)


# --- the same claims in Spanish, French and German, and claims with no object ------------------

_ES_BEEN = r"(?:(?:ha|han|he|hemos) sido |fue |fueron |est[aá] |quedó |queda |ya est[aá] )?"
_FR_BEEN = r"(?:a été |ont été |est |sont |est bien |a bien été )?"
_DE_BEEN = r"(?:wurde |wurden |ist |sind |wurde bereits |ist bereits |haben wir |habe ich )?"
FOREIGN_ACTION_PATTERNS: tuple[ActionPattern, ...] = (
    ActionPattern(
        "cancel",
        frozenset({"cancel_pending_order"}),
        re.compile(
            r"\b(?:cancelad[oa]s?|anulad[oa]s?|cancel[eé]|cancelamos|annul[ée]e?s?|storniert|annulliert)\b",
            re.IGNORECASE,
        ),
        frozenset({"cancelled"}),
    ),
    ActionPattern(
        "refund",
        _REFUND_TOOLS,
        re.compile(
            rf"\breembolsad[oa]s?\b|\breembolso (?:de [^ ]+ )?{_ES_BEEN}(?:emitido|procesado|realizado|hecho|"
            r"enviado|en camino|iniciado)\b|\bhemos devuelto\b|\bremboursée?s?\b"
            r"|\bremboursement (?:de [^ ]+ )?"
            rf"{_FR_BEEN}(?:effectué|émis|envoyé|traité|en cours|lancé|initié)|\b(?:zurück)?erstattet\b|"
            rf"\brückerstattung (?:von [^ ]+ )?{_DE_BEEN}(?:veranlasst|ausgelöst|bearbeitet|angewiesen|"
            r"unterwegs|erfolgt|eingeleitet)|\bgutgeschrieben\b",
            re.IGNORECASE,
        ),
    ),
    ActionPattern(
        "return",
        frozenset({"return_delivered_order_items"}),
        re.compile(
            rf"\bdevoluci[oó]n (?:de [^.,;]{{1,40}} )?{_ES_BEEN}(?:registrada|creada|iniciada|solicitada|"
            rf"tramitada|procesada|aceptada|en marcha)\b|\b(?:demande de )?retour {_FR_BEEN}"
            r"(?:enregistrée?|créée?|"
            rf"initiée?|demandée?|traitée?|acceptée?|validée?)|\b(?:rücksendung|retoure|rückgabe) {_DE_BEEN}"
            r"(?:angelegt|registriert|erstellt|veranlasst|beantragt|bearbeitet|eingeleitet)\b",
            re.IGNORECASE,
        ),
        frozenset({"return requested"}),
    ),
    ActionPattern(
        "exchange",
        frozenset({"exchange_delivered_order_items"}),
        re.compile(
            rf"\b(?:cambio|intercambio) (?:de [^.,;]{{1,40}} )?{_ES_BEEN}(?:registrado|creado|iniciado|"
            r"solicitado|tramitado|procesado|realizado|en curso|en marcha)\b|\béchange "
            rf"{_FR_BEEN}(?:enregistré|créé|initié|demandé|traité|effectué|en cours)|\bumtausch "
            rf"{_DE_BEEN}(?:angelegt|registriert|erstellt|veranlasst|beantragt|bearbeitet|eingeleitet|"
            r"unterwegs|in bearbeitung)\b|\bumgetauscht\b",
            re.IGNORECASE,
        ),
        frozenset({"exchange requested"}),
    ),
    ActionPattern(
        "address",
        frozenset({"modify_pending_order_address", "modify_user_address"}),
        re.compile(
            rf"\bdirecci[oó]n (?:de (?:envío|entrega) )?{_ES_BEEN}(?:actualizada|cambiada|modificada|"
            rf"guardada|corregida)\b|\badresse (?:de livraison )?{_FR_BEEN}(?:mise à jour|modifiée|changée|"
            rf"enregistrée|corrigée)|\b(?:liefer)?(?:adresse|anschrift) {_DE_BEEN}(?:geändert|aktualisiert|"
            r"gespeichert|angepasst|korrigiert)\b",
            re.IGNORECASE,
        ),
    ),
    ActionPattern(
        "payment",
        frozenset({"modify_pending_order_payment"}),
        re.compile(
            rf"\bm[ée]todo de pago {_ES_BEEN}(?:actualizado|cambiado|modificado)\b|\b(?:moyen|mode) de "
            rf"paiement {_FR_BEEN}(?:mis à jour|modifié|changé)|\bzahlungs(?:methode|art|mittel) {_DE_BEEN}"
            r"(?:geändert|aktualisiert|umgestellt)\b",
            re.IGNORECASE,
        ),
    ),
)

# Reports that are true of a different object than they name, in English: a refund "on its
# way back", an address "saved", a return label "in your inbox".
EXTRA_ACTION_PATTERNS: tuple[ActionPattern, ...] = (
    ActionPattern(
        "refund",
        _REFUND_TOOLS,
        re.compile(
            r"\b(?:money|funds|amount|refund|payment|it)(?:'s| is| are| has been) (?:now |already )?"
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

# Completion with no object: true only of a write made in this very turn.
COMPLETION = ActionPattern(
    "completion",
    frozenset(),
    re.compile(
        r"\ball (?:done|set|sorted|taken care of|squared away)\b|^\W*(?:done|sorted|finished|completed)\b"
        r"|\btaken care of\b|\b(?:that|this|it|everything|your request|the request|your change|the change|"
        r"your order|the order|all)(?:'s been|'s| is| has been| was| are| have been)? (?:now |all |already )?"
        r"(?:done|completed|complete|processed|handled|sorted(?: out)?|finali[sz]ed|finished|in progress|"
        r"underway|on (?:its|the|their) way|through)\b|\b(?:I|we)(?:'ve| have)? (?:just |now |already )?"
        r"(?:completed|processed|handled|sorted|finali[sz]ed|finished|actioned|done) "
        r"(?:it|that|this|everything|your request|the request|the change|your change)\b"
        r"|\byou(?:'re| are) (?:all )?(?:set|good to go)\b"
        r"|\b(?:todo listo|ya est[aá]|listo|hecho)\b|\bsolicitud (?:ha sido |fue )?(?:completada|procesada)"
        r"|\bc'est (?:fait|réglé)|\btout est (?:fait|réglé)|\bdemande (?:a été |est )?(?:traitée|effectuée|"
        r"terminée)|\b(?:alles )?erledigt\b|\banfrage (?:wurde |ist )?(?:bearbeitet|abgeschlossen)",
        re.IGNORECASE,
    ),
)


@dataclass(frozen=True)
class PolicyPattern:
    """A statement that contradicts a text fact while that fact still says `expected`."""

    fact: str
    expected: str
    pattern: re.Pattern[str]
    negatable: bool = True  # a negation in the clause ("cannot be cashed out") defuses it


POLICY_PATTERNS: tuple[PolicyPattern, ...] = (
    PolicyPattern(
        "gift-card-expiry",
        "never",
        re.compile(
            r"\bgift cards?(?: balances?| credit)? (?:will |do |does |can )?expires? (?:after|in|within|at"
            r"|once|"
            r"if|\d)|\bgift cards?(?: balances?)? (?:are|is) (?:only )?valid (?:for|until)\b",
            re.IGNORECASE,
        ),
        negatable=False,
    ),
    PolicyPattern(
        "gift-card-cash-out",
        "not possible",
        re.compile(
            r"\b(?:cash(?:ed)? out|withdraw\w*|pay(?:ed|ing)? out|transfer\w*|mov(?:e|ed|ing)) (?:the |your "
            r"|a )?"
            r"(?:remaining )?(?:gift card )?(?:balance|gift card)\b|\bgift card balance (?:can|could|may) be "
            r"(?:paid out|cashed|withdrawn|transferred|moved)\b",
            re.IGNORECASE,
        ),
    ),
    PolicyPattern(
        "cancellable-status",
        "pending",
        re.compile(
            r"\b(?:processed|shipped|delivered|dispatched) orders? can (?:still |also )?be cancell?ed\b|"
            r"\bcan (?:still |also )?(?:be )?cancel(?:led)? (?:it |the order |your order )?(?:even )?"
            r"(?:though|although|after|now that|once) (?:it|the order|your order) (?:has|is|was) "
            r"(?:been |already )?(?:processed|shipped|delivered|dispatched)\b|\b(?:still|also) be cancell?ed "
            r"(?:even )?(?:though|although|after|now that) it (?:has|is|was) (?:been |already )?"
            r"(?:processed|shipped|delivered)\b",
            re.IGNORECASE,
        ),
    ),
    PolicyPattern(
        "returnable-status",
        "delivered",
        re.compile(
            r"\b(?:pending|processed|undelivered|in[- ]transit) (?:orders?|items?) can (?:also )?be "
            r"(?:returned|exchanged)\b|\breturn (?:items|it|them|an order) (?:before|even before) "
            r"(?:it|they) (?:arrive|arrives|are delivered|is delivered)\b",
            re.IGNORECASE,
        ),
    ),
    PolicyPattern(
        "restocking-fee",
        "0.00",
        re.compile(
            r"\b(?:there is|there's|we charge|you'll be charged|includes?|applies) an? restocking fee\b", re.I
        ),
    ),
    PolicyPattern(
        "return-shipping-fee",
        "0.00",
        re.compile(
            r"\byou(?:'ll| will)? (?:need to |have to |must )?pay (?:for )?(?:the )?return shipping\b|"
            r"\breturn shipping is (?:at your (?:own )?expense|paid by you|your responsibility)\b|"
            r"\breturn label costs?\b",
            re.IGNORECASE,
        ),
    ),
    PolicyPattern(
        "payment-methods",
        "credit card, PayPal, gift card",
        re.compile(
            r"\bwe (?:also |now |gladly )?(?:accept|take|support) (?:[\w ,]{0,40})?\b(?:apple pay|google pay|"
            r"bitcoin|crypto\w*|bank transfers?|wire transfers?|cash on delivery|cash|venmo|klarna|afterpay|"
            r"cheques?|checks?|amazon pay|zelle)\b|\byou can (?:also )?pay (?:with|by|using) (?:apple pay|"
            r"google pay|bitcoin|crypto\w*|bank transfer|cash|venmo|klarna|afterpay|zelle)\b",
            re.IGNORECASE,
        ),
    ),
)
