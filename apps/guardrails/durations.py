"""Durations against the facts whose topic the clause names: refund timings by payment method
(carried from the money sent back before them), return and exchange windows, shipping and
processing times; hours against refund timings; a bare range whose unit the sentence gave just
before it ("standard 3-5 business days, express 2-4")."""

from __future__ import annotations

import re
from decimal import Decimal

from apps.guardrails import patterns as p
from apps.guardrails import topics as t
from apps.guardrails.patterns.figures import unit_scale
from apps.guardrails.reported import CustomerWords
from apps.knowledge.snapshot import FactEntry

_WEAK = 2  # the rank of a topic that is only hinted at
# A range or count with no unit, ended by a bracket, a stop or "or/and": "(or express 2-4)",
# "express 1-2." (never a figure with a unit or word after it: "7 items", "Suite 220 on").
_BARE_RANGE = re.compile(
    r"(?<![\w.$#,:/-])(?P<lo>\d{1,2})(?:\s*(?:-|\u2013|to)\s*(?P<hi>\d{1,2}))?"
    r"(?=\s*(?:[).;]|,\s|$)|\s+(?:or|and)\b)",
    re.IGNORECASE,
)


# What a count of days is besides the length of a policy term: time gone by ("10 days ago", "45
# days old", "it's been 12 days", "in transit for 4 days"), time left of a term ("20 days left",
# "you still have 20 days", "closes in 5 days"), the agent's own next step ("I'll check back in 2
# days"). Time left is held to no more than the term; the others are not policy terms at all.
_ELAPSED_AFTER = re.compile(r"^\W{0,3}(?:ago|old|back|since|earlier|late|overdue)\b", re.IGNORECASE)
_ELAPSED_BEFORE = re.compile(
    r"\b(?:been|for the (?:past|last)|over the (?:past|last)|in transit for|waiting for|waited|"
    r"took|after waiting)\s+(?:(?:about|around|over|more than|almost|nearly|only|just)\s+)?$",
    re.IGNORECASE,
)
_LEFT_AFTER = re.compile(r"^\W{0,3}(?:left|remaining|more|to go|from now|still)\b", re.IGNORECASE)
_LEFT_BEFORE = re.compile(
    r"\b(?:still (?:have|has|got)|(?:have|has) (?:only|just|still)|only (?:have|has)|"
    r"(?:closes?|ends?|expires?|runs? out|lapses?|is up|finishes|shuts?)\s+(?:in|within)|"
    r"lea(?:ves?|ving)(?: (?:you|us|them))?(?: with)?|another|other)\s+(?:(?:about|around|only|just)\s+)?$",
    re.IGNORECASE,
)
_FOLLOW_UP = re.compile(
    r"\b(?:check (?:back|in)|follow up|get back|reach out|contact you|touch base|update you|"
    r"circle back|look again|remind you|write again|email you)\b[^.;]{0,40}$",
    re.IGNORECASE,
)


def _time_role(before: str, after: str) -> str | None:
    """ "elapsed", "remaining", "follow-up", or None for the length of a term itself."""
    before = before[-60:]
    if _ELAPSED_AFTER.match(after) or _ELAPSED_BEFORE.search(before):
        return "elapsed"
    if _FOLLOW_UP.search(before):
        return "follow-up"
    if _LEFT_AFTER.match(after) or _LEFT_BEFORE.search(before):
        return "remaining"
    return None


class DurationChecks(CustomerWords):
    # --- durations ---------------------------------------------------------------------------

    def duration_topics(self, clause_text: str) -> list[tuple[int, str]]:
        """(rank, fact key) of the facts a clause speaks about; lower rank = named more plainly."""
        found = [(0, key) for key in t.refund_topics(clause_text)]
        if _STANDARD_LABEL.match(clause_text):
            found.append((0, "standard-shipping-time"))  # "Standard: 3-5 business days" (next to "Express")
        for rank, (key, cue, primary) in enumerate(t.DURATION_TOPICS):
            if cue.search(clause_text):
                found.append((0 if rank < 3 else (1 if primary else _WEAK), key))
        for key, cues in self.index.fact_cues.items():
            if self.facts[key].kind == "duration" and all(cue.search(clause_text) for cue in cues):
                found.append((0, key))
        return [(rank, key) for rank, key in found if key in self.facts]

    def check_duration(
        self, match: re.Match[str], sentence: tuple[int, int], clause: tuple[int, int]
    ) -> None:
        low, high = p.number_word(match.group("lo")), p.number_word(match.group("hi") or match.group("lo"))
        start, end = match.start("lo"), match.end()
        if low is None or high is None or self._option_value(start) or self._timed_option(match, sentence):
            return
        if self.said_by_customer("duration", start, end, sentence):
            return
        scale = unit_scale(match.group("unit"))
        pre_at = match.start() if match.group("pre") else None
        self.check_timing(low, high, scale, (start, end), sentence, clause, pre_at)
        if scale:
            self.check_elided(end, scale, sentence)

    def _option_value(self, at: int) -> bool:
        """A figure inside brackets opened after a product's name is one of its options ("the
        Speaker (blue, 10 hours, no)", "Earbuds (blue / 8 hours / not resistant)"), not a timing."""
        for _, m_end, _ in self.mentions:
            between = self.answer[m_end:at]
            if m_end <= at and between.lstrip().startswith("(") and ")" not in between:
                return True
        return False

    def _timed_option(self, match: re.Match[str], sentence: tuple[int, int]) -> bool:
        """A figure that is a catalogue option's value ("8 hours" of battery life), in a sentence
        that names that option or a product having it: "Earbuds, battery life 8 hours -> 6 hours"."""
        value = " ".join(self.answer[match.start("lo") : match.end()].lower().split())
        known = self.index.timed_options.get(value)
        if known is None:
            return False
        names, products = known
        sentence_text = self.answer[sentence[0] : sentence[1]].lower()
        if any(name in sentence_text for name in names):
            return True
        return any(not products.isdisjoint(mentioned) for _, _, mentioned in self.mentions)

    def check_elided(self, after: int, scale: int, sentence: tuple[int, int]) -> None:
        """ "standard shipping 3-5 business days (or express 2-4)": a bare range after a duration,
        with a topic of its own just before it, takes that duration's unit; read up to the next
        duration written out in full."""
        following = p.DURATION.search(self.answer, after, sentence[1])
        stop = following.start() if following else sentence[1]
        position = after
        for bare in _BARE_RANGE.finditer(self.answer, after, stop):
            lead = self.answer[max(position, bare.start() - 30) : bare.start()]
            position = bare.end()
            if not any(primary and cue.search(lead) for _, cue, primary in t.DURATION_TOPICS):
                continue
            low, high = int(bare.group("lo")), int(bare.group("hi") or bare.group("lo"))
            local = (bare.start() - len(lead), bare.end())
            self.check_timing(low, high, scale, (bare.start(), bare.end()), sentence, local, None)

    def check_timing(
        self,
        low: int,
        high: int,
        scale: int,
        span: tuple[int, int],
        sentence: tuple[int, int],
        clause: tuple[int, int],
        pre_at: int | None,
    ) -> None:
        """A timing from `low` to `high` units of `scale` days (0: hours) at `span`, against the
        facts of the topic its clause (else its sentence, else its list's heading) names."""
        start, end = span
        clause_text = self.answer[clause[0] : clause[1]]
        # "The refund should appear in 5-7 days" after "refunded to your gift card": the method
        # named before is the one the timing is about.
        carried = t.refund_context(clause_text, self.answer[: clause[0]])
        if not carried and t.list_heading(self.answer, sentence[0]):
            carried = t.list_heading(self.answer, sentence[0])
            carried = f"{self.answer[sentence[0] : sentence[1]]} {carried}"
        clause_text = f"{clause_text} ({carried})" if carried else clause_text
        hours = scale == 0
        if hours and t.refund_topics(clause_text):
            self.check_hours(high, start, end, clause_text)
            return
        if hours:
            # "processed within 72 hours": in days, rounded up, held to the topic's range.
            low, high, scale = -(-low // 24), -(-high // 24), 1
        claimed = (Decimal(low * scale), Decimal(high * scale))
        role = _time_role(self.answer[sentence[0] : start], self.answer[end : sentence[1]])
        if role in ("elapsed", "follow-up"):
            # "delivered 10 days ago", "I'll check back in 2 days": not how long a policy allows.
            self.add("duration", start, end, True, f"{role} time, not a policy term")
            return
        # The clause names the topic ("express shipping takes..."), else its sentence does.
        topics = self.duration_topics(clause_text)
        point = _POINT_IN_TIME.search(self.answer, end, clause[1])
        if point and topics:
            # "3-5 business days after 1-2 days of processing": a topic named only after "after"
            # is a point in time; the clause's own topic is the one before it, else the sentence's.
            head = self.answer[clause[0] : point.start()]
            topics = self.duration_topics(f"{head} ({carried})" if carried else head)
        # The topic named before the figure is its subject ("standard delivery takes 3-5 days after
        # processing"); one named only after it is a point in time ("after processing").
        lead = self.answer[clause[0] : start]
        lead_topics = self.duration_topics(f"{lead} ({carried})" if carried else lead)
        if lead_topics and min(rank for rank, _ in lead_topics) < _WEAK:
            topics = lead_topics
        labelled = _label_before(self.answer[sentence[0] : clause[0]]) if not topics else ""
        if labelled:
            # "Express: 1-2 bd; standard: 3-5 bd": the label before the colon is the figure's topic.
            topics = self.duration_topics(labelled)
        if hours:
            # Hours are held to a topic only when the clause names it: an option value ("10 hours"
            # of battery) sits in many sentences about something else.
            topics = [(rank, key) for rank, key in topics if rank < _WEAK]
            if not topics:
                return
        if not topics or min(rank for rank, _ in topics) == _WEAK:
            # The clause only hints ("from delivery"): its sentence may name the topic outright.
            topics += self.duration_topics(self.answer[sentence[0] : sentence[1]])
        if not topics:
            # A line of a list: the heading the list sits under names its topic ("Refund timing:"
            # over "- Credit card: 10-14 business days").
            heading = t.list_heading(self.answer, sentence[0])
            if heading:
                topics = self.duration_topics(f"{self.answer[sentence[0] : sentence[1]]} ({heading})")
        label = None if topics else _METHOD_LABEL.search(self.answer, sentence[0], start)
        if label:
            # "- Gift card: 5-7 business days", "PayPal takes 3 days": a timing said of a payment
            # method is when money sent back to it arrives.
            keys = t.refund_topics(f"refund {label.group('method')}")
            topics = [(0, key) for key in keys if key in self.facts]
        if not topics:
            self.add("duration", start, end, True, "no policy fact on this topic")
            return
        # A plainly named topic outranks a hint: "express shipping takes 3-5 days" is about
        # express shipping, even though "shipping" alone would hint at standard shipping.
        best = min(rank for rank, _ in topics)
        if best == _WEAK:
            # Only a hint ("should arrive within 7 days" may count processing too): not a claim
            # about a policy term we can hold the answer to.
            self.add("duration", start, end, True, "unverified: the topic is only hinted at")
            return
        topics = [(rank, key) for rank, key in topics if rank <= best + 1]
        for _, key in topics:
            fact = self.facts[key]
            if fact.kind == "duration" and _duration_matches(
                claimed, fact, within=hours, up_to=role == "remaining"
            ):
                self.add("duration", start, end, True, f"fact {key}: {fact.statement}")
                return
        best = min(rank for rank, _ in topics)
        leading = {key: self.facts[key] for rank, key in topics if rank == best}
        values = {(fact.kind, fact.value, fact.unit) for fact in leading.values()}
        statement = " / ".join(fact.statement for fact in leading.values())
        fix: str | None = None
        if len(values) == 1 and not hours and role is None:
            kind, value, unit = next(iter(values))
            if kind == "duration":
                fix = f"{value} {unit}".strip()
            elif kind == "text" and pre_at is not None:
                start = pre_at
                fix = value
        self.add("duration", start, end, False, f"contradicts {statement}", replacement=fix)

    def check_hours(self, hours: int, start: int, end: int, clause_text: str) -> None:
        """Hours are held only to a refund-timing fact in days ("within 24 hours" when a card refund
        takes 5-7 business days); a text fact ("immediately") or any other topic is not contradicted."""
        keys = [key for key in t.refund_topics(clause_text) if key in self.facts]
        facts = [self.facts[key] for key in keys]
        if not facts:
            return
        if any(fact.kind != "duration" for fact in facts):
            # A text fact: only "immediately" gives a timing an hour count can contradict, by a day
            # or more ("the gift card refund arrives within 48 hours" when it is there at once).
            instant = [fact for fact in facts if fact.kind == "text" and INSTANT.search(fact.value)]
            if hours >= 24 and instant and len(instant) == len(facts):
                statement = " / ".join(fact.statement for fact in instant)
                self.add("duration", start, end, False, f"contradicts {statement}")
            return
        days = Decimal(max(1, -(-hours // 24)))
        if any(_duration_matches((days, days), fact) for fact in facts):
            self.add("duration", start, end, True, f"fact {keys[0]}: {facts[0].statement}")
            return
        statement = " / ".join(fact.statement for fact in facts)
        self.add("duration", start, end, False, f"contradicts {statement}")


# "Standard" as the label a clause opens with: the standard shipping time, as plainly named as
# "Express" is.
_POINT_IN_TIME = re.compile(r"\b(?:after|once|following|nach|apr[eè]s|despu[eé]s de)\b", re.IGNORECASE)


def _label_before(lead: str) -> str:
    """The label a figure's clause follows ("standard" in "...; standard: 3-5 bd"), else ""."""
    lead = lead.rstrip()
    if not lead.endswith(":"):
        return ""
    start = max(lead.rfind(mark, 0, len(lead) - 1) for mark in (",", ";", ".", "\n")) + 1
    return lead[start:-1].strip()


_STANDARD_LABEL = re.compile(
    r"^\W*standard\b(?!\s+(?:return|exchange|refund|window|price|fee))", re.IGNORECASE
)
# A payment method as the label or subject of the figure right after it: "PayPal: 5-7 days",
# "- Gift card: 3 days", "credit cards take 5-7 business days", "on a gift card it's 3 days".
_METHOD_LABEL = re.compile(
    r"(?:^|[\s(*\u2022-])(?:(?:to|on|onto|for|via|with)\s+)?(?:(?:a|an|the|your)\s+)?"
    r"(?P<method>gift ?cards?|(?:credit |debit |bank )?cards?|visa|mastercard|amex|paypal(?: accounts?)?)"
    r"(?:\s+refunds?)?\s*(?:[:=\u2013\u2014-]|\(|,?\s+(?:it\s+)?(?:takes?|is|are|it's|usually|typically)\b)"
    r"\s*(?:(?:usually|typically|normally|about|around|roughly|takes?|within|in|up to|between)\s+)*$",
    re.IGNORECASE,
)
INSTANT = re.compile(
    r"\b(?:instant\w*|immediate(?:ly)?|right away|straight away|at once|same[- ]day|in real time|"
    r"within (?:minutes|seconds|the hour)|in (?:minutes|seconds)|overnight)\b",
    re.IGNORECASE,
)


def _duration_matches(
    claimed: tuple[Decimal, Decimal], fact: FactEntry, within: bool = False, up_to: bool = False
) -> bool:
    """The claimed range is the fact's, or its upper bound; with `within` (hours rounded up to
    days, which cannot say business days) any range inside the fact's; with `up_to` (time left of
    it) no more than its upper bound."""
    bounds = fact.bounds
    if bounds is None:
        return False
    unit = fact.unit.lower()
    scale = 7 if "week" in unit else 30 if "month" in unit else 1
    low, high = bounds[0] * scale, bounds[1] * scale
    if up_to:
        return claimed[1] <= high
    if within:
        return low <= claimed[0] <= claimed[1] <= high
    return claimed == (low, high) or (claimed[0] == claimed[1] == high)
