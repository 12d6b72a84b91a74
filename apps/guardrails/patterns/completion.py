"""Completion with no object ("all done", "listo", "c'est fait", "erledigt"), in all four
languages read."""

from __future__ import annotations

import re

from apps.guardrails import lexicon as lx
from apps.guardrails.patterns.actions_en import BARE_END
from apps.guardrails.patterns.claims import ActionPattern

# The lexicon's other ways of saying "done" ("job done", "todo resuelto", "schon geschehen").
_MORE = "|".join(phrase if phrase.startswith("^") else rf"\b{phrase}" for phrase in lx.COMPLETION_PHRASES)

# Completion with no object: true only of a write made in this very turn.
COMPLETION = ActionPattern(
    "completion",
    frozenset(),
    re.compile(
        r"\ball (?:done|set|sorted|taken care of|squared away)\b|^\W*(?:done|sorted|finished|completed)\b"
        # A label and its value, as in a status line: "Status: done", "Result - completed ✅".
        r"|^\W*(?:status|result|outcome|estado|resultado|statut|r[ée]sultat|ergebnis)\W*[:\u2013\u2014-]\W*"
        r"(?:done|complete|completed|finished|resolved|success(?:ful)?|hech[oa]|completad[oa]|terminad[oa]|"
        r"fait|termin[ée]e?|r[ée]ussi|erledigt|abgeschlossen|erfolgreich)(?!\w)(?!\s+(?:the|a|an|your|this)\b)"
        # "orders that have been processed": a relative clause, not a report ("that" takes "has").
        r"|\btaken care of\b|\b(?!that (?:have|are|were)\b)(?:that|this|it|everything|your request|"
        r"the request|your change|the change|"
        r"your order|the order|all)(?:'s been|'s| is| has been| was| are| have been)? (?:now |all |already )?"
        r"(?:done|completed|complete|processed|handled|sorted(?: out)?|finali[sz]ed|finished|in progress|"
        rf"finish{BARE_END}|"
        r"underway|on (?:its|the|their) way|through)\b"
        r"|\b(?:I|we)(?:'ve| have)? (?:just |now |already |successfully )?"
        r"(?:completed|processed|handled|sorted|finali[sz]ed|finished|actioned|done) "
        r"(?:it|that|this|everything|your request|the request|the change|your change)\b"
        # a label, then "done" ending the sentence: "Regarding your request to cancel #W...: completed."
        r"|:\s*(?:all\s+)?(?:done|completed|finished)(?=\W*$)"
        r"|\byou(?:'re| are) (?:all )?(?:set|good to go)\b"
        r"|\b(?:todo listo|ya est[aá]|listo|hecho)\b|\bsolicitud (?:ha sido |fue )?(?:completada|procesada)"
        r"|\bc'est (?:fait|réglé)|\btout est (?:fait|réglé)|\bdemande (?:a été |est )?(?:traitée|effectuée|"
        r"terminée)|\b(?:alles )?erledigt\b|\banfrage (?:wurde |ist )?(?:bearbeitet|abgeschlossen)",
        re.IGNORECASE,
    ),
)
# The lexicon's phrases, behind their own hints: most sentences never need the search.
COMPLETION_MORE = ActionPattern(
    "completion",
    frozenset(),
    re.compile(rf"(?:{_MORE})(?!\w)", re.IGNORECASE),
    hints=lx.COMPLETION_HINTS,
)

# The agent's own change named by a light verb and a noun ("I've made that change to #W...", "we
# put the update through", "he realizado el cambio", "j'ai effectué la modification", "ich habe die
# Änderung vorgenommen"): a change with no family of its own, held to this turn's writes.
_CHANGE_NOUN = (
    r"(?:[\w'-]+\s+){0,2}?(?:changes?|updates?|edits?|modifications?|adjustments?|corrections?|amendments?)"
)
COMPLETION_MADE = ActionPattern(
    "completion",
    frozenset(),
    re.compile(
        r"\b(?:I|we)(?:'ve|'d| have| had)?(?:\s+(?:just|now|already|also|successfully|gone ahead and|"
        r"went ahead and))*\s+(?:made|applied|carried out|completed|done|saved|submitted|processed|"
        r"pushed through|put through|put in|entered|finali[sz]ed)\s+(?:the|that|this|those|these|your|both|"
        rf"all(?: of)?(?: the| those| these| your)?)\s+{_CHANGE_NOUN}\b"
        rf"|\b(?:I|we)(?:'ve| have)?\s+put\s+(?:the|that|this|those|these|your)\s+{_CHANGE_NOUN}\s+through\b"
        # the change said to be in force, or to have gone through: "the change is live", "your
        # request went through", "it's gone through"
        rf"|\b(?:the|your|this|that|these|those|all(?: the)?)\s+{_CHANGE_NOUN}\s+"
        r"(?:is|are|'s|went|(?:has|have)\s+gone)\s+(?:now\s+)?(?:live|in effect|effective|active|through)\b"
        # a pronoun for what was asked, with a participle of arranging: "it's been switched", "it's
        # all arranged", "that's fixed"; "I took care of it"
        r"|\b(?:it|that|this|everything)(?:'s been|'s| is| has been| was) (?:now |all |already )?"
        r"(?:arranged|switched(?! o(?:ff|n)\b)|fixed|set up|actioned|submitted|in place)\b"
        r"|\b(?:I|we) (?:just |already )?took care of (?:it|that|this|everything|your request)\b"
        r"|\b(?:it|that|this|everything|your request|the request)\s+(?:went|(?:has|'s)\s+gone)\s+through\b"
        r"|\b(?:he|hemos|ya)\s+(?:hecho|realizado|aplicado|efectuado|guardado)\s+(?:el|los|la|las|ese|esos|"
        r"esa|esas|este|estos|esta|estas)\s+(?:cambios?|ajustes?|modificaci[oó]n(?:es)?)\b"
        r"|\b(?:j'ai|nous avons|on a)\s+(?:fait|effectu[ée]e?s?|appliqu[ée]e?s?|enregistr[ée]e?s?)\s+"
        r"(?:la|les|le|cette|ces|ce)\s+(?:modifications?|changements?)\b"
        r"|\b(?:ich|wir)\s+(?:habe|haben)\s+(?:die|diese|alle|Ihre)\s+[Ää]nderung(?:en)?\s+"
        r"(?:vorgenommen|durchgef[üu]hrt|gespeichert|[üu]bernommen|eingetragen)\b",
        re.IGNORECASE,
    ),
    hints=(
        *("change", "update", "edit", "modif", "adjust", "correct", "amend", "cambio", "ajuste", "nderung"),
        *(
            "through",
            "arrang",
            "switched",
            "fixed",
            "set up",
            "actioned",
            "submitted",
            "in place",
            "took care",
        ),
    ),
)

# A sentence that reports a failed attempt ("I couldn't cancel #W...: it has already been
# processed, so it's on its way"): what follows explains why; it is not a report of our work.
REFUSAL = re.compile(
    r"\b(?:I|we) (?:couldn't|could not|can't|cannot|wasn't able to|weren't able to|was unable to|"
    r"were unable to|am unable to|are unable to|am not able to|are not able to)\b|\b(?:didn't|did not|"
    r"couldn't|could not) go through\b|\bunfortunately\b|\b(?:no he podido|no pudimos|no pude|"
    r"je n'ai pas pu|nous n'avons pas pu|konnte nicht|konnten nicht|leider)\b",
    re.IGNORECASE,
)
