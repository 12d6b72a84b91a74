"""Action reports in Spanish, French and German read by their structure, as in reports_en.py:
an action noun, its object phrase, a completion predicate, in either order.

    el cambio del pedido #W... ha sido registrado     se ha procesado el reembolso de #W...
    l'échange de la commande #W... a été soumis       nous avons enregistré votre retour
    der Umtausch für Bestellung #W... wurde eingereicht    wir haben die Erstattung veranlasst
"""

from __future__ import annotations

import re

from apps.guardrails.patterns.claims import ReportShape

# A parenthesis is one word; a word may end in the comma of a list of objects ("la devolución del
# E-Reader, la Kettle y la Lamp", "le retour de l'E-Reader, de la Kettle et ...").
_WORD = (
    r"\s+(?:\([^()\n]{1,60}\)|(?>[^\s.,;:!?¿¡]+)(?:[.,](?>[^\s.,;:!?]+))*)"
    r"(?:,(?=\s+(?:el|la|los|las|del|de|le|les|l'|du|des|der|die|das|den|dem|(?-i:[A-ZÄÖÜ]))))?"
)
_GAP = rf"(?P<gap>(?:{_WORD}){{0,16}}?)"
# What may follow a bare predicate: the clause's end, an aside in parentheses, or a joining word.
_END = r"(?=\s*(?:$|[.,;:!?()\u2013\u2014-]|\s(?:{words})\b))"


def _subject(nouns: str, link: str, adverbs: str, predicates: str, end_words: str) -> re.Pattern[str]:
    return re.compile(
        rf"\b{nouns}\b{_GAP}(?:(?P<link>{link})(?P<adv>(?:\s+{adverbs})*)\s+(?P<pred>{predicates})\b"
        rf"|(?P<sep>\s*[:\u2013\u2014-]\s*|\s+)(?P<bpred>{predicates})\b{_END.format(words=end_words)})",
        re.IGNORECASE,
    )


def _verb_first(agent: str, predicates: str, determiners: str, nouns: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?P<agent>{agent})(?P<pred>{predicates})(?P<sep>\s+)(?:(?P<det>{determiners}))"
        rf"(?P<mods>(?:[\w'-]+\s+){{0,2}}?){nouns}\b",
        re.IGNORECASE,
    )


# --- Spanish -------------------------------------------------------------------------------------

_ES_NOUNS = (
    r"(?:(?P<refund>reembolsos?|reintegros?|devoluci[oó]n\s+del\s+(?:dinero|importe|pago))"
    r"|(?P<cancel>cancelaci[oó]n(?:es)?|anulaci[oó]n(?:es)?)"
    r"|(?P<return>(?:solicitud(?:es)?\s+de\s+)?devoluci[oó]n(?:es)?|etiqueta\s+de\s+devoluci[oó]n)"
    r"|(?P<items>cambios?\s+de\s+(?:talla|color|tama[nñ]o|art[ií]culos?|producto|modelo))"
    r"|(?P<address>cambios?\s+de\s+direcci[oó]n)"
    r"|(?P<payment>cambios?\s+de\s+(?:m[eé]todo|forma)\s+de\s+pago)"
    r"|(?P<exchange>(?:solicitud(?:es)?\s+de\s+)?(?:cambio|intercambio|canje)s?))"
    r"(?!\s+(?:de\s+)?(?:pol[ií]tica|plazo|per[ií]odo|condiciones|instrucciones|proceso|estado|costo|"
    r"coste|gastos|direcci|m[eé]todo|forma))"
)
_ES_CHANGED = (
    r"(?:(?P<address>direcci[oó]n(?:\s+de\s+(?:env[ií]o|entrega))?)|(?P<payment>(?:m[eé]todo|forma)\s+de"
    r"\s+pago)|(?P<items>talla|color))"
)
_ES_LINK = (
    r"\s+(?:(?:ya\s+)?(?:ha|han|he|hemos)\s+sido|(?:ya\s+)?fue|fueron|(?:ya\s+)?est[aá]n?|qued[oó]|"
    r"quedaron|quedan?|(?:ya\s+)?se\s+(?:ha|han))"
)
_ES_ADV = r"(?:ya|correctamente|exitosamente|con\s+[eé]xito|tambi[eé]n|debidamente)"
_ES_PARTICIPLES = (
    r"(?:enviad|registrad|procesad|tramitad|emitid|realizad|completad|confirmad|aprobad|iniciad|"
    r"cread|solicitad|efectuad|gestionad|aceptad|hech|presentad|generad|abonad|reembolsad|finalizad|"
    r"ingresad|cursad|autorizad|acreditad|transferid|pagad)[oa]s?"
)
_ES_PREDICATES = (
    rf"{_ES_PARTICIPLES}|siendo\s+(?:{_ES_PARTICIPLES})"
    r"|en\s+(?:marcha|curso|camino|proceso|tr[aá]mite)|list[oa]s?"
)
_ES_CHANGES = r"(?:actualizad|cambiad|modificad|guardad|corregid)[oa]s?"
_ES_AGENT = (
    r"\b(?:ya\s+)?(?:(?:le|les|se\s+le)\s+)?(?:hemos|he|se\s+ha|se\s+han|ha\s+sido|han\s+sido|qued[oó]|"
    r"quedaron|ha\s+quedado|han\s+quedado)\s+"
    r"(?:(?:ya|correctamente|exitosamente)\s+)?"
)
# A first-person preterite carries its own subject ("registramos la devolución").
_ES_FINITE = r"\b(?:ya\s+)?(?:(?:le|les|se)\s+)?"
_ES_FINITE_VERBS = (
    r"(?:registr|proces|tramit|emit|realiz|complet|confirm|aprob|inici|envi|efectu|gestion|acept|"
    r"solicit|cre|present|gener|abon|reembols|finaliz)(?:amos|imos|é|í|ó|ió)"
)
_ES_DETERMINERS = r"(?:el|la|los|las|su|sus|tu|tus|un|una)\s+"
# "hemos procedido a la cancelación", "procedimos al reembolso": the verb of going ahead.
_ES_PROCEEDED = r"procedido\s+a|procedido(?=\s+al\s)|procedimos\s+a|procedimos(?=\s+al\s)"
_ES_BLOCKERS = re.compile(
    r"\b(?:es|son|ser[aá]n?|ser[ií]a|puede|pueden|podr[aá]|podr[ií]a|debe|deben|va|van|vamos|voy|"
    r"cuando|si|una\s+vez|hasta|no|a[uú]n|todav[ií]a|pendiente|ha|han|fue|fueron|est[aá]n?)\b",
    re.IGNORECASE,
)
_ES_GENERIC = re.compile(
    r"^\s*(?:en\s+un\s+plazo|dentro\s+de|en\s+\d|cuando|una\s+vez|si\b|tras\b|despu[eé]s|normalmente|"
    r"generalmente|autom[aá]ticamente|siempre|solo|s[oó]lo)",
    re.IGNORECASE,
)
_ES_END = r"y|pero|para|a|en|de|del|con|hoy|ya"

# --- French --------------------------------------------------------------------------------------

_FR_NOUNS = (
    r"(?:(?P<refund>remboursements?)|(?P<cancel>annulations?)"
    r"|(?P<return>(?:demandes?\s+de\s+)?retours?|[ée]tiquettes?\s+de\s+retour|bon\s+de\s+retour)"
    r"|(?P<items>changements?\s+de\s+(?:taille|couleur|mod[eè]le|pointure|articles?))"
    r"|(?P<address>changements?\s+d['\u2019]\s*adresse)"
    r"|(?P<payment>changements?\s+de\s+(?:moyen|mode)\s+de\s+paiement)"
    r"|(?P<exchange>(?:demandes?\s+d['\u2019]\s*)?[ée]changes?))"
    r"(?!\s+(?:gratuit|possible|polic|d[ée]lai|conditions|frais|proc[ée]dure))"
)
_FR_CHANGED = (
    r"(?:(?P<address>adresse(?:\s+de\s+livraison)?)|(?P<payment>(?:moyen|mode)\s+de\s+paiement)"
    r"|(?P<items>taille|couleur))"
)
_FR_LINK = (
    r"\s+(?:(?:a|ont|avait|avaient)(?:\s+(?:bien|d[ée]j[aà]|maintenant|d[ée]sormais|aussi|"
    r"[ée]galement))*\s+[ée]t[ée]|est|sont|[ée]tait|[ée]taient|fut|vien(?:t|nent)\s+d['\u2019]\s*[êe]tre)"
)
_FR_ADV = r"(?:bien|d[ée]j[aà]|maintenant|d[ée]sormais|correctement|avec\s+succ[eè]s|aussi|[ée]galement)"
_FR_STEMS = (
    r"enregistr|trait|effectu|initi|lanc|valid|confirm|approuv|accept|envoy|pass|r[ée]alis|finalis|"
    r"termin|compl[ée]t|d[ée]pos|vers|cr[ée]dit|rembours|cr[ée]|g[ée]n[ée]r|programm|ex[ée]cut|exp[ée]di"
)
_FR_PARTICIPLES = (
    rf"(?:{_FR_STEMS})[ée]e?s?|(?:soum|[ée]m|transm)ise?s?|ouverte?s?|pris(?:e)?\s+en\s+(?:compte|charge)"
    r"|mise?\s+en\s+place"
)
_FR_PREDICATES = rf"{_FR_PARTICIPLES}|en\s+cours(?:\s+de\s+traitement)?|en\s+route|en\s+chemin"
_FR_CHANGES = r"mise?s?\s+[àa]\s+jour|(?:modifi|chang|corrig|enregistr|remplac)[ée]e?s?"
_FR_AGENT = (
    r"\b(?:j['\u2019]\s*ai|nous\s+avons|on\s+a|je\s+viens\s+d['\u2019]\s*|nous\s+venons\s+d['\u2019]\s*)"
    r"(?:\s*(?:bien|d[ée]j[aà]|aussi|[ée]galement))*\s*"
)
# "nous avons procédé à l'annulation", "j'ai procédé au remboursement".
_FR_PROCEEDED = r"proc[ée]d[ée]\s+[àa]|proc[ée]d[ée](?=\s+aux?\s)"
_FR_VERBS = rf"{_FR_PARTICIPLES}|(?:{_FR_STEMS})er|(?:soumet|[ée]met|transmet)tre|{_FR_PROCEEDED}"
_FR_DETERMINERS = r"(?:le|la|les|votre|vos|ton|ta|tes|un|une|cette|ce|au|aux)\s+|l['\u2019]\s*"
_FR_BLOCKERS = re.compile(
    r"\b(?:sera|seront|serait|peut|peuvent|pourra|pourrait|doit|doivent|va|vont|quand|si|d[eè]s|ne|pas|"
    r"jamais|encore|attente|est|sont|a|ont|[ée]tait)\b|\bn['\u2019]",
    re.IGNORECASE,
)
_FR_GENERIC = re.compile(
    r"^\s*(?:sous\b|dans\s+(?:un\s+d[ée]lai|les)|en\s+\d|quand|lorsque|une\s+fois|d[eè]s\s+(?:que|r[ée]ception)|"
    r"apr[eè]s|si\b|g[ée]n[ée]ralement|normalement|automatiquement|toujours|seulement|uniquement)",
    re.IGNORECASE,
)
_FR_END = r"et|mais|pour|sur|de|du|avec|aujourd'hui|d[ée]j[aà]"

# --- German --------------------------------------------------------------------------------------

_DE_NOUNS = (
    r"(?:(?P<refund>(?:r[üu]ck)?erstattung(?:en)?|r[üu]ckzahlung(?:en)?|gutschrift(?:en)?)"
    r"|(?P<cancel>stornierung(?:en|santrag|sanfrage)?)"
    r"|(?P<return>r[üu]cksendung(?:en)?|r[üu]cksende(?:anfrage|antrag|auftrag|etikett|label|schein)|"
    r"retoure(?:n)?(?:anfrage|antrag|label|schein)?|r[üu]ckgabe(?:antrag|anfrage)?)"
    r"|(?P<exchange>umtausch(?:antrag|anfrage|auftrag)?|austausch)"
    r"|(?P<items>(?:gr[öo](?:ß|ss)en|farb|artikel|varianten)(?:[äa]nderung|wechsel|tausch))"
    r"|(?P<address>adress[äa]nderung)|(?P<payment>zahlungs(?:methoden|art)[äa]nderung))"
    r"(?!\w|\s+(?:frist|richtlinie|bedingungen|kosten|geb[üu]hr))"
)
_DE_CHANGED = (
    r"(?:(?P<address>(?:liefer|versand)?(?:adresse|anschrift))|(?P<payment>zahlungs(?:methode|art|mittel)))"
)
_DE_LINK = r"\s+(?:wurden?|ist|sind|war|waren)"
_DE_ADV = (
    r"(?:bereits|nun|jetzt|soeben|gerade|erfolgreich|schon|auch|inzwischen|heute|umgehend|"
    r"ordnungsgem[äa](?:ß|ss))"
)
_DE_PREDICATES = (
    r"eingereicht|angelegt|registriert|erstellt|veranlasst|beantragt|bearbeitet|eingeleitet|ausgestellt|"
    r"ausgel[öo]st|angewiesen|best[äa]tigt|genehmigt|abgeschlossen|durchgef[üu]hrt|erfasst|aufgegeben|"
    r"eingegangen|erfolgt|unterwegs|in\s+bearbeitung|auf\s+dem\s+weg|erledigt|gesendet|verschickt|"
    r"versandt|[üu]berwiesen|gutgeschrieben|(?:zur[üu]ck)?erstattet|akzeptiert|angenommen|aufgenommen|"
    r"freigegeben|ausgef[üu]hrt|gebucht|ausgezahlt|abgewickelt|in\s+auftrag\s+gegeben"
)
_DE_CHANGES = r"ge[äa]ndert|aktualisiert|gespeichert|angepasst|korrigiert|umgestellt|hinterlegt|ersetzt"
_DE_BLOCKERS = re.compile(
    r"\b(?:wird|werden|w[üu]rde|kann|k[öo]nnen|k[öo]nnte|muss|m[üu]ssen|soll|sollte|darf|wenn|sobald|"
    r"falls|bevor|nachdem|nicht|kein|keine|noch|ausstehend|m[öo]chten|wollen|innerhalb|binnen|"
    r"normalerweise|automatisch|immer|regel)\b",
    re.IGNORECASE,
)
_DE_GENERIC = re.compile(
    r"^\s*(?:innerhalb|binnen|nach\b|sobald|wenn|falls|in\s+der\s+regel|normalerweise|automatisch|"
    r"immer|nur|erst)",
    re.IGNORECASE,
)
_DE_END = r"und|aber|f[üu]r|auf|an|heute|soeben|bereits|worden"
# The performative "(hiermit) bestätigen wir (Ihnen) die Stornierung ...": the confirming is the report.
_DE_CONFIRMING = r"\b(?:hiermit\s+|gerne\s+)?"
_DE_CONFIRM = (
    r"best[äa]tigen\s+wir(?:\s+(?:Ihnen|dir|hiermit|gerne?|gern))*"
    r"|(?<=\bwir\s)best[äa]tigen(?:\s+(?:Ihnen|dir|hiermit|gerne?|gern))*"
)
_DE_DETERMINERS = r"(?:die|den|das|der|Ihre[nm]?|deine[nm]?|eine[nm]?)\s+"
# A bare German participle is a report when an auxiliary stands before it ("wir haben den
# Umtausch ... eingereicht", "soeben wurde die Erstattung ... veranlasst").
_DE_AUXILIARIES = re.compile(r"\b(?:haben|habe|hat|wurden?|ist|sind)\b", re.IGNORECASE)

REPORT_SHAPES_INTL: tuple[ReportShape, ...] = (
    ReportShape(
        "de",
        "verb",
        _verb_first(_DE_CONFIRMING, _DE_CONFIRM, _DE_DETERMINERS, _DE_NOUNS),
        _DE_BLOCKERS,
        _DE_GENERIC,
    ),
    ReportShape(
        "es",
        "subject",
        _subject(_ES_NOUNS, _ES_LINK, _ES_ADV, _ES_PREDICATES, _ES_END),
        _ES_BLOCKERS,
        _ES_GENERIC,
        frozenset({"está", "esta", "están", "estan", "queda", "quedan"}),
    ),
    ReportShape(
        "es",
        "subject",
        _subject(_ES_CHANGED, _ES_LINK, _ES_ADV, _ES_CHANGES, _ES_END),
        _ES_BLOCKERS,
        _ES_GENERIC,
        frozenset({"está", "esta", "están", "estan", "queda", "quedan"}),
    ),
    ReportShape(
        "es",
        "verb",
        _verb_first(_ES_AGENT, _ES_PARTICIPLES, _ES_DETERMINERS, _ES_NOUNS),
        _ES_BLOCKERS,
        _ES_GENERIC,
    ),
    ReportShape(
        "es",
        "verb",
        _verb_first(_ES_AGENT, _ES_PROCEEDED, f"{_ES_DETERMINERS}|al\\s+", _ES_NOUNS),
        _ES_BLOCKERS,
        _ES_GENERIC,
    ),
    ReportShape(
        "es",
        "verb",
        _verb_first(_ES_FINITE, _ES_FINITE_VERBS, _ES_DETERMINERS, _ES_NOUNS),
        _ES_BLOCKERS,
        _ES_GENERIC,
    ),
    ReportShape(
        "fr",
        "subject",
        _subject(_FR_NOUNS, _FR_LINK, _FR_ADV, _FR_PREDICATES, _FR_END),
        _FR_BLOCKERS,
        _FR_GENERIC,
        frozenset({"est", "sont"}),
    ),
    ReportShape(
        "fr",
        "subject",
        _subject(_FR_CHANGED, _FR_LINK, _FR_ADV, _FR_CHANGES, _FR_END),
        _FR_BLOCKERS,
        _FR_GENERIC,
        frozenset({"est", "sont"}),
    ),
    ReportShape(
        "fr", "verb", _verb_first(_FR_AGENT, _FR_VERBS, _FR_DETERMINERS, _FR_NOUNS), _FR_BLOCKERS, _FR_GENERIC
    ),
    ReportShape(
        "de",
        "subject",
        _subject(_DE_NOUNS, _DE_LINK, _DE_ADV, _DE_PREDICATES, _DE_END),
        _DE_BLOCKERS,
        _DE_GENERIC,
        frozenset({"ist", "sind"}),
        _DE_AUXILIARIES,
    ),
    ReportShape(
        "de",
        "subject",
        _subject(_DE_CHANGED, _DE_LINK, _DE_ADV, _DE_CHANGES, _DE_END),
        _DE_BLOCKERS,
        _DE_GENERIC,
        frozenset({"ist", "sind"}),
        _DE_AUXILIARIES,
    ),
)
