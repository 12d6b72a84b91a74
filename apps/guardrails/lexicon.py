"""The words agents report a change of state with, by claim family, in English, Spanish, French and
German: the object nouns ("cancellation", "devolución", "Rücksendung"), the predicates that
say the change happened ("went through", "confirmée", "angelegt"), the verbs an agent reports
its own work with ("I've processed", "he registrado", "j'ai enregistré") and the phrases that
say "done" with no object ("job done", "todo resuelto", "schon geschehen").

Plain strings (regex fragments), no imports: patterns/changes.py and patterns/completion.py
compile them once. A word belongs here when agents use it to report that something was done;
a word that also names a policy in general ("returns are accepted") is kept out or needs an
object that is the customer's own (see patterns/changes.py).
"""

from __future__ import annotations


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of fragments, longest first (so "address change" wins over "address")."""
    return "|".join(sorted(words, key=len, reverse=True))


# --- the object of a report, by family --------------------------------------------------------

NOUNS: dict[str, tuple[str, ...]] = {
    "cancel": (
        r"cancell?ation",
        r"cancelaci[oó]n",
        r"anulaci[oó]n",
        r"annulation",
        r"stornierung",
        r"storno",
    ),
    "refund": (
        r"refund(?! request)",  # a "refund request" is the return's (action_reports.py)
        r"reimbursement",
        r"reembolso",
        r"remboursement",
        r"(?:r[uü]ck)?erstattung",
    ),
    "return": (
        r"return(?: request)?",
        r"devoluci[oó]n",
        r"(?:demande de )?retour",
        r"r[uü]cksendung",
        r"retoure",
        r"r[uü]ckgabe",
    ),
    "exchange": (
        r"exchange(?: request)?",
        r"swap",
        r"replacement",
        r"cambio",
        r"intercambio",
        r"[ée]change",
        r"umtausch",
    ),
    "address": (
        r"address change",
        r"change of address",
        r"address update",
        r"(?:new |shipping |delivery |billing )?address",
        r"direcci[oó]n(?: de (?:env[ií]o|entrega))?",
        r"adresse(?: de livraison)?",
        r"(?:liefer)?(?:adresse|anschrift)",
        r"(?:liefer)?adress[äa]nderung",
    ),
    "payment": (
        r"payment(?: method)?(?: change)?",
        r"billing",
        r"(?:m[ée]todo|forma|medio) de pago",
        r"(?:moyen|mode) de paiement",
        r"zahlungs(?:methode|art|mittel)(?:[äa]nderung)?",
    ),
    "items": (
        r"item change",
        r"(?:size|colou?r|option|variant|version) change",
        r"change of (?:size|colou?r|item|variant|version)",
    ),
}

# --- what says the change happened (after the noun: "the cancellation ... went through") -------

PREDICATES = (
    # English
    r"went through",
    r"gone through",
    r"(?:is|'s|are) (?:now )?through",
    r"(?:is|'s|are) (?:now )?(?:in place|in(?=\s*[:.!]|$)|live|active|on file|all set|sorted|done)",
    r"confirmed",
    r"completed?",
    r"done",
    r"saved",
    r"submitted",
    r"lodged",
    r"booked",
    r"filed",
    r"registered",
    r"recorded",
    r"logged",
    r"set up",
    r"processed",
    r"arranged",
    r"approved",
    r"accepted",
    r"finali[sz]ed",
    r"issued",
    r"handled",
    r"taken care of",
    r"put through",
    r"placed",
    r"opened",
    r"created",
    r"initiated",
    r"applied",
    r"updated",
    r"changed",
    r"switched",
    r"actioned",
    r"executed",
    # Spanish
    r"confirmad[oa]s?",
    r"registrad[oa]s?",
    r"hech[oa]s?",
    r"completad[oa]s?",
    r"procesad[oa]s?",
    r"tramitad[oa]s?",
    r"realizad[oa]s?",
    r"cread[oa]s?",
    r"aceptad[oa]s?",
    r"aprobad[oa]s?",
    r"efectuad[oa]s?",
    r"gestionad[oa]s?",
    r"guardad[oa]s?",
    r"actualizad[oa]s?",
    r"cambiad[oa]s?",
    r"modificad[oa]s?",
    r"emitid[oa]s?",
    r"en marcha",
    r"en curso",
    r"en camino",
    # French
    r"confirm[ée]e?s?",
    r"valid[ée]e?s?",
    r"enregistr[ée]e?s?",
    r"effectu[ée]e?s?",
    r"trait[ée]e?s?",
    r"termin[ée]e?s?",
    r"cr[ée][ée]e?s?",
    r"accept[ée]e?s?",
    r"approuv[ée]e?s?",
    r"prise? en compte",
    r"pris en charge",
    r"mise? à jour",
    r"modifi[ée]e?s?",
    # Unaccented "change(s)" is the English noun ("the payment change didn't go through").
    r"chang(?:ée?s?|ees?)",
    r"[ée]mise?s?",
    r"lanc[ée]e?s?",
    r"pass[ée]e?s?",
    r"faite?s?",
    r"en cours",
    r"en route",
    # German
    r"durch",
    r"best[äa]tigt",
    r"angelegt",
    r"registriert",
    r"erfasst",
    r"erstellt",
    r"veranlasst",
    r"eingeleitet",
    r"bearbeitet",
    r"abgeschlossen",
    r"erledigt",
    r"angenommen",
    r"genehmigt",
    r"angemeldet",
    r"ausgef[üu]hrt",
    r"ge[äa]ndert",
    r"aktualisiert",
    r"gespeichert",
    r"umgestellt",
    r"ausgel[öo]st",
    r"aufgenommen",
    r"eingetragen",
    r"angewiesen",
    r"[üu]berwiesen",
    r"unterwegs",
    r"in bearbeitung",
)

# What says a change of address, payment method or item happened: the words above that report a
# change, not those that could describe the original ("your payment was processed", "your address
# is confirmed").
CHANGE_PREDICATES = (
    r"went through",
    r"gone through",
    r"(?:is|'s|are) (?:now )?(?:in place|through|done|all set)",
    r"done",
    r"saved",
    r"submitted",
    r"lodged",
    r"applied",
    r"updated",
    r"changed",
    r"switched",
    r"swapped",
    r"corrected",
    r"modified",
    r"replaced",
    r"moved",
    r"actioned",
    r"executed",
    r"hech[oa]s?",
    r"faite?s?",
    r"erledigt",
    r"guardad[oa]s?",
    r"reemplazad[oa]s?",
    r"remplac[ée]e?s?",
    r"ersetzt",
    r"actualizad[oa]s?",
    r"cambiad[oa]s?",
    r"modificad[oa]s?",
    r"corregid[oa]s?",
    r"enregistr[ée]e?s?",
    r"mise? à jour",
    r"modifi[ée]e?s?",
    # Unaccented "change(s)" is the English noun ("the payment change didn't go through").
    r"chang(?:ée?s?|ees?)",
    r"corrig[ée]e?s?",
    r"ge[äa]ndert",
    r"aktualisiert",
    r"gespeichert",
    r"umgestellt",
    r"korrigiert",
    r"angepasst",
)

# --- an agent reporting its own work ("I've processed the ...", "he registrado la ...") ---------

SELF = (
    r"\b(?:I|we)(?:'ve| have|'d| had)?"
    r"(?:\s+(?:just|already|now|also|successfully|gone ahead and|went ahead and))*",
    r"\b(?:he|hemos|se ha|se han)(?:\s+(?:ya|tambi[ée]n))?",
    r"\b(?:j'ai|nous avons)(?:\s+(?:bien|d[ée]j[àa]))?",
    r"\b(?:ich habe|wir haben|habe ich|haben wir)",
)
DID = (
    # English
    r"processed",
    r"put through",
    r"logged",
    r"registered",
    r"recorded",
    r"booked",
    r"filed",
    r"lodged",
    r"submitted",
    r"set up",
    r"opened",
    r"arranged",
    r"created",
    r"started",
    r"initiated",
    r"confirmed",
    r"completed",
    r"finali[sz]ed",
    r"placed",
    r"made",
    r"actioned",
    r"sorted(?: out)?",
    r"handled",
    r"issued",
    r"raised",
    r"put in",
    r"requested",
    r"got",
    r"applied",
    r"executed",
    # Spanish
    r"registrado",
    r"tramitado",
    r"procesado",
    r"creado",
    r"iniciado",
    r"solicitado",
    r"gestionado",
    r"confirmado",
    r"completado",
    r"realizado",
    r"hecho",
    r"efectuado",
    r"emitido",
    # French
    r"enregistr[ée]",
    r"cr[ée][ée]",
    r"valid[ée]",
    r"confirm[ée]",
    r"effectu[ée]",
    r"trait[ée]",
    r"lanc[ée]",
    r"initi[ée]",
    r"fait",
    r"pass[ée]",
    r"[ée]mis",
    r"proc[ée]d[ée] (?:à la|à l'|au|aux)",
    r"procedido con",
)

# Changing an address or a payment method, in Spanish and French ("he cambiado la dirección").
CHANGE_VERBS_INTL = (
    r"cambiado",
    r"actualizado",
    r"modificado",
    r"corregido",
    r"modifi[ée]e?",
    r"chang(?:ée?|ee)",
    r"mis à jour",
    r"corrig[ée]e?",
    r"ge[äa]ndert",
    r"aktualisiert",
    r"umgestellt",
)

# Cancelling in other words ("I've called off the order").
CANCEL_VERBS = (r"called off", r"voided", r"scrapped", r"stopped", r"killed", r"pulled", r"withdrawn")

# Changing something to something else ("switched the Water Bottle on #W... to the 500ml").
CHANGE_VERBS = (
    r"changed",
    r"updated",
    r"switched",
    r"swapped",
    r"upgraded",
    r"moved",
    r"converted",
    r"modified",
    r"amended",
    r"set",
)

# What would make a claim a promise, a condition or a refusal when it sits inside the words of a
# report ("the refund *will* be issued", "le remboursement *sera* lancé", "nicht"): a match whose
# gap holds one of these is not a report. patterns.text.NOT_DONE covers the words before it.
NOT_IN_GAP = (
    r"will|won't|would|could|should|shall|may|might|must|can|cannot|can't|once|if|when|after|before|"
    r"until|unless|not|never|no|yet|going to|about to|\w*n't|\w*'ll|\w*'d|"
    r"ser[áa]n?|ser[ée]|podr[áa]|cuando|si|no|todav[ií]a|a[uú]n|"
    r"sera|seront|serez|serai|pourra|quand|d[èe]s que|ne|pas|n'|"
    r"wird|werden|wenn|sobald|falls|nicht|kein|keine|noch nicht|"
    # the conditional: "seriez", "würden"
    r"ser[ií]an?|ser(?:ais|ait|iez|ions|aient)|würden?|wären?"
)

# A new subject inside the words of a report: the predicate after it is not the object's
# ("the address *they* were placed with", "la dirección *que* ...").
OTHER_SUBJECT = r"they|it|we|you|he|she|which|that|who|whose|que|quien|qui|dont|ils|elles|welche[rs]?"

# --- completion with no object --------------------------------------------------------------

COMPLETION_PHRASES = (
    # English
    r"job(?:'s| is)? done",
    r"done and dusted",
    r"consider it (?:done|sorted|handled)",
    r"(?:you're|you are|we're|we are|you're all|we're all) (?:all )?(?:set|good to go|sorted)",
    r"good to go",
    r"(?:everything|all|that|it|this)(?:'s| is| has been|'s been)? (?:now |all )?squared away",
    r"(?:everything|all)(?:'s| is) (?:now )?(?:in order|good|fixed|sorted|settled|squared away)",
    r"(?:that|this|it|everything)(?:'s| is| has been|'s been) (?:now |all )?(?:finished|wrapped up|settled|"
    r"fixed|sorted|squared away|been seen to)",
    r"^\W*(?:right|ok(?:ay)?|great|there|perfect|voil[àa])?\W*(?:finished|all finished|all sorted|sorted)\b",
    r"sorted for you",
    r"mission accomplished",
    r"that's a wrap",
    r"(?:all|everything(?:'s| is)?|that's|it's) (?:now )?wrapped up",
    r"(?:all|everything) (?:taken care of|handled|sorted|settled)",
    r"changes? (?:is |are |has been |have been |'s )?(?:now )?(?:saved|done|applied|made|in place|complete)",
    # Spanish
    r"todo (?:resuelto|solucionado|arreglado|en orden|hecho|listo|correcto)",
    r"(?:ya )?(?:qued[oó]|est[aá]) (?:resuelto|solucionado|arreglado|hecho|listo)",
    r"(?:asunto|problema|tema) (?:resuelto|solucionado)",
    # French
    r"tout est (?:en ordre|bon|r[ée]gl[ée]|arrang[ée]|termin[ée]|fait)",
    r"(?:c'est|voil[àa]) (?:termin[ée]|r[ée]gl[ée]|bon|arrang[ée])",
    r"voil[àa] qui est fait",
    r"affaire r[ée]gl[ée]e",
    # German
    r"(?:schon |bereits |alles )?geschehen",
    r"(?:alles )?(?:fertig|in ordnung|geregelt|gekl[äa]rt)",
    r"(?:ist|wurde) (?:alles )?(?:erledigt|gemacht|abgeschlossen)",
)

# Cheap substring tests: a sentence without one of these cannot hold the family's object noun.
NOUN_HINTS: dict[str, tuple[str, ...]] = {
    "cancel": ("cancel", "anulaci", "annulation", "storn"),
    "refund": ("refund", "reimburs", "reembols", "rembours", "erstatt"),
    "return": ("return", "devoluci", "retour", "rücksend", "rucksend", "retoure", "rückgabe", "ruckgabe"),
    "exchange": ("exchang", "swap", "replacement", "cambio", "échange", "echange", "umtausch"),
    "address": ("address", "adress", "direcci", "anschrift"),
    "payment": ("payment", "billing", "pago", "paiement", "zahlung"),
}
CANCEL_HINTS = ("called off", "voided", "scrapped", "stopped", "killed", "pulled", "withdrawn")
# ... and one of these, the completion phrases.
COMPLETION_HINTS = (
    "change",
    "done",
    "set",
    "good to go",
    "squared",
    "sorted",
    "finished",
    "wrap",
    "in order",
    "en orden",
    "en ordre",
    "handled",
    "settled",
    "fixed",
    "accomplished",
    "resuelto",
    "solucionado",
    "arreglado",
    "listo",
    "hecho",
    "en ordre",
    "c'est bon",
    "régl",
    "arrang",
    "termin",
    "fait",
    "geschehen",
    "fertig",
    "ordnung",
    "geregelt",
    "geklärt",
    "erledigt",
    "gemacht",
    "abgeschlossen",
)

# Predicates that say an object was left as it was ("#W... keeps its old address", "the Office
# Chair stays on the order", "sigue igual", "reste inchangée", "bleibt unverändert"): a clause
# built on one is about an object the action did not touch, in the four languages read.
LEFT_ALONE = (
    r"keeps?",
    r"kept",
    r"stays?",
    r"stayed",
    r"remains?",
    r"remained",
    r"unchanged",
    r"untouched",
    r"unaffected",
    r"unmodified",
    r"left (?:alone|as (?:it|they) (?:was|were|is|are))",
    r"left (?:it|them|that(?: one)?|this(?: one)?|those)",
    # A state it is still in, or one it had already reached (the reason nothing was done).
    r"(?:is|are|was|were) still",
    # "still" says a state goes on: "#W... still ships to the old address", "still uses PayPal".
    r"still",
    r"(?:had|has|have|was|were|is|are) already (?:been )?(?:shipped|processed|delivered|dispatched|"
    r"cancell?ed|returned|exchanged|modified|changed)",
    r"as (?:it|they) (?:was|were)",
    r"(?:is|are|was|were) still (?:on|with|in|the same)",
    r"the same",
    r"sigue|siguen|mantiene|mantienen|conserva|conservan|queda igual|sin cambios|igual",
    r"garde|gardent|reste|restent|inchang\w*|intact\w*",
    r"bleibt|bleiben|beh[äa]lt|behalten|unver[äa]ndert",
)
