"""Action claims in an answer, read from the text: the readers that find them (family patterns,
structural reports, changes told by a state or by a product, headlines, a bare "done"), whether a
clause reports or promises, and which clauses a claim spans (its joined subject, the clauses set
aside). Each claim found is bound to the writes by ActionBinding (action_binding.py); check.py's
reader mixes this in."""

from __future__ import annotations

import re

from apps.guardrails import patterns as p
from apps.guardrails.action_binding import OWN_SUBJECT, ActionBinding
from apps.guardrails.action_reports import action_reports, reads_as_rule
from apps.guardrails.german_frame import german_frames
from apps.guardrails.headlines import headline_claims, note_claims
from apps.guardrails.methods import destination_finding, named_methods, says_where_money_went
from apps.guardrails.now_state import state_claims
from apps.guardrails.patterns.changes import LEFT_ALONE
from apps.guardrails.patterns.completion import COMPLETION_MADE
from apps.guardrails.product_changes import product_changes
from apps.guardrails.reader import _spans

_CONFIRM_PHRASE = re.compile(
    r"\b(?:I|we) can (?:now )?confirm(?: that)?\b|\b(?:happy|pleased|glad) to (?:confirm|let you know|say|"
    r"report)(?: that)?\b|\bjust to confirm\b|\bgood news\b"
    # "Please note" introduces a report; the "please" of a request is still a promise.
    r"|\bplease (?:note|be advised|be informed|be aware|know|rest assured)(?: that)?\b"
    # a letter's formula: "This letter serves to confirm that", "we wish to inform you that"
    r"|\b(?:serves?|is written|(?:am|are) writing|write) to (?:confirm|inform you|let you know)(?: that)?\b"
    r"|\b(?:wish|would like|want) to (?:inform you|let you know|confirm)(?: that)?\b"
    # A verb of seeing or telling over a "that" clause: its modal is not the claim's ("I can see on
    # my screen that #W... has been cancelled").
    r"|\b(?:I|we) can (?:now |already |also )?(?:see|tell|verify|report)\b[^.;:!?]{0,40}?\bthat\b",
    re.IGNORECASE,
)
# A fronted clause of time in a simple or pluperfect past presupposes what it tells ("After I
# cancelled #W..., the refund went to your card"): its conjunction is not a condition.
_FRONTED_PAST = re.compile(
    r"^\W*(?:after|when|once|as soon as|now that)\s+"
    r"(?=(?:I|we|it|they|the|your|this|that|order|#?\s?W\d)\b|$)",
    re.IGNORECASE,
)
_SIMPLE_PAST = re.compile(
    r"\b(?:was|were|had|did)\b|\b(?:I|we|it|they)\s+(?:(?!(?:is|are|be|gets?|has|have)\b)\w+\s+)?\w+ed\b",
    re.IGNORECASE,
)

_ALL_ACTIONS = (
    *p.ACTION_PATTERNS,
    *p.EXTRA_ACTION_PATTERNS,
    *p.FOREIGN_ACTION_PATTERNS,
    *p.CHANGE_ACTION_PATTERNS,
)


# Every rule's hints, and each distinct substring once: a sentence is tested for each substring
# once, and a rule's hints are then one set operation (most sentences rule out most rules).
_RULE_HINTS = tuple((rule, frozenset(rule.hints or p.ACTION_HINTS[rule.family])) for rule in _ALL_ACTIONS)
_COMPLETION_HINTS = tuple(
    (rule, frozenset(rule.hints or p.ACTION_HINTS["completion"]))
    for rule in (p.COMPLETION, p.COMPLETION_MORE, COMPLETION_MADE)
)
_EVERY_HINT = tuple(sorted({hint for _, hints in (*_RULE_HINTS, *_COMPLETION_HINTS) for hint in hints}))


def _hints_in(lowered: str) -> frozenset[str]:
    return frozenset(hint for hint in _EVERY_HINT if hint in lowered)


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
# A finite verb right after a bare participle phrase makes it a noun phrase ("changes saved
# *are* final"), unless the phrase had its own linking verb ("the change is done").
_VERB_AFTER = re.compile(
    r"\s+(?:is|are|was|were|will|would|can|cannot|can't|could|may|might|must|should|stay|stays|remain|"
    r"remains|become|becomes|count|counts|take|takes|need|needs|get|gets)\b",
    re.IGNORECASE,
)
_LINKED = re.compile(r"\b(?:is|are|was|were|has|have|been)\b|['\u2019]s\b", re.IGNORECASE)
# German "wird" is the future only with an infinitive; with a participle it is the present passive,
# and with an adverb of now it tells the state the order is in ("wird jetzt mit PayPal bezahlt").
_GERMAN_NOW = re.compile(r"\b(?:jetzt|nun|nunmehr|ab sofort|von nun an)\b", re.IGNORECASE)
_GERMAN_FUTURE_END = re.compile(r"\b(?:werden|sein|\w+en)\s*[.!]?\s*$", re.IGNORECASE)
_GERMAN_AUX = re.compile(r"\b(?:wird|werden)\b", re.IGNORECASE)
# A clause that opens with a second predicate of its own, after "and" ("I returned the mouse and
# exchanged the headphones", "... y cambiamos ..."): what follows it is that predicate's.
_OWN_PREDICATE = re.compile(
    r"\W*(?:(?:and|y|et|und)\s+)?(?:then\s+|also\s+)?(?:(?:I|we)(?:\s+have|['\u2019]ve)?\s+)?(?:(?:also|then)\s+)?"
    r"(?P<verb>[a-z]{3,}ed|sent|set\s+up|put|made|paid)\b(?!\s+(?:by|from)\b)",
    re.IGNORECASE,
)
_CONTENT_WORD = re.compile(r"[A-Za-z]{5,}")
_AUX = frozenset(
    {"been", "being", "have", "already", "successfully", "gone", "ahead", "went", "order", "orders"}
)
# The first half of a subject joined by "and": a few words with no verb of their own.
_JOINED = re.compile(r"\s+(?:and|y|et|und)\s+", re.IGNORECASE)
_SUBJECT_PIECE = re.compile(
    r"\W*(?!.*\b(?:is|are|was|were|has|have|had|stays?|remains?|keeps?|still|will|I|we)\b)"
    r"(?:#?\s?W\d{7}|[\w'-]+(?:\s+[\w'-]+){0,3})\W*",
    re.IGNORECASE,
)
# The writes a coordinated verb can stand for, by its stem: the second predicate is set apart
# only when such a write exists (else its objects stay with the first claim, which then fails).
_VERB_TOOLS = (
    ("cancel", frozenset({"cancel_pending_order"})),
    ("return", frozenset({"return_delivered_order_items"})),
    ("exchang", frozenset({"exchange_delivered_order_items"})),
    ("refund", frozenset({"cancel_pending_order", "return_delivered_order_items"})),
    (
        "",
        frozenset(
            {
                "modify_pending_order_items",
                "modify_pending_order_address",
                "modify_pending_order_payment",
                "modify_user_address",
                "exchange_delivered_order_items",
            }
        ),
    ),
)
# The clauses of a sentence that names two payment methods: one money word and one method each.
_MONEY_CLAUSE = re.compile(
    r";\s+|,\s+(?:and\s+|while\s+)?|\s+(?:and|while|whereas|y|et|und)\s+", re.IGNORECASE
)
_ORDER_REF = p.ORDER_REF
_NEGATED = re.compile(
    r"n't\b|\b(?:not|never|no|none|nothing|nada|nunca|pas|jamais|nicht|kein\w*)\b", re.IGNORECASE
)


_METHOD_WORDS = (
    "paypal",
    "gift",
    "visa",
    "mastercard",
    "amex",
    "card",
    "tarjeta",
    "carte",
    "karte",
    "gutschein",
)


def _names_two_methods(text: str) -> bool:
    lowered = text.lower()
    if sum(word in lowered for word in _METHOD_WORDS) < 2 or not says_where_money_went(text):
        return False
    named = named_methods(text)
    return len(named.kinds) > 1 or len(named.brands) > 1 or len(named.last_four) > 1


# A piece of a sentence with no verb of its own: a few words or an order id ("the other order").
_FRAGMENT = re.compile(r"\W*(?:#?\s?W\d{7}|[\w'-]+(?:\s+[\w'-]+){0,3})\W*", re.IGNORECASE)


class ActionChecks(ActionBinding):
    """Reads the action claims of one answer and binds each (ActionBinding)."""

    def check_actions(self, sentence: tuple[int, int], clauses: list[tuple[int, int]]) -> None:
        sentence_text = self.answer[sentence[0] : sentence[1]]
        if sentence_text.rstrip().endswith("?"):
            return
        lowered = sentence_text.lower()
        seen: set[str] = set()
        present = _hints_in(lowered)
        for rule, hints in _RULE_HINTS:
            if rule.family in seen or present.isdisjoint(hints):
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
        told = [
            *state_claims(self.answer, sentence, self.mentions),
            *product_changes(self.answer, sentence, self.mentions),
        ]
        if self.language == "de":
            told += german_frames(self.answer, sentence)
        for rule, match in told:
            if rule.family in seen or self._not_done(match.start(), clauses, sentence):
                continue
            self.add_action(rule, match, sentence, clauses)
            seen.add(rule.family)
        if seen or p.REFUSAL.search(sentence_text):
            return
        # A headline: "Saved!", "Profile updated", "Updated the address on #W...".
        for rule, match in headline_claims(self.answer, sentence, clauses):
            self.add_action(rule, match, sentence, clauses)
            return
        for rule, match in note_claims(self.answer, sentence):
            self.add_action(rule, match, sentence, clauses)
            return
        # A bare "all done", "taken care of": a claim about this turn's writes. Searched in the
        # sentence alone, so that "^" means the sentence's start.
        for rule, hints in _COMPLETION_HINTS:
            if present.isdisjoint(hints):
                continue
            for match in rule.pattern.finditer(sentence_text):
                at = sentence[0] + match.start()
                if self._not_done(at, clauses, sentence):
                    continue
                if _VERB_AFTER.match(sentence_text, match.end()) and not _LINKED.search(match.group()):
                    continue  # "changes saved are final": the participle describes its noun
                self.add_action(rule, match, sentence, clauses, offset=sentence[0])
                return

    def _not_done(self, start: int, clauses: list[tuple[int, int]], sentence: tuple[int, int]) -> bool:
        clause_start = next((c[0] for c in clauses if c[0] <= start < c[1]), sentence[0])
        lead = _CONFIRM_PHRASE.sub(" ", self.answer[clause_start:start])
        fronted = _FRONTED_PAST.match(lead)
        if fronted and "?" not in self.answer[sentence[0] : sentence[1]]:
            clause_end = next((c[1] for c in clauses if c[0] <= start < c[1]), sentence[1])
            if _SIMPLE_PAST.search(self.answer, clause_start, clause_end):
                lead = lead[fronted.end() :]
        if self.language == "de":
            clause_end = next((c[1] for c in clauses if c[0] <= start < c[1]), sentence[1])
            clause = self.answer[clause_start:clause_end]
            if _GERMAN_NOW.search(clause) and not _GERMAN_FUTURE_END.search(clause):
                lead = _GERMAN_AUX.sub(" ", lead)
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
        spans = self._joined_subjects(clause_start, clauses)
        aside = self._aside(start, clauses)
        for clause in clauses or [sentence]:
            if clause[1] <= clause_start and not (clause[0] <= start < clause[1]):
                continue
            if clause in aside:
                continue
            if clause[0] > start and (
                self._another_predicate(start, clause) or self._own_subject(start, clause)
            ):
                break
            spans.append(clause)
        return spans

    def _joined_subjects(self, clause_start: int, clauses: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The verbless pieces joined by "and" just before the claim's clause: the first halves of
        its subject ("The headphones and the mouse have both been returned")."""
        joined: list[tuple[int, int]] = []
        earlier = [c for c in clauses if c[1] <= clause_start]
        edge = clause_start
        for clause in reversed(earlier):
            if not _JOINED.fullmatch(self.answer, clause[1], edge):
                break
            if not _SUBJECT_PIECE.fullmatch(self.answer, *clause):
                break
            joined.insert(0, clause)
            edge = clause[0]
        return joined

    def _another_predicate(self, start: int, clause: tuple[int, int]) -> bool:
        """Whether a later clause opens with a predicate of its own, other than the claim's verb
        ("... and exchanged the headphones"; "... and also cancelled #W..." repeats the claim)."""
        match = _OWN_PREDICATE.match(self.answer, *clause)
        if match is None:
            return False
        verb = match.group("verb").lower()
        if verb[:5] in self.answer[start : min(start + 40, clause[0])].lower():
            return False
        tools = next(tools for stem, tools in _VERB_TOOLS if verb.startswith(stem))
        return bool(self.evidence.writes(tools))

    def _own_subject(self, start: int, clause: tuple[int, int]) -> bool:
        """Whether a later clause is a predication of its own about another order ("#W... is
        cancelled and #W... ships to 9 Quay Lane"), unless it repeats the claim's verb ("... and
        #W... is cancelled too", which the claim is about as well)."""
        if OWN_SUBJECT.match(self.answer, *clause) is None:
            return False
        verb = next(
            (
                w
                for w in _CONTENT_WORD.findall(self.answer, start, min(start + 40, clause[0]))
                if w.lower() not in _AUX
            ),
            "",
        )
        return not verb or verb[:5].lower() not in self.answer[clause[0] : clause[1]].lower()

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

    def check_destination(self, sentence: tuple[int, int]) -> None:
        """A refund or charge said to go to a payment method must have gone there (methods.py);
        a sentence that names two methods is read clause by clause, each money word with its own
        method ("$X was charged to your Visa and $X went back to your PayPal")."""
        why = destination_finding(self.answer, sentence, self.evidence)
        if why is None and _names_two_methods(self.answer[sentence[0] : sentence[1]]):
            why = next(
                filter(None, map(self._clause_destination, _spans(self.answer, _MONEY_CLAUSE, *sentence))),
                None,
            )
        if why is not None:
            self.add("action", sentence[0], sentence[1], False, why)

    def _clause_destination(self, clause: tuple[int, int]) -> str | None:
        text = self.answer[clause[0] : clause[1]]
        if _NEGATED.search(text) or (not _ORDER_REF.search(text) and _ORDER_REF.search(self.answer)):
            return None  # a method said not to be used; an order named outside the clause
        return destination_finding(self.answer, clause, self.evidence)
