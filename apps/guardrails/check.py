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
from apps.guardrails.action_reports import action_reports, reads_as_rule
from apps.guardrails.declared import check_declared
from apps.guardrails.evidence import ActionRecord, Evidence, cents, order_key
from apps.guardrails.headlines import headline_claims
from apps.guardrails.languages import (
    FOREIGN_DURATION,
    FOREIGN_MONEY,
    FOREIGN_PERCENT,
    READ_FIGURES_IN,
    foreign_cents,
    guess_language,
    unit_days,
)
from apps.guardrails.methods import destination_finding, known_methods, method_is_named, named_methods
from apps.guardrails.money import MoneyChecks
from apps.guardrails.normalize import skeleton
from apps.guardrails.now_state import state_claims
from apps.guardrails.patterns.changes import LEFT_ALONE
from apps.guardrails.patterns.figures import MONEY_DECIMAL_COMMA
from apps.guardrails.product_changes import product_changes
from apps.guardrails.reader import _spans
from apps.guardrails.safe_answers import safe_reply
from apps.guardrails.term_checks import TermChecks
from apps.guardrails.types import Claim, Finding, Verdict

_CONFIRM_PHRASE = re.compile(
    r"\b(?:I|we) can (?:now )?confirm(?: that)?\b|\b(?:happy|pleased|glad) to (?:confirm|let you know|say|"
    r"report)(?: that)?\b|\bjust to confirm\b|\bgood news\b"
    # "Please note" introduces a report; the "please" of a request is still a promise.
    r"|\bplease (?:note|be advised|be aware|know|rest assured)(?: that)?\b",
    re.IGNORECASE,
)


_ORDER_REF = p.ORDER_REF
_ALL_ACTIONS = (
    *p.ACTION_PATTERNS,
    *p.EXTRA_ACTION_PATTERNS,
    *p.FOREIGN_ACTION_PATTERNS,
    *p.CHANGE_ACTION_PATTERNS,
)
_SHIPPED = frozenset({"processed", "delivered"})
_ORDER_WORD = re.compile(r"(?<!\bin )\border\b", re.IGNORECASE)  # "your order is on its way", not "in order"
_ITEM_FAMILIES = frozenset({"return", "exchange", "items"})
_ITEM_CHANGE = frozenset({"modify_pending_order_items"})
_ITEM_TOOLS = frozenset(
    {"modify_pending_order_items", "exchange_delivered_order_items", "return_delivered_order_items"}
)
_PAYMENT_CHANGE = {"modify_pending_order_payment"}
_STATE_OF_ORDER = re.compile(r"^(?:it|that|this)\b.*\b(?:processed|delivered)$", re.IGNORECASE)
_FRONTED = re.compile(
    r"\W*(?:if|once|as soon as|after|when|whenever|unless|until|si|cuando|una vez|en cuanto|quand|"
    r"d[eè]s que|une fois|sobald|wenn|falls|nachdem)\b",
    re.IGNORECASE,
)
_PAST = {
    "en": re.compile(r"\b(?:was|were|had|has|have|did)\b|['\u2019]ve\b|\b(?:I|we)\s+\w+ed\b", re.IGNORECASE),
    "other": re.compile(
        r"\b(?:ha|han|hemos|he|fue|fueron|a|ont|avons|ai|wurde|wurden|haben|habe|hat|ist)\b", re.IGNORECASE
    ),
}
_SWAP = re.compile(r"\bswap|\breplacement", re.IGNORECASE)
# A piece of a sentence with no verb of its own: a few words or an order id ("the other order").
_FRAGMENT = re.compile(r"\W*(?:#?\s?W\d{7}|[\w'-]+(?:\s+[\w'-]+){0,3})\W*", re.IGNORECASE)


class _Reader(MoneyChecks, TermChecks):
    """Reads one answer against one evidence; collects findings."""

    # --- actions -----------------------------------------------------------------------------

    def check_actions(self, sentence: tuple[int, int], clauses: list[tuple[int, int]]) -> None:
        sentence_text = self.answer[sentence[0] : sentence[1]]
        if sentence_text.rstrip().endswith("?"):
            return
        lowered = sentence_text.lower()
        seen: set[str] = set()
        for rule in _ALL_ACTIONS:
            hints = rule.hints or p.ACTION_HINTS[rule.family]
            if rule.family in seen or not any(hint in lowered for hint in hints):
                continue
            if rule.unless is not None and rule.unless.search(sentence_text):
                continue
            for match in rule.pattern.finditer(self.answer, *sentence):
                if self._not_done(match.start(), clauses, sentence) or p.gap_not_done(match):
                    continue
                clause_end = next((c[1] for c in clauses if c[0] <= match.start() < c[1]), sentence[1])
                if reads_as_rule(self.answer, match, clause_end) or p.noun_report_is_rule(match, clause_end):
                    continue
                self.add_action(rule, match, sentence, clauses)
                seen.add(rule.family)
                break
        # Reports the family patterns do not word, read by structure: "the exchange on order
        # #W... has been submitted", "your refund for #W... was issued".
        for rule, match in action_reports(self.answer, sentence, clauses, self.language):
            if rule.family in seen or self._not_done(match.start(), clauses, sentence):
                continue
            self.add_action(rule, match, sentence, clauses)
            seen.add(rule.family)
        # A change told by the state it left ("your default address is now ..."), or by the product
        # the agent changed ("I've updated the Air Purifier").
        told = (
            *state_claims(self.answer, sentence, self.mentions),
            *product_changes(self.answer, sentence, self.mentions),
        )
        for rule, match in told:
            if rule.family in seen or self._not_done(match.start(), clauses, sentence):
                continue
            self.add_action(rule, match, sentence, clauses)
            seen.add(rule.family)
        if seen or p.REFUSAL.search(sentence_text):
            return
        # A headline: "Saved!", "Profile updated", "Updated the address on #W...".
        for rule, match in headline_claims(self.answer, sentence):
            self.add_action(rule, match, sentence, clauses)
            return
        # A bare "all done", "taken care of": a claim about this turn's writes. Searched in the
        # sentence alone, so that "^" means the sentence's start.
        for rule in (p.COMPLETION, p.COMPLETION_MORE):
            if not any(hint in lowered for hint in rule.hints or p.ACTION_HINTS["completion"]):
                continue
            for match in rule.pattern.finditer(sentence_text):
                at = sentence[0] + match.start()
                if self._not_done(at, clauses, sentence):
                    continue
                self.add_action(rule, match, sentence, clauses, offset=sentence[0])
                return

    def _not_done(self, start: int, clauses: list[tuple[int, int]], sentence: tuple[int, int]) -> bool:
        clause_start = next((c[0] for c in clauses if c[0] <= start < c[1]), sentence[0])
        lead = _CONFIRM_PHRASE.sub(" ", self.answer[clause_start:start])
        if p.NOT_DONE.search(lead):
            return True
        # A fronted condition or time ("Once it arrives, the money is on its way back") makes the
        # clause after it hypothetical, unless that clause is in a past tense ("When you asked, I
        # cancelled it").
        if (
            clause_start > sentence[0]
            and clauses
            and _FRONTED.match(self.answer, clauses[0][0], clauses[0][1])
        ):
            main = self.answer[clause_start : next((c[1] for c in clauses if c[0] == clause_start), start)]
            return not _PAST["en" if self.language == "en" else "other"].search(main)
        return False

    def _claim_spans(
        self, start: int, sentence: tuple[int, int], clauses: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """The clauses an action claim at `start` is about: its own clause to the end of the
        sentence, leaving out later clauses that promise rather than report, or that say their
        object was left alone ("#W... keeps its old address")."""
        clause_start = next((c[0] for c in clauses if c[0] <= start < c[1]), sentence[0])
        spans = []
        aside = self._aside(start, clauses)
        for clause in clauses or [sentence]:
            if clause[1] <= clause_start and not (clause[0] <= start < clause[1]):
                continue
            if clause in aside:
                continue
            spans.append(clause)
        return spans

    def _aside(self, start: int, clauses: list[tuple[int, int]]) -> set[tuple[int, int]]:
        """The clauses after the claim's that promise, or say their object was left alone, with
        the short verbless pieces just before one ("the other order, #W..., stays pending": the
        subject cut off by the commas of an apposition)."""
        aside: set[tuple[int, int]] = set()
        later = [c for c in clauses if c[0] > start]
        for index in range(len(later) - 1, -1, -1):
            clause = later[index]
            text = self.answer[clause[0] : clause[1]]
            said_aside = bool(p.NOT_DONE.search(text) or LEFT_ALONE.search(text))
            subject_aside = index + 1 < len(later) and later[index + 1] in aside and _FRAGMENT.fullmatch(text)
            if said_aside or subject_aside:
                aside.add(clause)
        return aside

    def _orders_claimed(
        self, start: int, sentence: tuple[int, int], clauses: list[tuple[int, int]]
    ) -> set[str]:
        """The orders an action claim at `start` is about: those named in its clauses (see
        _claim_spans), else in its sentence ("Order #W1234567: cancelled." names it first)."""
        found: set[str] = set()
        for clause in self._claim_spans(start, sentence, clauses):
            text = self.answer[clause[0] : clause[1]]
            found.update(order_key(m.group()) or "" for m in _ORDER_REF.finditer(text))
        if not found:
            # Named before the claim ("Order #W1234567: cancelled."), never in a clause set aside.
            aside = self._aside(start, clauses)
            for clause in [c for c in clauses if c not in aside] or [sentence]:
                text = self.answer[clause[0] : clause[1]]
                found.update(order_key(m.group()) or "" for m in _ORDER_REF.finditer(text))
        found.discard("")
        return found

    def _products_claimed(
        self, start: int, sentence: tuple[int, int], clauses: list[tuple[int, int]]
    ) -> set[str]:
        """The products an action claim at `start` names, found like its orders."""
        spans = self._claim_spans(start, sentence, clauses)
        inside = {n for s, _, names in self.mentions for n in names if any(a <= s < b for a, b in spans)}
        return inside or {n for _, _, names in self.mentions for n in names}

    def _products_of(self, record: ActionRecord) -> set[str]:
        products = set()
        for item_id in record.item_ids:
            name = self.index.item_product.get(item_id) or self.evidence.observed.item_products.get(item_id)
            if name:
                products.add(name)
        return products

    def add_action(
        self,
        rule: p.ActionPattern,
        match: re.Match[str],
        sentence: tuple[int, int],
        clauses: list[tuple[int, int]],
        offset: int = 0,
    ) -> None:
        start, end = offset + match.start(), offset + match.end()
        what = (
            "a write" if rule.family == "completion" else ", ".join(sorted(rule.tools)) or "tool doing this"
        )
        if rule.family == "completion":
            candidates = self.evidence.writes(this_turn=True)
        elif rule.family == "exchange" and _SWAP.search(match.group()):
            # A "swap" or "replacement" is an item change too (the same act on a pending order).
            candidates = self.evidence.writes(rule.tools | _ITEM_CHANGE)
        else:
            candidates = self.evidence.writes(rule.tools)
        orders = self._orders_claimed(start, sentence, clauses)
        if orders and candidates:
            bound = [c for c in candidates if c.order_id in orders]
            covered = {c.order_id for c in bound}
            # A call whose arguments name no order cannot be told apart: it counts for any order,
            # unless it names a customer instead (a profile change, "the default address"): that
            # never changed an order.
            unbound = [c for c in candidates if c.order_id is None and "user_id" not in c.arguments]
            if not orders <= covered and not unbound:
                missing = ", ".join(sorted(orders - covered))
                self.add(
                    "action", start, end, False, f"no successful {what} on {missing} in this conversation"
                )
                return
            candidates = bound + unbound
        # A bare "done" is held to what this turn's writes did: their items, their method.
        kinds = {c.name for c in candidates}
        completion = rule.family == "completion" and bool(kinds)
        if candidates and (rule.family in _ITEM_FAMILIES or (completion and kinds <= _ITEM_TOOLS)):
            # Every product the claim names must be one a call touched (by its variant ids); a
            # call that names no items cannot be told apart and counts for any.
            named = self._products_claimed(start, sentence, clauses)
            touched = [c for c in candidates if not c.item_ids or not named or self._products_of(c) & named]
            covered = set().union(*(self._products_of(c) for c in touched))
            if named and not any(not c.item_ids for c in touched) and not named <= covered:
                touched = []
                named -= covered
            if not touched:
                shown = " / ".join(sorted(named))
                self.add(
                    "action", start, end, False, f"no successful {what} of the {shown} in this conversation"
                )
                return
            candidates = touched
        if candidates and (rule.family == "payment" or (completion and kinds == _PAYMENT_CHANGE)):
            # The method the sentence names (kind, card brand, last four digits) must be the call's.
            methods = named_methods(self.answer[sentence[0] : sentence[1]])
            known = known_methods((*self.evidence.observations, *self.evidence.earlier_observations))
            if not any(method_is_named(c.payment_method_id, methods, known) for c in candidates):
                self.add("action", start, end, False, f"no successful {what} to that payment method")
                return
        if candidates:
            self.add(
                "action", start, end, True, f"successful {candidates[-1].name} call in this conversation"
            )
            return
        passive = not re.match(r"\s*(?:I|we)\b", match.group(), re.IGNORECASE)
        observed = self.evidence.observed
        statuses = (
            set().union(*(observed.order_statuses.get(order, set()) for order in orders))
            if orders
            else observed.statuses
        )
        supporting = rule.status & statuses
        if rule.family == "completion" and (
            _ORDER_WORD.search(match.group()) or (orders and _STATE_OF_ORDER.search(match.group()))
        ):
            # "your order is processed", or "it's delivered" in a sentence naming the order: the
            # order's state, true when observed so.
            supporting = _SHIPPED & statuses
        if passive and supporting:
            status = sorted(supporting)[0]
            self.add("action", start, end, True, f"the order's observed status is {status!r}")
            return
        refunded = {
            order
            for order, history in observed.order_history.items()
            if any(e[0] == "refund" for e in history)
        }
        if passive and rule.family == "refund" and observed.refunds and orders <= refunded:
            # "A refund was issued for #W... on May 3": quoted from that order's payment history.
            self.add("action", start, end, True, "a refund appears in the observed payment history")
            return
        where = f" on {', '.join(sorted(orders))}" if orders else ""
        when = " this turn" if rule.family == "completion" else " in this conversation"
        self.add("action", start, end, False, f"no successful {what}{where}{when}")

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
            else:
                for match in p.MONEY.finditer(text, *sentence):
                    self.check_money(match, sentence, clause_of(match.start()))
                for match in MONEY_DECIMAL_COMMA.finditer(text, *sentence):  # "32,36 USD"
                    self.check_money(match, sentence, clause_of(match.start()))
                for match in p.DURATION.finditer(text, *sentence):
                    self.check_duration(match, sentence, clause_of(match.start("lo")))
                for match in p.PERCENT.finditer(text, *sentence):
                    self.check_percent(match, clause_of(match.start()))
                lowered = text[sentence[0] : sentence[1]].lower()
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

    def check_destination(self, sentence: tuple[int, int]) -> None:
        """A refund or charge said to go to a payment method must have gone there (methods.py)."""
        why = destination_finding(self.answer, sentence, self.evidence)
        if why is not None:
            self.add("action", sentence[0], sentence[1], False, why)

    # --- figures in Spanish, French and German ------------------------------------------------

    def check_foreign_figures(self, sentence: tuple[int, int], clauses: list[tuple[int, int]]) -> None:
        observed = self.evidence.observed
        for match in FOREIGN_MONEY.finditer(self.answer, *sentence):
            whole, fraction = match.group("a") or match.group("b"), match.group("ac") or match.group("bc")
            amount = foreign_cents(whole, fraction)
            clause = next((c for c in clauses if c[0] <= match.start() < c[1]), sentence)
            if self.check_settled(amount, match.start(), match.end(), sentence, clause):
                continue  # a refund: the amount of the call the sentence reports
            if not self.products_near(sentence, clause, match.start()) and self.check_order_bound(
                amount, match.start(), match.end(), sentence, clause
            ):
                continue  # a figure said of one order: one of that order's
            ok = amount in observed.numbers or amount in observed.aggregates
            key = self.index.money_fact_cents.get(amount)
            why = "observed in this conversation" if ok else (f"fact {key}" if key else "")
            self.add("money", *match.span(), ok or key is not None, why or "no observation or fact has it")
        for match in FOREIGN_DURATION.finditer(self.answer, *sentence):
            scale = unit_days(match.group("unit"))
            low = int(match.group("lo")) * scale
            high = int(match.group("hi") or match.group("lo")) * scale
            ok = low * 100 in observed.numbers and high * 100 in observed.numbers
            clause = next((c for c in clauses if c[0] <= match.start() < c[1]), sentence)
            # The facts of the topic the clause (else the sentence) names; any fact when none.
            keys = t.foreign_duration_topics(self.answer[clause[0] : clause[1]]) or t.foreign_duration_topics(
                self.answer[sentence[0] : sentence[1]]
            )
            topical = [self.facts[key] for key in keys if key in self.facts]
            for fact in topical or self.facts.values():
                bounds = fact.bounds if fact.kind == "duration" else None
                if bounds is None:
                    continue
                fact_scale = 7 if "week" in fact.unit else 30 if "month" in fact.unit else 1
                fact_low, fact_high = bounds[0] * fact_scale, bounds[1] * fact_scale
                if (low, high) == (fact_low, fact_high) or low == high == fact_high:
                    ok = True
                    break
            self.add("duration", *match.span(), ok, "a duration fact" if ok else "no duration fact says so")
        for match in FOREIGN_PERCENT.finditer(self.answer, *sentence):
            value = cents(match.group("n").replace(",", "."))
            ok = value in observed.numbers or any(
                f.kind == "percentage" and cents(f.number) == value for f in self.facts.values()
            )
            self.add("percentage", *match.span(), ok, "observed or a fact" if ok else "no fact has it")


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
    reader = _Reader(answer, evidence)
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
