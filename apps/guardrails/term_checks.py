"""Policy terms: percentages, dates and statements of policy against the facts whose topic the
clause names (durations: durations.py)."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise

from apps.guardrails import patterns as p
from apps.guardrails import topics as t
from apps.guardrails.durations import INSTANT, DurationChecks
from apps.guardrails.evidence import cents, order_key
from apps.guardrails.foreign_terms import ForeignTermChecks
from apps.guardrails.patterns import policy as pp
from apps.guardrails.price_changes import change_percentages
from apps.guardrails.reported import in_customer_words

# A share a price moved by: "19% dearer", "8% more than the old one", "about 6% cheaper".
_PRICE_MOVED = re.compile(
    r"\b(?:dearer|pricier|cheaper|more expensive|less expensive|more|less|higher|lower|increase|decrease)\b",
    re.IGNORECASE,
)


class TermChecks(DurationChecks, ForeignTermChecks):
    # --- percentages -------------------------------------------------------------------------

    def check_percent(self, match: re.Match[str], clause: tuple[int, int]) -> None:
        self.check_percent_value(Decimal(match.group("n")), match.start(), match.end(), clause)

    def check_percent_in_words(self, match: re.Match[str], clause: tuple[int, int]) -> None:
        """ "twenty percent": held like "20%"."""
        value = p.number_word(match.group("n"))
        if value is not None:
            self.check_percent_value(Decimal(value), match.start(), match.end(), clause)

    def check_percent_value(self, value: Decimal, start: int, end: int, clause: tuple[int, int]) -> None:
        sentence = self._sentence_of(clause)
        if self.said_by_customer("percentage", start, end, sentence):
            return
        clause_text = self.answer[clause[0] : clause[1]]
        label = self.answer[sentence[0] : clause[0]].rstrip()
        if label.endswith(":") and not _LETTERS.search(self.answer, clause[0], start):
            # "Restocking: 10% of the item price": the label before the colon is the topic.
            clause_text = label[max(label.rfind(mark) for mark in ",;\n") + 1 :] + " " + clause_text
        if cents(value) in self.evidence.observed.numbers:
            self.add("percentage", start, end, True, "observed this turn")
            return
        topical = [
            key
            for key, cues in self.index.fact_cues.items()
            if self.facts[key].kind == "percentage" and all(cue.search(clause_text) for cue in cues)
        ]
        for key in topical:
            if self.facts[key].number == value:
                self.add("percentage", start, end, True, f"fact {key}: {self.facts[key].statement}")
                return
        if value == 0:
            # "the restocking fee is 0%": a zero rate agrees with a fee the store does not charge.
            free = [
                key
                for key, cue in t.MONEY_TOPICS
                if cue.search(clause_text) and key in self.facts and self.facts[key].number == 0
            ]
            if free:
                self.add("percentage", start, end, True, f"fact {free[0]}: {self.facts[free[0]].statement}")
                return
        restocking = self.facts.get("restocking-fee")
        restocking_named = restocking is not None and t.MONEY_TOPICS[0][1].search(clause_text)
        if restocking_named and value != 0 and restocking is not None and restocking.number == 0:
            self.add(
                "percentage",
                start,
                end,
                False,
                f"contradicts fact restocking-fee: {restocking.statement}",
                replacement=restocking.statement,
                whole_sentence=True,
            )
            return
        if topical:
            fact = self.facts[topical[0]]
            fix = fact.figure if len(topical) == 1 else None
            self.add(
                "percentage", start, end, False, f"contradicts {fact.key}: {fact.statement}", replacement=fix
            )
        elif p.FEE_WORDS.search(clause_text) and value != 0:  # "0% fee" says there is none
            self.add("percentage", start, end, False, "no fact supports this fee or discount")
        elif value != 100 and _PART_REFUNDED.search(clause_text):
            # Refunds give back what was paid for what is cancelled or returned, never a share of it.
            self.add("percentage", start, end, False, "no fact supports refunding only part of a payment")
        elif _PRICE_MOVED.search(clause_text) and (
            rates := change_percentages(self.evidence, self.index.item_cents)
        ):
            # "The new kettle is about 19% dearer": the share a change moved its price by.
            close = any(abs(rate - value) <= 1 for rate in rates)
            shown = ", ".join(f"{rate:.1f}%" for rate in sorted(rates)[:3])
            self.add("percentage", start, end, close, f"the change moved the price by {shown}")
        else:
            self.add("percentage", start, end, True, "no policy fact on this topic")

    # --- dates -------------------------------------------------------------------------------

    def check_date(self, match: re.Match[str], clause: tuple[int, int]) -> None:
        clause_text = self.answer[clause[0] : clause[1]]
        for key, cues in self.index.fact_cues.items():
            fact = self.facts[key]
            if fact.kind == "date" and all(cue.search(clause_text) for cue in cues):
                ok = _same_date(match, fact.value)
                self.add(
                    "date",
                    match.start(),
                    match.end(),
                    ok,
                    f"{'fact' if ok else 'contradicts fact'} {key}: {fact.statement}",
                    replacement=None if ok else fact.value,
                )
                return

    # --- statements of policy ----------------------------------------------------------------

    def check_support_hours(self, clause: tuple[int, int], clause_text: str) -> None:
        """When the team answers, against the support-hours fact ("Monday to Saturday, 8:00-20:00"):
        every day or round the clock, another range of days, or other hours contradict it."""
        fact = self.facts.get("support-hours")
        # Who answers may be named in another clause: "Our team answers Monday to Friday, 9 to 5".
        if fact is None or not self._names_support(clause):
            return
        days, hours = _support_window(fact.value)
        wrong = pp.ALWAYS_OPEN.search(clause_text) or pp.WEEKDAYS.search(clause_text)
        if wrong is None and days is not None:
            wrong = next((m for m in pp.DAY_RANGE.finditer(clause_text) if _days(m) != days), None)
        if wrong is None and hours is not None:
            wrong = next(
                (m for m in pp.HOUR_RANGE.finditer(clause_text) if _hours(m) not in (hours, None)), None
            )
        if wrong is None and hours is not None and not pp.HOUR_RANGE.search(clause_text):
            wrong = _wrong_bound(clause_text, hours)
        if wrong is None or _DENIED.search(clause_text):
            return
        start, end = clause[0] + wrong.start(), clause[0] + wrong.end()
        self.add(
            "policy",
            start,
            end,
            False,
            f"contradicts fact support-hours: {fact.statement}",
            replacement=fact.statement,
            whole_sentence=True,
        )

    def _names_support(self, clause: tuple[int, int]) -> bool:
        """Whether the clause's sentence names who answers (once per sentence)."""
        sentence = self._sentence_of(clause)
        cache: dict[tuple[int, int], bool] = self.__dict__.setdefault("_support_named", {})
        if sentence not in cache:
            cache[sentence] = bool(pp.SUPPORT_SUBJECT.search(self.answer, *sentence))
        return cache[sentence]

    def check_swap_across_products(self, clause: tuple[int, int], clause_text: str) -> None:
        """ "Happy to swap your Kettle for a Coffee Maker": an exchange is for another version of the
        same product, so one product swapped for another contradicts the exchange terms."""
        fact = self.facts.get("exchange-window-days")
        mentions = [m for m in self.mentions if clause[0] <= m[0] and m[1] <= clause[1]]
        if fact is None or len({names for _, _, names in mentions}) < 2 or _DENIED.search(clause_text):
            return
        for (_, first_end, first), (second_start, second_end, second) in pairwise(mentions):
            if first != second and _FOR_ANOTHER.fullmatch(self.answer, first_end, second_start):
                self.add(
                    "policy",
                    second_start,
                    second_end,
                    False,
                    f"contradicts fact exchange-window-days: {fact.statement}",
                    replacement=fact.statement,
                    whole_sentence=True,
                )
                return

    def check_change_limit(self, clause: tuple[int, int], clause_text: str) -> None:
        """Items can be changed once; after that the order can no longer be changed or cancelled.
        Changing items again contradicts it always; saying the order can still be changed or
        cancelled contradicts it once the conversation shows the order's items were changed."""
        fact = self.facts.get("item-change-limit")
        if fact is None:
            return
        match = pp.CHANGE_AGAIN.search(clause_text)
        if match is None:
            match = pp.CAN_STILL_CHANGE.search(clause_text)
            if match is None or _ONCE_ONLY.search(clause_text) or not self._items_changed(clause):
                return  # "items can only be changed once" states the limit
        if _DENIED.search(clause_text):
            return
        start, end = clause[0] + match.start(), clause[0] + match.end()
        self.add(
            "policy",
            start,
            end,
            False,
            f"contradicts fact item-change-limit: {fact.statement}",
            replacement=fact.statement,
            whole_sentence=True,
        )

    def _sentence_of(self, clause: tuple[int, int]) -> tuple[int, int]:
        spans = self.__dict__.get("_sentence_spans")
        if spans is None:
            spans = self.__dict__["_sentence_spans"] = _sentences(self.answer)
        return next((s for s in spans if s[0] <= clause[0] < s[1]), clause)

    def _items_changed(self, clause: tuple[int, int]) -> bool:
        """Whether the order a clause is about (the one its sentence names, else any) had its items
        changed in this conversation: a successful item change, or its observed status."""
        sentence = self._sentence_of(clause)
        named = {order_key(m.group()) for m in p.ORDER_REF.finditer(self.answer, *sentence)}
        changed = {c.order_id for c in self.evidence.writes(frozenset({"modify_pending_order_items"}))}
        changed |= {
            order
            for order, statuses in self.evidence.observed.order_statuses.items()
            if "pending (item modified)" in statuses
        }
        if not changed:
            return False
        return not named or bool(named & changed)

    def check_instant(self, clause: tuple[int, int], clause_text: str) -> None:
        """A refund said to arrive at once ("refunds to PayPal are instant") is a timing: held to
        the refund-timing facts of the method the clause names, like a number of days."""
        match = INSTANT.search(clause_text)
        if match is None or p.NEGATION.search(clause_text):
            return
        if _ONSET.search(clause_text) and not _METHODS_REFUNDS.search(clause_text):
            return
        # The method named before counts, as for a number of days ("...to your gift card. The
        # refund should appear right away.").
        carried = t.refund_context(clause_text, self.answer[: clause[0]])
        topical = f"{clause_text} ({carried})" if carried else clause_text
        keys = [key for key in t.refund_topics(topical) if key in self.facts]
        if not keys:
            return
        facts = [self.facts[key] for key in keys]
        start, end = clause[0] + match.start(), clause[0] + match.end()
        if any(fact.kind != "duration" for fact in facts):
            self.add("duration", start, end, True, f"fact {keys[0]}: {facts[0].statement}")
            return
        statement = " / ".join(fact.statement for fact in facts)
        self.add("duration", start, end, False, f"contradicts {statement}")

    def check_policy(self, clause: tuple[int, int]) -> None:
        if in_customer_words(self.answer, self._sentence_of(clause), clause[1]):
            return  # "you were told gift cards expire": the customer's words, answered after
        clause_text = self.answer[clause[0] : clause[1]]
        lowered = clause_text.lower()
        # Cheap substring tests first: most clauses hold none of these words.
        if _INSTANT_HINT.search(lowered):
            self.check_instant(clause, clause_text)
        if _DIGIT.search(clause_text) or _HOURS_HINT.search(lowered):
            self.check_support_hours(clause, clause_text)
        if _CHANGE_HINT.search(lowered):
            self.check_change_limit(clause, clause_text)
        if _FOREIGN_GIFT_HINT.search(lowered):
            self.check_foreign_expiry(clause)
        if _SWAP_HINT.search(lowered):
            self.check_swap_across_products(clause, clause_text)
        if not _POLICY_HINT.search(lowered):
            return
        for rule in p.POLICY_PATTERNS:
            fact = self.facts.get(rule.fact)
            if fact is None or (rule.expected and fact.value.strip().lower() != rule.expected.lower()):
                continue
            match = rule.pattern.search(clause_text)
            if match is None:
                continue
            if rule.negatable and _DENIED.search(clause_text[: match.start()] + match.group()):
                continue
            self.add(
                "policy",
                clause[0] + match.start(),
                clause[0] + match.end(),
                False,
                f"contradicts fact {rule.fact}: {fact.statement}",
                replacement=fact.statement,
                whole_sentence=True,
            )


# Words that deny a policy statement ("cannot be cashed out", "never expire"); unlike
# p.NEGATION, "free" is not one of them here ("feel free to swap it for another product").
_DENIED = re.compile(
    r"\b(?:not|no|never|cannot|without|nothing|neither|nor|none)\b|\w+n['\u2019]t\b", re.IGNORECASE
)
_PART_REFUNDED = re.compile(
    r"\brefund\w*|\breimburs\w*|\bmoney back\b|\b(?:paid|sent|given|goes|go|comes?) back\b|"
    # "you'll get 80 percent of the price back"
    r"\b(?:get|gets|getting|receive|receives)\b[^.;]{0,40}?\bback\b",
    re.IGNORECASE,
)
_INSTANT_HINTS = (
    "instant",
    "immediat",
    "away",
    "at once",
    "same",
    "real time",
    "minutes",
    "seconds",
    "hour",
    "overnight",
)
_HOURS_HINTS = (
    "clock",
    "day",
    "week",
    "holiday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    ":",
    "am",
    "pm",
    "noon",
    "midnight",
)
_DIGIT = re.compile(r"\d")
_LETTERS = re.compile(r"[^\W\d_]")
_CHANGE_HINTS = ("modif", "chang", "edit", "updat", "switch", "swap", "cancel", "alter", "amend", "adjust")
_SWAP_HINT = re.compile(r"swap|exchang|switch|trade")
# Between two products: the first is swapped for the second ("the Kettle for a Coffee Maker").
_FOR_ANOTHER = re.compile(
    r"s?\s+(?:(?:in|out)\s+)?(?:for|into|with)\s+(?:a|an|the|one|some)?\s*(?:[\w-]+\s+){0,3}?"
)
_FOREIGN_GIFT_HINT = re.compile(r"regalo|cadeau|geschenk|gutschein|guthaben")
# The hints above as one search each (a substring test per hint, in one pass over the clause).
_INSTANT_HINT, _HOURS_HINT, _CHANGE_HINT, _POLICY_HINT = (
    re.compile("|".join(map(re.escape, hints)))
    for hints in (_INSTANT_HINTS, _HOURS_HINTS, _CHANGE_HINTS, p.POLICY_HINTS)
)
# "the refund starts right away" is when it begins, not when the money arrives.
_ONSET = re.compile(r"\b(?:start|begin|began|begun|initiat|kick|process|issu|submit|file|open)", re.I)


# The limit itself: "can only be changed once", "just one time", "a single change" (not "once more").
_ONCE_ONLY = re.compile(
    r"\b(?:only|just)\b[^.;]{0,30}?\b(?:once|one time|a single time)\b(?!\s+(?:more|again))|"
    r"\bonce only\b|\bno more than once\b|\b(?:only|just) (?:one|a single) (?:change|modification|time)\b",
    re.IGNORECASE,
)
# One end of the hours, written alone: "online until 10pm", "from 9 a.m.", "opens at 7:30". A bare
# number is no hour ("until 10 days"): it needs am/pm, minutes or "h", or "noon"/"midnight".
_CLOCK = r"(?:(\d{1,2})(?:[:.](\d\d))?\s*(am\b|pm\b|a\.m\.|p\.m\.|h\b)|(\d{1,2})[:.](\d\d)\b|(noon|midnight))"
_CLOSING = re.compile(rf"\b(?:until|till|til|up to|through|closes? at)\s+{_CLOCK}", re.IGNORECASE)
_OPENING = re.compile(rf"\b(?:from|starting(?: at)?|opens? at|beginning at)\s+{_CLOCK}", re.IGNORECASE)


def _clock_hour(match: re.Match[str]) -> int | None:
    hour, _, suffix, bare_hour, _, word = match.groups()
    if word:
        return 12 if word.lower() == "noon" else 24
    value = _hour(hour or bare_hour, suffix if hour else None)
    return value if 0 <= value <= 24 else None


def _wrong_bound(clause_text: str, hours: tuple[int, int]) -> re.Match[str] | None:
    """An opening or closing time, written alone, that is not the fact's."""
    for pattern, expected in ((_CLOSING, hours[1]), (_OPENING, hours[0])):
        for match in pattern.finditer(clause_text):
            hour = _clock_hour(match)
            if hour is not None and hour != expected and not (expected == 24 and hour == 0):
                return match
    return None


# A method's refunds in general ("card refunds are processed the same day", "refunds to PayPal
# go through instantly"): how fast that method's refunds arrive, whatever the verb; one refund
# ("your refund was issued right away") may only have started.
_METHODS_REFUNDS = re.compile(
    r"\b(?:card|credit card|debit card|paypal|visa|mastercard|amex|gift card)\s+refunds\b|"
    r"\brefunds\s+(?:to|on|onto)\s+(?:an?\s+|your\s+)?(?:credit\s+|debit\s+|gift\s+)?(?:cards?|paypal)\b",
    re.IGNORECASE,
)


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for match in p.SENTENCE.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return spans


@lru_cache(maxsize=8)
def _support_window(value: str) -> tuple[frozenset[str] | None, tuple[int, int] | None]:
    """The days and the hours (24-hour clock) a support-hours fact's value gives, where it gives them."""
    day_range = pp.DAY_RANGE.search(value)
    hour_range = pp.HOUR_RANGE.search(value)
    return (_days(day_range) if day_range else None), (_hours(hour_range) if hour_range else None)


def _days(match: re.Match[str]) -> frozenset[str]:
    first, last = pp.DAY_NAMES.index(match.group(1).lower()), pp.DAY_NAMES.index(match.group(2).lower())
    if last < first:
        last += 7
    return frozenset(pp.DAY_NAMES[i % 7] for i in range(first, last + 1))


def _hour(hour: str, suffix: str | None) -> int:
    value = int(hour) % 12 if suffix and suffix[0].lower() in "ap" else int(hour)
    return value + 12 if suffix and suffix[0].lower() == "p" else value


def _hours(match: re.Match[str]) -> tuple[int, int] | None:
    """(opening, closing) hour on a 24-hour clock; None when the figures are not hours of a day."""
    lead, hour1, minutes1, suffix1, hour2, minutes2, suffix2 = match.groups()
    opening, closing = _hour(hour1, suffix1), _hour(hour2, suffix2)
    if not (0 <= opening <= 24 and 0 <= closing <= 24):
        return None
    if not (suffix1 or suffix2 or minutes1 or minutes2):
        if not lead:
            return None  # "5-7": a range of something else
        if closing <= opening:
            closing += 12  # "between 9 and 6": the afternoon
    return opening, closing


def _same_date(match: re.Match[str], value: str) -> bool:
    if match.group("iso"):
        return match.group("iso") == value.strip()
    months = p.MONTHS.split("|")
    month = months.index(match.group("month").lower()) + 1
    parts = value.strip().split("-")
    if len(parts) != 3:
        return False
    same_year = match.group("year") is None or match.group("year") == parts[0]
    return same_year and int(parts[1]) == month and int(parts[2]) == int(match.group("day"))
