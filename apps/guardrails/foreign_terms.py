"""Policy terms stated in Spanish, French or German: a gift card that expires, and support hours
other than the fact's (days, hours, round the clock). English statements are read in
term_checks.py; figures of the three languages in check.py."""

from __future__ import annotations

import re

from apps.guardrails.patterns import policy as pp
from apps.guardrails.reader import ReaderBase

_GIFT_CARD = (
    r"(?:tarjetas? (?:de )?regalo|cartes?[- ]cadeaux?|geschenk(?:karte|gutschein)\w*|gutschein\w*|guthaben)"
)
# A gift card, or its balance, said to run out: "caduca a los 12 meses", "expire après un an",
# "verfällt nach 2 Jahren", "ist 3 Jahre gültig", "valable un an".
_EXPIRES = re.compile(
    rf"\b{_GIFT_CARD}\b[^.;!?]{{0,60}}?\b(?:caduca\w*|vence\w*|venc[ií]\w*|expira\w*|expire\w*|p[ée]rim\w*|"
    r"verf[äa]ll\w*|l[äa]uf\w* [^.;!?]{0,30}?\bab\b|ablaufdatum|fecha de (?:caducidad|vencimiento)|"
    r"date d'expiration|v[áa]lid[oa]s? (?:por|durante|hasta)|valables? (?:pendant|jusqu|un|une|\d)|"
    r"g[üu]ltig (?:f[üu]r|bis)|(?:\d+|ein\w*|zwei|drei) (?:jahre?|monate?) g[üu]ltig)",
    re.IGNORECASE,
)
# "no caducan", "n'expirent jamais", "verfallen nie", "unbegrenzt gültig", "sin fecha de caducidad".
_NEVER = re.compile(
    r"\b(?:no|nunca|jam[aá]is|sin|ne|n'|pas|nie|niemals|nicht|kein\w*|unbegrenzt|illimit\w*|ilimitad\w*|"
    r"ind[ée]finiment|para siempre|f[üu]r immer|niemand|nadie|personne|cerrad[oa]s?|ferm[ée]e?s?|"
    r"geschlossen)\b|\bn'",
    re.IGNORECASE,
)

# Who answers: the team, support, customer service, agents; "we are reachable".
_SUPPORT = re.compile(
    r"\b(?:equipo|soporte|atenci[óo]n al cliente|servicio al cliente|agentes?|asesores?|[ée]quipe|support|"
    r"service client|conseill\w+|agents?|team|kundenservice|kundendienst|mitarbeiter\w*|erreichbar|"
    r"atendemos|atiende\w*)\b",
    re.IGNORECASE,
)
_ALWAYS = re.compile(
    r"24\s*/\s*7|\b24\s*h(?:eures)?\s*(?:/|sur)\s*24|\b7\s*j(?:ours)?\s*(?:/|sur)\s*7|\blas 24 horas\b|"
    r"\btodos los d[ií]as\b|\blos (?:7|siete) d[ií]as\b|\bdomingos?\b|\bfines de semana\b|"
    r"\btous les jours\b|\bdimanches?\b|\bweek-?ends?\b|\b[àa] toute heure\b|"
    r"\brund um die uhr\b|\bt[äa]glich\b|\bjeden tag\b|\bsonntags?\b|\bwochenenden?\b|\b7 tage die woche\b",
    re.IGNORECASE,
)
_DAY_NAMES = {
    "lunes": 0, "martes": 1, "mi[ée]rcoles": 2, "jueves": 3, "viernes": 4, "s[áa]bado": 5, "domingo": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonntag": 6,
}  # fmt: skip
_DAY = "(" + "|".join(sorted(_DAY_NAMES, key=len, reverse=True)) + ")"
_DAY_RANGE = re.compile(rf"\b{_DAY}s?\s*(?:-|\u2013|a|al|au|à|bis)\s*(?:el |le )?{_DAY}s?\b", re.IGNORECASE)
# German short forms, only as a range with a dash or "bis", in capitals: "Mo-Fr", "Mo. bis Sa.".
_SHORT_DAYS = {"Mo": 0, "Di": 1, "Mi": 2, "Do": 3, "Fr": 4, "Sa": 5, "So": 6}
_SHORT_RANGE = re.compile(r"\b(Mo|Di|Mi|Do|Fr|Sa|So)\.?\s*(?:-|\u2013|bis)\s*(Mo|Di|Mi|Do|Fr|Sa|So)\b\.?")
# "de 9:00 a 17:00", "de 9h à 17h", "von 9 bis 17 Uhr", "entre 9 y 17 h", "9-17 Uhr": hours need a
# word before them that opens a span, or "Uhr" after them (never "de 5 a 7 días").
_CLOCK = r"(\d{1,2})(?:[:.](\d\d)|\s?h(\d\d)?\b)?"
_HOURS = re.compile(
    rf"(?:\b(?:de|des|von|entre|ab)\s+{_CLOCK}\s*(?:-|\u2013|a|à|bis|et|y|und)\s*{_CLOCK}"
    rf"|\b{_CLOCK}\s*(?:-|\u2013|bis)\s*{_CLOCK}(?=\s*uhr\b))"
    r"(?!\s*(?:d[ií]as?|jours?|tage?n?|semanas?|semaines?|wochen?|horas?\s+h[áa]biles))",
    re.IGNORECASE,
)


def _day(name: str) -> int:
    lowered = name.lower()
    return next(value for key, value in _DAY_NAMES.items() if re.fullmatch(key, lowered))


class ForeignTermChecks(ReaderBase):
    def check_foreign_policy(self, clause: tuple[int, int], sentence: tuple[int, int]) -> None:
        """Gift card expiry and support hours said in Spanish, French or German."""
        text = self.answer[clause[0] : clause[1]]
        self.check_foreign_expiry(clause)
        hours = self.facts.get("support-hours")
        if hours is not None and _SUPPORT.search(self.answer, *sentence):
            wrong = self._wrong_hours(text, hours.value)
            if wrong is not None and not _NEVER.search(text):
                self._contradicts(clause, wrong, hours.key, hours.statement)

    def check_foreign_expiry(self, clause: tuple[int, int]) -> None:
        """A gift card said to expire in Spanish, French or German (also in a short answer the
        language guess took for English: "Geschenkkarten verfallen nach 2 Jahren")."""
        expiry = self.facts.get("gift-card-expiry")
        if expiry is None or expiry.value.strip().lower() != "never":
            return
        text = self.answer[clause[0] : clause[1]]
        match = _EXPIRES.search(text)
        if match and not _NEVER.search(text):
            self._contradicts(clause, match, expiry.key, expiry.statement)

    @staticmethod
    def _wrong_hours(text: str, value: str) -> re.Match[str] | None:
        always = _ALWAYS.search(text)
        if always:
            return always
        days = pp.DAY_RANGE.search(value)
        if days:
            expected = (pp.DAY_NAMES.index(days.group(1).lower()), pp.DAY_NAMES.index(days.group(2).lower()))
            for match in _DAY_RANGE.finditer(text):
                if (_day(match.group(1)), _day(match.group(2))) != expected:
                    return match
            for match in _SHORT_RANGE.finditer(text):
                if (_SHORT_DAYS[match.group(1)], _SHORT_DAYS[match.group(2)]) != expected:
                    return match
        hours = pp.HOUR_RANGE.search(value)
        if hours:
            opening, closing = int(hours.group(2)), int(hours.group(5))
            for match in _HOURS.finditer(text):
                found = [
                    int(g) for g in (match.group(1), match.group(4), match.group(7), match.group(10)) if g
                ]
                if len(found) == 2 and max(found) <= 24 and tuple(found) != (opening, closing):
                    return match
        return None

    def _contradicts(self, clause: tuple[int, int], match: re.Match[str], key: str, statement: str) -> None:
        start, end = clause[0] + match.start(), clause[0] + match.end()
        self.add("policy", start, end, False, f"contradicts fact {key}: {statement}")
