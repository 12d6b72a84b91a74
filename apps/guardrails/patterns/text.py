"""How an answer is cut up and which words turn a report into a promise: sentences, clauses,
negation, and the wording that says something has not (or not yet) happened."""

from __future__ import annotations

import re

# A check mark closes a sentence as a full stop does ("Saved \u2705 Anything else?").
SENTENCE = re.compile(r"(?<=[.!?\u2705\u2714\u2611\ufe0f])\s+|\n+")
CLAUSE = re.compile(
    r",\s+|;\s+|:\s+|\s+(?:and|but|while|whereas|although|though|so|plus)\s+|\s+[-\u2013\u2014\u2022\u00b7]\s+"
)

NEGATION = re.compile(
    r"\b(?:not|no|never|cannot|can't|can\u2019t|won't|won\u2019t|isn't|isn\u2019t|aren't|doesn't|don't|"
    r"didn't|without|free|nothing)\b",
    re.IGNORECASE,
)
# The conditional mood in Spanish, French and German (auxiliaries and modals): what would happen.
CONDITIONAL = (
    r"ser[ií]an?|habr[ií]an?|ser(?:ais|ait|iez|ions|aient)|aur(?:ais|ait|iez|ions|aient)|"
    r"pourr(?:ais|ait|iez|ions|aient)|devr(?:ais|ait|iez|ions|aient)|würde(?:n|st|t)?|wären?|"
    r"hätten?|könnten?|sollten?"
)
# A clause that promises or proposes rather than reports: no action has to have happened.
NOT_DONE = re.compile(
    r"\b(?:will|won't|would|can|could|shall|should|may|might|must|once|if|when|whenever|after|"
    r"before|until|unless|as soon as|going to|able to|want|wants|like|need|needs|ready to|let me|"
    r"haven't|hasn't|have not|has not|not yet|not|never|no|cannot|can't|wasn't|weren't|isn't|"
    r"aren't|didn't|did not|nothing|nada|rien|nichts|please|confirm|whether|would you|do you|shall i|"
    r"I'll|we'll|you'll|it'll|they'll|I\u2019ll|we\u2019ll|you\u2019ll|it\u2019ll)\b"
    # Spanish, French and German: negation, ability, intention, condition, a question.
    r"|\b(?:todav[ií]a|a[uú]n|puedo|podemos|puede|podr[ií]a|voy a|vamos a|quiere|quieres|desea|si|"
    r"cuando|una vez|antes|despu[eé]s de|en cuanto|ne|pas|n'|peux|pouvons|pouvez|puis|vais|allons|"
    r"voulez|souhaitez|quand|une fois|avant|apr[eè]s|d[eè]s que|nicht|kein|keine|kann|k[oö]nnen|werde|"
    r"werden|m[oö]chten|wollen|wenn|sobald|falls|bevor|nachdem"
    # ... and the future, which promises: "vous serez remboursé", "será reembolsado", "wird erstattet".
    r"|ser[aá]s?|ser[aá]n|ser[eé]|serez|seront|serai|serons|wird"
    # ... and the conditional, which supposes: "vous seriez remboursé", "würden erstattet".
    rf"|{CONDITIONAL})\b|\u00bf",
    re.IGNORECASE,
)

# An order id as answers write it: "#W1234567", "# W1234567", "W1234567".
ORDER_REF = re.compile(r"#\s?W\d{7}\b|\bW\d{7}\b", re.IGNORECASE)
