"""`guard_answer`: extract an answer's claims, resolve each against the evidence, and pass,
repair or block the answer. Deterministic, no model; regexes are compiled once and the
product and fact index once per knowledge snapshot.

The rules, in short:
- money: a figure about a fee or threshold must equal that fact; a figure next to a product
  must be a price of that product (as observed this turn, else in the catalogue); any other
  figure must appear in the observations (a number, a sum of an order's items, a payment or
  refund, a price difference) or be a money fact. Contradicted -> the evidenced figure, if
  there is exactly one; unsupported -> block.
- durations and percentages: compared with the facts whose topic the clause names.
- policy statements that contradict a text fact -> the fact's own statement.
- an action reported as done needs a successful call of a tool that does it -> else block.
"""

from __future__ import annotations

import re
import time
from decimal import Decimal

from apps.knowledge.snapshot import FactEntry

from . import patterns as p
from .evidence import Evidence, cents
from .replies import safe_reply
from .types import Claim, ClaimKind, Finding, Verdict

_CONFIRM_PHRASE = re.compile(
    r"\b(?:I|we) can (?:now )?confirm(?: that)?\b|\b(?:happy|pleased|glad) to (?:confirm|let you know|say|"
    r"report)(?: that)?\b|\bjust to confirm\b|\bgood news\b",
    re.IGNORECASE,
)
_VARIANT_WORDS = re.compile(
    r"\b(?:version|variant|option|size|colou?r|capacity|model|instead|switch\w*|new|other|exchang\w*|swap\w*|"
    r"available|in stock|currently|now|costs|sells?|retails?|priced?)\b",
    re.IGNORECASE,
)
_PAST_PAID = re.compile(r"\b(?:paid|you were charged|cost you|was charged|bought|purchased)\b", re.IGNORECASE)
_REFUND_WORD = re.compile(r"\brefund\w*|\bmoney back\b|\bcredit(?:ed)? back\b", re.IGNORECASE)
_TOTAL_WORD = re.compile(
    r"\btotal\w*|\bpaid\b|\bcharged\b|\bpayment\b|\bcame to\b|\bcomes to\b", re.IGNORECASE
)
_BALANCE_WORD = re.compile(r"\bbalance\b", re.IGNORECASE)


_WEAK = 2  # the rank of a topic that is only hinted at


def _spans(text: str, splitter: re.Pattern[str], start: int = 0, end: int | None = None):
    """(start, end) of the pieces of text[start:end] between splitter matches."""
    end = len(text) if end is None else end
    position = start
    for match in splitter.finditer(text, start, end):
        if match.start() > position:
            yield position, match.start()
        position = match.end()
    if position < end:
        yield position, end


def _money(amount: int) -> str:
    return f"${Decimal(amount) / 100:,.2f}"


def _fact_cents(fact: FactEntry) -> int | None:
    return cents(fact.number) if fact.number is not None else None


class _Reader:
    """Reads one answer against one evidence; collects findings."""

    def __init__(self, answer: str, evidence: Evidence) -> None:
        self.answer = answer
        self.evidence = evidence
        self.facts = evidence.facts
        self.index = p.knowledge_index(evidence.knowledge)
        self.findings: list[Finding] = []
        self.mentions: list[tuple[int, int, tuple[str, ...]]] = []  # product mentions in the sentence

    # --- helpers -----------------------------------------------------------------------------

    def add(
        self,
        kind: ClaimKind,
        start: int,
        end: int,
        ok: bool,
        evidence: str,
        replacement: str | None = None,
        whole_sentence: bool = False,
    ) -> None:
        claim = Claim(self.answer[start:end], kind, ok, evidence[:300], replacement)
        self.findings.append(Finding(claim, start, end, replacement, whole_sentence))

    def products_near(self, sentence: tuple[int, int], clause: tuple[int, int], at: int) -> tuple[str, ...]:
        """The product a figure at `at` is about: the nearest mention in its clause, else the
        nearest before it in the sentence."""
        best: tuple[int, tuple[str, ...]] | None = None
        before: tuple[str, ...] = ()
        for start, end, names in self.mentions:
            if end <= at:
                before = names
            if start >= clause[0] and end <= clause[1]:
                distance = at - end if end <= at else start - at
                if best is None or distance < best[0]:
                    best = (distance, names)
        return best[1] if best is not None else before

    # --- money -------------------------------------------------------------------------------

    def money_topics(self, context: str, before: str, after: str) -> list[str]:
        """The money facts a figure may be about, most plainly named first."""
        found = []
        threshold = p.THRESHOLD_BEFORE.search(before[-40:]) or p.THRESHOLD_AFTER.search(after[:20])
        if threshold and (p.FREE.search(context) or p.SHIPPING_WORDS.search(context)):
            found.append("free-shipping-threshold")
        for key, cue in p.MONEY_TOPICS:
            if cue.search(context):
                found.append(key)
        for key, cues in self.index.fact_cues.items():
            if self.facts[key].kind == "money" and all(cue.search(context) for cue in cues):
                found.append(key)
        return [key for key in found if key in self.facts]

    def check_money(self, match: re.Match[str], sentence: tuple[int, int], clause: tuple[int, int]) -> None:
        whole = match.group("a") or match.group("b")
        fraction = match.group("ac") or match.group("bc") or ""
        amount = int(whole.replace(",", "")) * 100 + (int(fraction.ljust(2, "0")) if fraction else 0)
        start, end = match.span()
        clause_text = self.answer[clause[0] : clause[1]]
        before = self.answer[clause[0] : start]
        observed = self.evidence.observed
        in_observations = amount in observed.numbers or amount in observed.aggregates

        after = self.answer[end : clause[1]]
        topics = self.money_topics(clause_text, before, after)
        if not topics and not self.products_near(sentence, clause, start):
            topics = self.money_topics(self.answer[sentence[0] : sentence[1]], before, after)
        if topics:
            for key in topics:
                if _fact_cents(self.facts[key]) == amount:
                    self.add("money", start, end, True, f"fact {key}: {self.facts[key].statement}")
                    return
            topic = topics[0]
            fact = self.facts[topic]
            expected = _fact_cents(fact)
            products = self.products_near(sentence, clause, start)
            if in_observations or any(amount in self._product_cents(name) for name in products):
                self.add("money", start, end, True, "observed this turn")
                return
            if expected is None:
                self.add("money", start, end, False, f"contradicts fact {topic}: {fact.statement}")
            elif expected == 0:
                self.add(
                    "money",
                    start,
                    end,
                    False,
                    f"contradicts fact {topic}: {fact.statement}",
                    replacement=fact.statement,
                    whole_sentence=True,
                )
            else:
                self.add(
                    "money",
                    start,
                    end,
                    False,
                    f"contradicts fact {topic}: {fact.statement}",
                    replacement=_money(expected),
                )
            return

        products = self.products_near(sentence, clause, start)
        amount_context = bool(p.AMOUNT_WORDS.search(clause_text))
        if products:
            self.check_price(match, amount, products, clause_text, amount_context, in_observations)
            return
        if in_observations:
            self.add("money", start, end, True, "observed this turn")
            return
        fact_key = self.index.money_fact_cents.get(amount)
        if fact_key is not None:
            self.add("money", start, end, True, f"fact {fact_key}: {self.facts[fact_key].statement}")
            return
        self.add(
            "money",
            start,
            end,
            False,
            "no observation or fact supports this amount",
            replacement=self._amount_fix(clause_text),
        )

    def _product_cents(self, name: str) -> set[int]:
        observed = self.evidence.observed.product_prices.get(name)
        if observed:
            return observed
        return set(self.index.catalogue_cents.get(name, ()))

    def check_price(
        self,
        match: re.Match[str],
        amount: int,
        products: tuple[str, ...],
        clause_text: str,
        amount_context: bool,
        in_observations: bool,
    ) -> None:
        start, end = match.span()
        observed = self.evidence.observed
        seen = set().union(*(observed.product_prices.get(name, set()) for name in products))
        catalogue = set().union(*(self.index.catalogue_cents.get(name, frozenset()) for name in products))
        label = " / ".join(
            self.evidence.prices[n][0].product_name if n in self.evidence.prices else n for n in products
        )
        if seen and amount in seen:
            self.add("price", start, end, True, f"observed price of the {label}")
            return
        allow_catalogue = not seen or (
            _VARIANT_WORDS.search(clause_text) and not _PAST_PAID.search(clause_text)
        )
        if allow_catalogue and amount in catalogue:
            self.add("price", start, end, True, f"catalogue price of a {label} variant")
            return
        if amount_context and amount in observed.aggregates:
            self.add("money", start, end, True, "observed total this turn")
            return
        if amount_context and in_observations and amount not in self._single_prices():
            self.add("money", start, end, True, "observed this turn")
            return
        candidates = seen or (catalogue if len(catalogue) == 1 else set())
        fix = _money(next(iter(candidates))) if len(candidates) == 1 else None
        where = "observed" if seen else "catalogue"
        shown = ", ".join(_money(c) for c in sorted(seen or catalogue)[:6])
        self.add("price", start, end, False, f"the {label}'s {where} price is {shown}", replacement=fix)

    def _single_prices(self) -> set[int]:
        return (
            set().union(*self.evidence.observed.product_prices.values())
            if self.evidence.observed.product_prices
            else set()
        )

    def _amount_fix(self, clause_text: str) -> str | None:
        observed = self.evidence.observed
        if _REFUND_WORD.search(clause_text) and len(observed.refunds) == 1:
            return _money(next(iter(observed.refunds)))
        if _TOTAL_WORD.search(clause_text) and len(observed.payments) == 1:
            return _money(next(iter(observed.payments)))
        return None

    # --- durations ---------------------------------------------------------------------------

    def duration_topics(self, clause_text: str) -> list[tuple[int, str]]:
        """(rank, fact key) of the facts a clause speaks about; lower rank = named more plainly."""
        found = [(0, key) for key in p.refund_topics(clause_text)]
        for rank, (key, cue, primary) in enumerate(p.DURATION_TOPICS):
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
        if low is None or high is None:
            return
        scale = p.UNIT_DAYS[match.group("unit").lower().rstrip("s")]
        if scale == 0:  # hours: not a policy window we hold facts about
            return
        claimed = (Decimal(low * scale), Decimal(high * scale))
        clause_text = self.answer[clause[0] : clause[1]]
        # The clause names the topic ("express shipping takes..."), else its sentence does.
        topics = self.duration_topics(clause_text)
        if not topics or min(rank for rank, _ in topics) == _WEAK:
            # The clause only hints ("from delivery"): its sentence may name the topic outright.
            topics += self.duration_topics(self.answer[sentence[0] : sentence[1]])
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
            if fact.kind == "duration" and _duration_matches(claimed, fact):
                self.add("duration", start, end, True, f"fact {key}: {fact.statement}")
                return
        best = min(rank for rank, _ in topics)
        leading = {key: self.facts[key] for rank, key in topics if rank == best}
        values = {(fact.kind, fact.value, fact.unit) for fact in leading.values()}
        statement = " / ".join(fact.statement for fact in leading.values())
        fix: str | None = None
        if len(values) == 1:
            kind, value, unit = next(iter(values))
            if kind == "duration":
                fix = f"{value} {unit}".strip()
            elif kind == "text" and match.group("pre"):
                start = match.start()
                fix = value
        self.add("duration", start, end, False, f"contradicts {statement}", replacement=fix)

    # --- percentages -------------------------------------------------------------------------

    def check_percent(self, match: re.Match[str], clause: tuple[int, int]) -> None:
        value = Decimal(match.group("n"))
        start, end = match.span()
        clause_text = self.answer[clause[0] : clause[1]]
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
        restocking = self.facts.get("restocking-fee")
        restocking_named = restocking is not None and p.MONEY_TOPICS[0][1].search(clause_text)
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
        elif p.FEE_WORDS.search(clause_text):
            self.add("percentage", start, end, False, "no fact supports this fee or discount")
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

    def check_policy(self, clause: tuple[int, int]) -> None:
        clause_text = self.answer[clause[0] : clause[1]]
        lowered = clause_text.lower()
        if not any(hint in lowered for hint in p.POLICY_HINTS):
            return
        for rule in p.POLICY_PATTERNS:
            fact = self.facts.get(rule.fact)
            if fact is None or fact.value.strip().lower() != rule.expected.lower():
                continue
            match = rule.pattern.search(clause_text)
            if match is None:
                continue
            if rule.negatable and p.NEGATION.search(clause_text[: match.start()] + match.group()):
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

    # --- actions -----------------------------------------------------------------------------

    def check_actions(self, sentence: tuple[int, int], clauses: list[tuple[int, int]]) -> None:
        sentence_text = self.answer[sentence[0] : sentence[1]]
        if sentence_text.rstrip().endswith("?"):
            return
        lowered = sentence_text.lower()
        for rule in p.ACTION_PATTERNS:
            if not any(hint in lowered for hint in p.ACTION_HINTS[rule.family]):
                continue
            for match in rule.pattern.finditer(self.answer, *sentence):
                start, end = match.span()
                clause_start = next((c[0] for c in clauses if c[0] <= start < c[1]), sentence[0])
                lead = _CONFIRM_PHRASE.sub(" ", self.answer[clause_start:start])
                if p.NOT_DONE.search(lead):
                    continue
                self.add_action(rule, match, start, end)
                break

    def add_action(self, rule: p.ActionPattern, match: re.Match[str], start: int, end: int) -> None:
        done = sorted(rule.tools & self.evidence.succeeded)
        if done:
            self.add("action", start, end, True, f"successful {done[0]} call in this conversation")
            return
        passive = not re.match(r"\s*(?:I|we)\b", match.group(), re.IGNORECASE)
        observed = self.evidence.observed
        if passive and rule.status & observed.statuses:
            status = sorted(rule.status & observed.statuses)[0]
            self.add("action", start, end, True, f"the order's observed status is {status!r}")
            return
        if passive and rule.family == "refund" and observed.refunds:
            self.add("action", start, end, True, "a refund appears in the observed payment history")
            return
        tools = ", ".join(sorted(rule.tools))
        self.add("action", start, end, False, f"no successful call of {tools} in this conversation")

    # --- the answer --------------------------------------------------------------------------

    def read(self) -> list[Finding]:
        text = self.answer
        for sentence in _spans(text, p.SENTENCE):
            clauses = list(_spans(text, p.CLAUSE, *sentence))
            names = self.index.product_names
            self.mentions = (
                [
                    (m.start(), m.end(), p.mention_products(self.index, m.group()))
                    for m in names.finditer(text, *sentence)
                ]
                if names is not None
                else []
            )

            def clause_of(at: int, clauses: list[tuple[int, int]] = clauses) -> tuple[int, int]:
                for clause in clauses:
                    if clause[0] <= at < clause[1]:
                        return clause
                return clauses[-1] if clauses else (at, at)

            for match in p.MONEY.finditer(text, *sentence):
                self.check_money(match, sentence, clause_of(match.start()))
            for match in p.DURATION.finditer(text, *sentence):
                self.check_duration(match, sentence, clause_of(match.start("lo")))
            for match in p.PERCENT.finditer(text, *sentence):
                self.check_percent(match, clause_of(match.start()))
            if self.index.fact_cues:
                for match in p.DATE.finditer(text, *sentence):
                    self.check_date(match, clause_of(match.start()))
            for clause in clauses:
                self.check_policy(clause)
            self.check_actions(sentence, clauses)
        return self.findings


def _duration_matches(claimed: tuple[Decimal, Decimal], fact: FactEntry) -> bool:
    bounds = fact.bounds
    if bounds is None:
        return False
    unit = fact.unit.lower()
    scale = 7 if "week" in unit else 30 if "month" in unit else 1
    low, high = bounds[0] * scale, bounds[1] * scale
    return claimed == (low, high) or (claimed[0] == claimed[1] == high)


def _same_date(match: re.Match[str], value: str) -> bool:
    if match.group("iso"):
        return match.group("iso") == value.strip()
    months = p._MONTHS.split("|")
    month = months.index(match.group("month").lower()) + 1
    parts = value.strip().split("-")
    if len(parts) != 3:
        return False
    same_year = match.group("year") is None or match.group("year") == parts[0]
    return same_year and int(parts[1]) == month and int(parts[2]) == int(match.group("day"))


def _rewrite(answer: str, findings: list[Finding]) -> str | None:
    """The answer with every failing claim replaced by its evidenced value; None if one has none."""
    edits: list[tuple[int, int, str]] = []
    for finding in findings:
        if finding.claim.ok:
            continue
        if finding.replacement is None:
            return None
        if finding.whole_sentence:
            sentence = next(
                (s for s in _spans(answer, p.SENTENCE) if s[0] <= finding.start < s[1]),
                (finding.start, finding.end),
            )
            edits.append((sentence[0], sentence[1], finding.replacement))
        else:
            edits.append((finding.start, finding.end, finding.replacement))
    edits.sort(key=lambda edit: (edit[0], -(edit[1] - edit[0])))
    merged: list[tuple[int, int, str]] = []
    for edit in edits:
        if merged and edit[0] < merged[-1][1]:
            continue  # inside a sentence already replaced as a whole
        merged.append(edit)
    out, position = [], 0
    for start, end, replacement in merged:
        out.append(answer[position:start])
        out.append(replacement)
        position = end
    out.append(answer[position:])
    return "".join(out)


def _claims(answer: str, evidence: Evidence) -> list[Finding]:
    return _Reader(answer, evidence).read()


def guard_answer(answer: str, evidence: Evidence) -> Verdict:
    """Check an answer's claims against the evidence: pass it, repair it, or block it."""
    started = time.perf_counter_ns()
    findings = _claims(answer, evidence)
    claims = tuple(finding.claim for finding in findings)
    failing = [claim for claim in claims if not claim.ok]

    def done(verdict: str, text: str, reason: str = "", handoff: bool = False) -> Verdict:
        micros = (time.perf_counter_ns() - started) // 1000
        return Verdict(verdict, text, claims, answer, handoff, reason, micros)  # type: ignore[arg-type]

    if not failing:
        return done("pass", answer)
    reason = (
        "action"
        if any(c.kind == "action" for c in failing)
        else ("policy" if all(c.kind == "policy" for c in failing) else "figures")
    )
    if reason != "action":
        repaired = _rewrite(answer, findings)
        # The repaired answer must itself pass: a repair never introduces a claim we cannot back.
        if repaired is not None and all(f.claim.ok for f in _claims(repaired, evidence)):
            return done("repair", repaired, reason)
    handoff = evidence.handoff_on_block
    return done("block", safe_reply(reason, handoff=handoff), reason, handoff)
