"""Action claims in an answer: the readers that find them (family patterns, structural
reports, changes told by a state or by a product, headlines, a bare "done"), whether a clause
reports or promises, what a claim is about (its orders, its products, the clauses set aside),
and the binding to the successful writes that back it (check.py's reader mixes this in)."""

from __future__ import annotations

import re

from apps.guardrails import patterns as p
from apps.guardrails.action_reports import action_reports, reads_as_rule
from apps.guardrails.evidence import ActionRecord, order_key
from apps.guardrails.german_frame import german_frames
from apps.guardrails.headlines import headline_claims
from apps.guardrails.methods import destination_finding, known_methods, method_is_named, named_methods
from apps.guardrails.now_state import state_claims
from apps.guardrails.patterns.changes import LEFT_ALONE
from apps.guardrails.product_changes import product_changes
from apps.guardrails.reader import ReaderBase

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


# Every rule's hints, and each distinct substring once: a sentence is tested for each substring
# once, and a rule's hints are then one set operation (most sentences rule out most rules).
_RULE_HINTS = tuple((rule, frozenset(rule.hints or p.ACTION_HINTS[rule.family])) for rule in _ALL_ACTIONS)
_COMPLETION_HINTS = tuple(
    (rule, frozenset(rule.hints or p.ACTION_HINTS["completion"]))
    for rule in (p.COMPLETION, p.COMPLETION_MORE)
)
_EVERY_HINT = tuple(sorted({hint for _, hints in (*_RULE_HINTS, *_COMPLETION_HINTS) for hint in hints}))


def _hints_in(lowered: str) -> frozenset[str]:
    return frozenset(hint for hint in _EVERY_HINT if hint in lowered)


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
# A finite verb right after a bare participle phrase makes it a noun phrase ("changes saved
# *are* final"), unless the phrase had its own linking verb ("the change is done").
_VERB_AFTER = re.compile(
    r"\s+(?:is|are|was|were|will|would|can|cannot|can't|could|may|might|must|should|stay|stays|remain|"
    r"remains|become|becomes|count|counts|take|takes|need|needs|get|gets)\b",
    re.IGNORECASE,
)
_LINKED = re.compile(r"\b(?:is|are|was|were|has|have|been)\b|['\u2019]s\b", re.IGNORECASE)
_SWAP = re.compile(r"\bswap|\breplacement", re.IGNORECASE)
# German "wird" is the future only with an infinitive; with a participle it is the present passive,
# and with an adverb of now it tells the state the order is in ("wird jetzt mit PayPal bezahlt").
_GERMAN_NOW = re.compile(r"\b(?:jetzt|nun|nunmehr|ab sofort|von nun an)\b", re.IGNORECASE)
_GERMAN_FUTURE_END = re.compile(r"\b(?:werden|sein|\w+en)\s*[.!]?\s*$", re.IGNORECASE)
_GERMAN_AUX = re.compile(r"\b(?:wird|werden)\b", re.IGNORECASE)
# A number of orders the claim counts ("both orders", "your two orders", "los dos pedidos", "les
# deux commandes", "beide Bestellungen"): that many orders must have had the write.
_COUNTS = {
    "both": 2,
    "two": 2,
    "2": 2,
    "ambos": 2,
    "ambas": 2,
    "dos": 2,
    "deux": 2,
    "beide": 2,
    "beiden": 2,
    "zwei": 2,
    "three": 3,
    "3": 3,
    "tres": 3,
    "trois": 3,
    "drei": 3,
}
_COUNTED_ORDERS = re.compile(
    rf"\b(?P<count>{'|'.join(_COUNTS)})\b(?:\s+(?:of\s+)?[\w'-]+){{0,3}}?\s+"
    r"(?:orders|pedidos|commandes|bestellungen)\b"
    r"|\b(?:orders|pedidos|commandes|bestellungen)\b[^.;:]{0,24}?\b(?:both|beide|tous\s+les\s+deux|"
    r"toutes\s+les\s+deux|ambos|los\s+dos)\b",
    re.IGNORECASE,
)
# "Both of them", "the two of them": a count of the orders an order-level claim is about.
_COUNTED_PRONOUN = re.compile(
    r"\b(?:both|(?:the|all)\s+two|(?:los|las)\s+dos|toutes?\s+(?:les\s+)?deux|alle\s+beide)\s+(?:of\s+)?"
    r"(?:them|these|those|ellos|ellas)\b|\b(?:les|toutes)\s+deux\b|\bbeide\b(?!\s+\w+(?:en|n)\b)",
    re.IGNORECASE,
)
_ORDER_LEVEL = frozenset({"cancel", "address", "payment"})
# A clause that opens with a second predicate of its own, after "and" ("I returned the mouse and
# exchanged the headphones", "... y cambiamos ..."): what follows it is that predicate's.
_OWN_PREDICATE = re.compile(
    r"\W*(?:(?:and|y|et|und)\s+)?(?:then\s+|also\s+)?(?:(?:I|we)(?:\s+have|['\u2019]ve)?\s+)?(?:(?:also|then)\s+)?"
    r"(?P<verb>[a-z]{3,}ed|sent|set\s+up|put|made|paid)\b(?!\s+(?:by|from)\b)",
    re.IGNORECASE,
)
# Every item of the orders a return, exchange or item change names: "all items on #W...", "tous les
# articles" (a bare "everything's done" is a completion about the writes, not a count of items).
_ALL_ITEMS = re.compile(
    r"\b(?:all|every|each)\s+(?:of\s+)?(?:the\s+|your\s+)?(?:items?|products?|things)\b|"
    r"\btod[oa]s\s+los\s+(?:art[íi]culos|productos)\b|\btous\s+les\s+(?:articles|produits)\b|"
    r"\balle\s+(?:Artikel|Produkte)\b",
    re.IGNORECASE,
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
# An order named by the one product it holds: "the chair order", "the order for the lamp".
_ORDER_AFTER = re.compile(r"\s+orders?\b", re.IGNORECASE)
_ORDER_BEFORE = re.compile(r"\border\s+(?:for|with)\s+(?:the|your)\s+$", re.IGNORECASE)
# A piece of a sentence with no verb of its own: a few words or an order id ("the other order").
_FRAGMENT = re.compile(r"\W*(?:#?\s?W\d{7}|[\w'-]+(?:\s+[\w'-]+){0,3})\W*", re.IGNORECASE)


class ActionChecks(ReaderBase):
    """Reads and binds the action claims of one answer."""

    # --- actions -----------------------------------------------------------------------------

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
            if clause[0] > start and self._another_predicate(start, clause):
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
        if not found:
            found.update(self._orders_by_product(start, sentence, clauses))
        found.discard("")
        return found

    def _orders_by_product(
        self, start: int, sentence: tuple[int, int], clauses: list[tuple[int, int]]
    ) -> set[str]:
        """An order the claim names by its product ("the chair order", "the order for the lamp"):
        the one observed order that holds that product; none when several do."""
        if not self.mentions:
            return set()
        spans = self._claim_spans(start, sentence, clauses)
        found: set[str] = set()
        for m_start, m_end, names in self.mentions:
            if not any(a <= m_start < b for a, b in spans):
                continue
            if not (
                _ORDER_AFTER.match(self.answer, m_end, sentence[1])
                or _ORDER_BEFORE.search(self.answer[max(sentence[0], m_start - 24) : m_start])
            ):
                continue
            observed = self.evidence.observed  # digested only when an order is named by its product
            holding = {
                order
                for order, items in observed.order_items.items()
                if any(observed.item_products.get(item) in names for item, _ in items)
            }
            if len(holding) == 1:
                found |= holding
        return found

    def _orders_counted(
        self, start: int, sentence: tuple[int, int], clauses: list[tuple[int, int]], family: str
    ) -> int:
        """How many orders the claim counts ("both orders", "beide Bestellungen"); 0 if none."""
        count = 0
        for a, b in self._claim_spans(start, sentence, clauses):
            for match in _COUNTED_ORDERS.finditer(self.answer, a, b):
                word = (match.group("count") or "both").lower()
                count = max(count, _COUNTS.get(word, 2))
            if family in _ORDER_LEVEL and _COUNTED_PRONOUN.search(self.answer, a, b):
                count = max(count, 2)
        return count

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
        counted = (
            self._orders_counted(start, sentence, clauses, rule.family) if rule.family != "completion" else 0
        )
        if counted > len(orders) and candidates:
            done_on = {c.order_id for c in candidates if c.order_id is not None}
            if len(done_on) < counted and not any(c.order_id is None for c in candidates):
                self.add(
                    "action",
                    start,
                    end,
                    False,
                    f"the claim counts {counted} orders; a successful {what} on {len(done_on)}",
                )
                return
        # A bare "done" is held to what this turn's writes did: their items, their method.
        kinds = {c.name for c in candidates}
        completion = rule.family == "completion" and bool(kinds)
        if candidates and (rule.family in _ITEM_FAMILIES or (completion and kinds <= _ITEM_TOOLS)):
            # Every product the claim names must be one a call touched (by its variant ids); a
            # call that names no items cannot be told apart and counts for any.
            named = self._products_claimed(start, sentence, clauses)
            if (
                rule.family in _ITEM_FAMILIES
                and orders
                and any(
                    _ALL_ITEMS.search(self.answer, a, b)
                    for a, b in self._claim_spans(start, sentence, clauses)
                )
            ):
                observed = self.evidence.observed
                named |= {
                    observed.item_products[item]
                    for order in orders
                    for item, _ in observed.order_items.get(order, [])
                    if item in observed.item_products
                }
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

    def check_destination(self, sentence: tuple[int, int]) -> None:
        """A refund or charge said to go to a payment method must have gone there (methods.py)."""
        why = destination_finding(self.answer, sentence, self.evidence)
        if why is not None:
            self.add("action", sentence[0], sentence[1], False, why)
