"""Action claims in Spanish, French and German: the same families as English."""

from __future__ import annotations

import re

from apps.guardrails.patterns.claims import REFUND_TOOLS, ActionPattern

_ES_BEEN = r"(?:(?:ha|han|he|hemos) sido |fue |fueron |est[aá] |quedó |queda |ya est[aá] )?"
_FR_BEEN = r"(?:a été |ont été |est |sont |est bien |a bien été )?"
_DE_BEEN = r"(?:wurde |wurden |ist |sind |wurde bereits |ist bereits |haben wir |habe ich )?"
FOREIGN_ACTION_PATTERNS: tuple[ActionPattern, ...] = (
    ActionPattern(
        "cancel",
        frozenset({"cancel_pending_order"}),
        re.compile(
            r"\b(?:cancelad[oa]s?|anulad[oa]s?|cancel[eé]|cancelamos|anulé|anulamos|annul[ée]e?s?|storniert|annulliert|"
            # the third person of the preterite, and with "se" its passive: "se canceló el pedido"
            r"cancel(?:ó|aron)|anul(?:ó|aron)|"
            # the verb of going ahead with the infinitive: "hemos procedido a cancelar"
            r"(?:hemos|he|ha|han)\s+procedido\s+a\s+(?:cancelar|anular))\b",
            re.IGNORECASE,
        ),
        frozenset({"cancelled"}),
    ),
    ActionPattern(
        "refund",
        REFUND_TOOLS,
        re.compile(
            rf"\breembolsad[oa]s?\b|\breembolso (?:de [^ ]+ )?{_ES_BEEN}(?:emitido|procesado|realizado|hecho|"
            r"enviado|en camino|iniciado)\b|\bhemos devuelto\b|\bremboursée?s?\b|\brecr[ée]dit[ée]e?s?\b"
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

# A payment change named by the method the order is now paid with ("ahora se paga con PayPal",
# "est désormais payée avec votre Visa", "Zahlungsart ... ist jetzt PayPal"); methods.py then
# holds the call to the method named, as in English.
FOREIGN_PAYMENT_TO_METHOD = ActionPattern(
    "payment",
    frozenset({"modify_pending_order_payment"}),
    re.compile(
        r"\b(?:ahora|ya) (?:se paga|se cobra|se carga|est[aá] pagad[oa]|queda pagad[oa]|se abona) "
        r"(?:con|a|en)\b"
        r"|\b(?:maintenant|d[ée]sormais) (?:pay[ée]e?s?|r[ée]gl[ée]e?s?|d[ée]bit[ée]e?s?) "
        r"(?:avec|par|sur)\b"
        # the payment that now goes through a method: "le paiement passe maintenant par PayPal"
        r"|\b(?:passe|se fait|est pr[ée]lev[ée]e?) (?:maintenant|d[ée]sormais) (?:par|sur|avec|via)\b"
        r"|\b(?:jetzt|nun|ab sofort) (?:mit|[üu]ber|per|via|von) [^.;]{1,40}? "
        r"(?:bezahlt|abgebucht|belastet)\b"
        # the adverb first and the auxiliary second: "Ab sofort wird #W... über PayPal bezahlt"
        r"|\b(?:jetzt|nun|ab sofort) (?:wird|werden) [^.;]{1,40}?(?:mit|[üu]ber|per|via|von) [^.;]{1,40}? "
        r"(?:bezahlt|abgebucht|belastet)\b"
        r"|\bzahlungs(?:methode|art|mittel)\b[^.;]{0,40}?\b(?:ist|lautet) (?:jetzt|nun|ab sofort)\b",
        re.IGNORECASE,
    ),
    hints=("ahora", "ya ", "maintenant", "sormais", "jetzt", "nun", "sofort"),
)
# The agent's change in the Spanish preterite, with no auxiliary ("cambié la dirección del pedido",
# "actualizamos el método de pago"): the family is the object's.
_ES_CHANGED = (
    r"\b(?:ya\s+)?(?:cambi[ée]|actualic[ée]|modifiqu[ée]|correg[íi]|cambiamos|actualizamos|modificamos|"
    # ... or the verb of going ahead with the infinitive: "hemos procedido a cambiar la dirección"
    r"(?:hemos|he|ha|han)\s+procedido\s+a\s+(?:cambiar|actualizar|modificar|corregir))\s+"
)
FOREIGN_PRETERITE = (
    ActionPattern(
        "address",
        frozenset({"modify_pending_order_address", "modify_user_address"}),
        re.compile(rf"{_ES_CHANGED}(?:la|su|tu)\s+direcci[oó]n\b", re.IGNORECASE),
        hints=("direcci",),
    ),
    ActionPattern(
        "payment",
        frozenset({"modify_pending_order_payment"}),
        re.compile(rf"{_ES_CHANGED}(?:el|la|su|tu)\s+(?:m[ée]todo|forma|medio)\s+de\s+pago\b", re.IGNORECASE),
        hints=("pago",),
    ),
    ActionPattern(
        "return",
        frozenset({"return_delivered_order_items"}),
        re.compile(
            r"\b(?:ya\s+)?(?:tramit[ée]|registr[ée]|proces[ée]|solicit[ée]|inici[ée]|tramitamos|registramos|"
            r"(?:hemos|he|ha|han)\s+procedido\s+a\s+(?:tramitar|registrar|procesar|solicitar|iniciar))\s+"
            r"(?:la|su|tu)\s+devoluci[oó]n\b",
            re.IGNORECASE,
        ),
        frozenset({"return requested"}),
        hints=("devoluci",),
    ),
)
FOREIGN_ACTION_PATTERNS = (*FOREIGN_ACTION_PATTERNS, FOREIGN_PAYMENT_TO_METHOD, *FOREIGN_PRETERITE)

# Perks no store tool grants, reported as done in Spanish, French or German ("he aplicado un
# descuento", "livraison express ajoutée", "Expressversand hinzugefügt"): never backed.
_PERK_NOUNS = (
    r"descuentos?|cupón|cupones|vales? (?:de )?descuento|crédito en (?:la )?tienda|compensación|"
    r"env[íi]o (?:expr[eé]s|express|urgente|prioritario)|remises?|réductions?|bons? d'achat|"
    r"geste commercial|livraison (?:express|prioritaire)|rabatt\w*|kulanz\w*|express(?:versand|lieferung)|"
    r"gutscheincode"
)
_PERK_GRANTED = (
    r"aplicad[oa]s?|añadid[oa]s?|agregad[oa]s?|concedid[oa]s?|otorgad[oa]s?|activad[oa]s?|"
    r"appliqu[ée]e?s?|ajout[ée]e?s?|accord[ée]e?s?|offerte?s?|activ[ée]e?s?|"
    r"gew[äa]hrt|hinzugef[üu]gt|angewendet|angewandt|eingel[öo]st|aktiviert"
)
FOREIGN_PERKS = ActionPattern(
    "perk",
    frozenset(),
    re.compile(
        rf"\b(?:{_PERK_NOUNS})\b[^.;:!?]{{0,30}}?\b(?:{_PERK_GRANTED})\b"
        rf"|\b(?:{_PERK_GRANTED})\b[^.;:!?]{{0,30}}?\b(?:{_PERK_NOUNS})\b",
        re.IGNORECASE,
    ),
    hints=(
        "descuento",
        "cup",
        "vale",
        "crédito",
        "compensaci",
        "env",
        "remise",
        "réduction",
        "bon d",
        "geste",
        "livraison",
        "rabatt",
        "kulanz",
        "express",
        "gutscheincode",
    ),
)
FOREIGN_ACTION_PATTERNS = (*FOREIGN_ACTION_PATTERNS, FOREIGN_PERKS)
