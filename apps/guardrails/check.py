"""`guard_answer`: extract an answer's claims, resolve each against the evidence, and pass,
repair or block the answer. Deterministic, no model; regexes are compiled once and the
product and fact index once per knowledge snapshot.

The rules, in short:
- money: a figure about a fee or threshold must equal that fact; a figure next to a product
  must be a price of that product (as observed this turn, else in the catalogue); any other
  figure must appear in the observations (a number, a sum of an order's items, a payment or
  refund, a price difference) or be a money fact; a refund or price difference must be the
  one of the call its sentence reports (settlements.py), a figure said of an order one of that
  order's, and arithmetic the answer writes out must compute (figure_relations.py).
  Contradicted -> the evidenced figure, if there is exactly one; unsupported -> block.
- durations and percentages: compared with the facts whose topic the clause names.
- policy statements that contradict a text fact -> the fact's own statement.
- an action reported as done needs a successful call of a tool that does it -> else block;
  reports are read by the family patterns (patterns/actions_*.py) and by their structure
  (action noun + object phrase + completion predicate, action_reports.py).
"""

from __future__ import annotations

import re
import time

from apps.guardrails import patterns as p
from apps.guardrails import topics as t
from apps.guardrails.action_checks import ActionChecks
from apps.guardrails.declared import check_declared
from apps.guardrails.evidence import Evidence, cents
from apps.guardrails.languages import (
    FOREIGN_DURATION,
    FOREIGN_MONEY,
    FOREIGN_PERCENT,
    READ_FIGURES_IN,
    foreign_cents,
    guess_language,
    unit_days,
)
from apps.guardrails.money import MoneyChecks
from apps.guardrails.normalize import drop_withdrawn, plain_markup, skeleton
from apps.guardrails.patterns.figures import BARE_MONEY, BARE_MONEY_CUE, MONEY_DECIMAL_COMMA, bare_amount
from apps.guardrails.reader import _spans, rounded_to
from apps.guardrails.safe_answers import safe_reply
from apps.guardrails.term_checks import TermChecks
from apps.guardrails.types import Claim, Finding, Verdict

# Cheap tests that skip a costly pattern on a sentence that cannot hold its match: every duration
# ends in one of these units (p.DURATION), read with the same case folding.
_UNIT = re.compile(r"day|week|month|hour|fortnight", re.IGNORECASE)
_SHORT_UNIT = re.compile(r"\d\s?(?:[dh]|bds?|hrs?|wks?|mos?)\b", re.IGNORECASE)  # "5-7 bd", "30d", "48h"
_DECIMALS = re.compile(r"\d\.\d\d")  # cheap: only such a sentence can hold a bare amount


# A unit of time only Spanish, French or German has, in a text guessed English.
_FOREIGN_UNIT = re.compile(
    r"\d\s?(?:d[ií]as|jours?|(?:werk|arbeits|gesch[äa]fts)?tage\b|semanas|semaines|wochen)"
)


class _Reader(MoneyChecks, TermChecks, ActionChecks):
    """Reads one answer against one evidence; collects findings."""

    # --- the answer --------------------------------------------------------------------------

    def product_mentions(self, sentence: tuple[int, int]) -> list[tuple[int, int, tuple[str, ...]]]:
        names = self.index.product_names
        if names is None:
            return []
        found = [
            (m.start(), m.end(), t.mention_products(self.index, m.group()))
            for m in names.finditer(self.answer, *sentence)
        ]
        if len(found) < 2 or not self.index.option_words:
            return found
        return [m for m in found if not self._is_option_word(m, found, sentence)]

    def _is_option_word(
        self,
        mention: tuple[int, int, tuple[str, ...]],
        found: list[tuple[int, int, tuple[str, ...]]],
        sentence: tuple[int, int],
    ) -> bool:
        """A product word used as another product's option ("Backpack (compartment: laptop)",
        "the laptop backpack"): products are the ones the evidence's variants name, never words
        inside option values."""
        start, end, names = mention
        word = self.answer[start:end].lower()
        observed = self.evidence.observed
        seen = set(observed.item_products.values()) | set(observed.product_prices)
        for other_start, other_end, others in found:
            if others == names:
                continue
            for owner in others:
                keys = self.index.option_words.get(owner, {}).get(word) or self.index.option_words.get(
                    owner, {}
                ).get(word.rstrip("s"))
                if not keys:
                    continue
                if seen and owner in seen and not set(names) & seen:
                    return True
                if 0 <= other_start - end <= 2:  # "laptop backpack"
                    return True
                near = self.answer[max(sentence[0], start - 20) : min(sentence[1], end + 20)].lower()
                if any(key in near for key in keys):  # "compartment: laptop", "laptop compartment"
                    return True
                between = self.answer[other_end:start]
                if other_end <= start and "(" in between and ")" not in between:
                    return True
        return False

    def read(self) -> list[Finding]:
        text = self.answer
        foreign = self.language in READ_FIGURES_IN
        for sentence in _spans(text, p.SENTENCE):
            clauses = list(_spans(text, p.CLAUSE, *sentence))
            self.mentions = self.product_mentions(sentence)

            def clause_of(at: int, clauses: list[tuple[int, int]] = clauses) -> tuple[int, int]:
                for clause in clauses:
                    if clause[0] <= at < clause[1]:
                        return clause
                return clauses[-1] if clauses else (at, at)

            if foreign:
                self.check_foreign_figures(sentence, clauses)
                for clause in clauses:
                    self.check_foreign_policy(clause, sentence)
            else:
                lowered = text[sentence[0] : sentence[1]].lower()
                for match in p.MONEY.finditer(text, *sentence):
                    self.check_money(match, sentence, clause_of(match.start()))
                for match in MONEY_DECIMAL_COMMA.finditer(text, *sentence) if "," in lowered else ():
                    self.check_money(match, sentence, clause_of(match.start()))  # "32,36 USD"
                bare = list(BARE_MONEY.finditer(text, *sentence)) if _DECIMALS.search(lowered) else ()
                if bare and BARE_MONEY_CUE.search(lowered):
                    for match in bare:
                        if bare_amount(text, match):  # "refund amt 360.55", not "at 10.30"
                            self.check_money(match, sentence, clause_of(match.start()))
                timed = _UNIT.search(text, *sentence) or _SHORT_UNIT.search(text, *sentence)
                for match in p.DURATION.finditer(text, *sentence) if timed else ():
                    self.check_duration(match, sentence, clause_of(match.start("lo")))
                if _FOREIGN_UNIT.search(lowered):
                    self.check_foreign_durations(sentence, clauses)  # a German note: "5-7 Werktage"
                for match in p.PERCENT.finditer(text, *sentence):
                    self.check_percent(match, clause_of(match.start()))
                for match in p.MONEY_IN_WORDS.finditer(text, *sentence) if "dollar" in lowered else ():
                    self.check_money_in_words(match, sentence, clause_of(match.start()))
                for match in p.PERCENT_IN_WORDS.finditer(text, *sentence) if "cent" in lowered else ():
                    self.check_percent_in_words(match, clause_of(match.start()))
                if self.index.fact_cues:
                    for match in p.DATE.finditer(text, *sentence):
                        self.check_date(match, clause_of(match.start()))
                for clause in clauses:
                    self.check_policy(clause)
            self.check_actions(sentence, clauses)
            self.check_destination(sentence)
        return self.findings

    # --- figures in Spanish, French and German ------------------------------------------------

    def check_foreign_figures(self, sentence: tuple[int, int], clauses: list[tuple[int, int]]) -> None:
        observed = self.evidence.observed
        for match in FOREIGN_MONEY.finditer(self.answer, *sentence):
            whole, fraction = match.group("a") or match.group("b"), match.group("ac") or match.group("bc")
            amount = foreign_cents(whole, fraction)
            # "aproximadamente 360 USD" for the $360.55 observed: read as the amount it rounds.
            amount = rounded_to(self.answer, *match.span(), amount, observed.aggregates | observed.numbers)
            clause = next((c for c in clauses if c[0] <= match.start() < c[1]), sentence)
            if self.check_settled(amount, match.start(), match.end(), sentence, clause):
                continue  # a refund: the amount of the call the sentence reports
            if not self.products_near(sentence, clause, match.start()) and self.check_order_bound(
                amount, match.start(), match.end(), sentence, clause
            ):
                continue  # a figure said of one order: one of that order's
            if self.check_foreign_price(amount, match.start(), match.end(), sentence, clause):
                continue  # another variant's or product's price for the one named
            ok = amount in observed.numbers or amount in observed.aggregates
            key = self.index.money_fact_cents.get(amount)
            why = "observed in this conversation" if ok else (f"fact {key}" if key else "")
            self.add("money", *match.span(), ok or key is not None, why or "no observation or fact has it")
        self.check_foreign_durations(sentence, clauses)
        for match in FOREIGN_PERCENT.finditer(self.answer, *sentence):
            value = cents(match.group("n").replace(",", "."))
            ok = value in observed.numbers or any(
                f.kind == "percentage" and cents(f.number) == value for f in self.facts.values()
            )
            self.add("percentage", *match.span(), ok, "observed or a fact" if ok else "no fact has it")

    def check_foreign_durations(self, sentence: tuple[int, int], clauses: list[tuple[int, int]]) -> None:
        """ "sous 48 heures", "5-7 Werktage": also in a terse note guessed English."""
        observed = self.evidence.observed
        for match in FOREIGN_DURATION.finditer(self.answer, *sentence):
            scale = unit_days(match.group("unit"))
            hours = scale == 0  # "sous 48 heures": in days rounded up, within the fact's range
            low = -(-int(match.group("lo")) // 24) if hours else int(match.group("lo")) * scale
            high = int(match.group("hi") or match.group("lo"))
            high = -(-high // 24) if hours else high * scale
            ok = low * 100 in observed.numbers and high * 100 in observed.numbers
            clause = next((c for c in clauses if c[0] <= match.start() < c[1]), sentence)
            # The facts of the topic the clause (else the sentence) names; any fact when none.
            keys = t.foreign_duration_topics(self.answer[clause[0] : clause[1]]) or t.foreign_duration_topics(
                self.answer[sentence[0] : sentence[1]]
            )
            topical = [self.facts[key] for key in keys if key in self.facts]
            if hours and (not topical or all(fact.kind != "duration" for fact in topical)):
                # Hours only against a duration the clause names (not "la batería dura 10 horas");
                # a text fact ("immediately") is contradicted by a day or more, as in English.
                if topical and int(match.group("hi") or match.group("lo")) >= 24 and not ok:
                    self.add("duration", *match.span(), False, "contradicts " + topical[0].statement)
                continue
            for fact in topical or self.facts.values():
                bounds = fact.bounds if fact.kind == "duration" else None
                if bounds is None:
                    continue
                fact_scale = 7 if "week" in fact.unit else 30 if "month" in fact.unit else 1
                fact_low, fact_high = bounds[0] * fact_scale, bounds[1] * fact_scale
                if (low, high) == (fact_low, fact_high) or low == high == fact_high:
                    ok = True
                    break
                if hours and fact_low <= low <= high <= fact_high:
                    ok = True
                    break
            self.add("duration", *match.span(), ok, "a duration fact" if ok else "no duration fact says so")


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


def _claims(answer: str, evidence: Evidence, language: str | None = None) -> list[Finding]:
    reader = _Reader(drop_withdrawn(plain_markup(answer)), evidence)
    reader.language = language or guess_language(answer)
    return reader.read()


def guard_answer(answer: str, evidence: Evidence) -> Verdict:
    """Check an answer's claims against the evidence: pass it, repair it, or block it.

    The text is read as `normalize.skeleton` folds it (so a Cyrillic U+0430 hides nothing); an
    answer in a language the checker cannot read is blocked, never passed unread; the claims
    the author declared (evidence.declared) are verified as well as the ones found in the text.
    """
    started = time.perf_counter_ns()
    text = skeleton(answer)
    language = guess_language(text)
    if language == "unreadable":
        findings = [
            Finding(
                Claim(text[:120], "unreadable", False, "a language or script the checker cannot read"), 0, 0
            )
        ]
    else:
        findings = _claims(text, evidence, language)
        findings += check_declared(text, evidence)
    claims = tuple(finding.claim for finding in findings)
    failing = [claim for claim in claims if not claim.ok]

    def done(verdict: str, sent: str, reason: str = "", handoff: bool = False) -> Verdict:
        micros = (time.perf_counter_ns() - started) // 1000
        return Verdict(verdict, sent, claims, answer, handoff, reason, micros)  # type: ignore[arg-type]

    if not failing:
        return done("pass", answer)
    kinds = {c.kind for c in failing}
    if "unreadable" in kinds:
        reason = "unreadable"
    elif "action" in kinds or "declared" in kinds:
        reason = "action"
    else:
        reason = "policy" if kinds == {"policy"} else "figures"
    if reason in ("policy", "figures"):
        repaired = _rewrite(text, findings)
        # The repaired answer must itself pass: a repair never introduces a claim we cannot back.
        if repaired is not None and all(f.claim.ok for f in _claims(repaired, evidence, language)):
            return done("repair", repaired, reason)
    handoff = evidence.handoff_on_block
    return done("block", safe_reply(reason, handoff=handoff), reason, handoff)
