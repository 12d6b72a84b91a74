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

from apps.guardrails import patterns as p
from apps.guardrails import topics as t
from apps.guardrails.evidence import Evidence
from apps.guardrails.money import MoneyChecks
from apps.guardrails.reader import _spans
from apps.guardrails.safe_answers import safe_reply
from apps.guardrails.term_checks import TermChecks
from apps.guardrails.types import Finding, Verdict

_CONFIRM_PHRASE = re.compile(
    r"\b(?:I|we) can (?:now )?confirm(?: that)?\b|\b(?:happy|pleased|glad) to (?:confirm|let you know|say|"
    r"report)(?: that)?\b|\bjust to confirm\b|\bgood news\b",
    re.IGNORECASE,
)


class _Reader(MoneyChecks, TermChecks):
    """Reads one answer against one evidence; collects findings."""

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
                    (m.start(), m.end(), t.mention_products(self.index, m.group()))
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
