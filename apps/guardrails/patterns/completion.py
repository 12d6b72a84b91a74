"""Completion with no object ("all done", "listo", "c'est fait", "erledigt"), in all four
languages read."""

from __future__ import annotations

import re

from apps.guardrails.patterns.claims import ActionPattern

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
