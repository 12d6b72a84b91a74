"""Claims an answer's author declares next to the text (a model tier through structured output,
the offline engine and supervisor assist in code): kind, object, value, and the tool call it
rests on. The checker verifies every declared claim against the evidence and still reads the
text for claims nobody declared; a declared claim with nothing behind it fails.

Kinds:
- action: value names what was done ("cancel", "refund", "return", "exchange", "address",
  "payment", "items", or a tool name); object the order id; tool_call the call's id. It needs a
  successful write of that kind on that object in this conversation.
- amount: value a money figure ("$50.00"); object what it is (an order id, a fact key, a
  product). It must be an observed figure, or the fact's value when the object is a fact key.
- term: object a fact key, value what the answer says it is; it must be the fact's value.
- status: object an order id, value its status; it must be the observed status of that order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from apps.guardrails import patterns as p
from apps.guardrails.evidence import Evidence, cents, order_key
from apps.guardrails.types import Claim, ClaimKind, Finding

DECLARED_KINDS = ("action", "amount", "term", "status")
_FAMILY_TOOLS: dict[str, frozenset[str]] = {rule.family: rule.tools for rule in p.ACTION_PATTERNS}
_MONEY_TEXT = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class DeclaredClaim:
    kind: str
    object: str = ""
    value: str = ""
    tool_call: str = ""

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> DeclaredClaim:
        return cls(
            kind=str(data.get("kind") or "")[:20],
            object=str(data.get("object") or "")[:120],
            value=str(data.get("value") or "")[:200],
            tool_call=str(data.get("tool_call") or "")[:80],
        )

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "object": self.object, "value": self.value, "tool_call": self.tool_call}


def declared_claims(items: Iterable[Any]) -> tuple[DeclaredClaim, ...]:
    """DeclaredClaim objects from what an author sent (dicts or DeclaredClaim), bad entries kept
    as claims of kind "" so that they fail rather than vanish."""
    out = []
    for item in items:
        if isinstance(item, DeclaredClaim):
            out.append(item)
        elif isinstance(item, Mapping):
            out.append(DeclaredClaim.from_mapping(item))
        else:
            out.append(DeclaredClaim(kind=""))
    return tuple(out)


def _finding(claim: DeclaredClaim, kind: ClaimKind, ok: bool, why: str) -> Finding:
    label = f"declared {claim.kind or '?'} {claim.object} {claim.value}".strip()
    return Finding(Claim(label[:200], kind, ok, f"declared: {why}"[:300]), 0, 0)


def _tools_for(value: str) -> frozenset[str]:
    lowered = value.lower().strip()
    for family, tools in _FAMILY_TOOLS.items():
        if lowered == family or lowered.startswith(family) or lowered in tools:
            return tools
    return frozenset({lowered})


def _check_action(claim: DeclaredClaim, evidence: Evidence) -> Finding:
    tools = _tools_for(claim.value)
    order = order_key(claim.object) if claim.object else None
    records = [r for r in evidence.records if r.name in tools]
    if claim.tool_call:
        records = [r for r in records if r.call_id == claim.tool_call] or [
            r for r in records if not r.call_id and not r.this_turn
        ]
    done = [r for r in records if r.ok and (order is None or r.order_id in (order, None))]
    if done:
        return _finding(claim, "action", True, f"successful {done[-1].name}")
    where = f" on {order}" if order else ""
    return _finding(
        claim, "action", False, f"no successful {claim.value or 'write'}{where} in this conversation"
    )


def _check_amount(claim: DeclaredClaim, evidence: Evidence) -> Finding:
    match = _MONEY_TEXT.search(claim.value)
    amount = cents(match.group()) if match else None
    if amount is None:
        return _finding(claim, "money", False, "the value is not an amount")
    fact = evidence.facts.get(claim.object)
    if fact is not None:
        ok = fact.number is not None and cents(fact.number) == amount
        return _finding(claim, "money", ok, f"fact {fact.key}: {fact.statement}")
    observed = evidence.observed
    if amount in observed.numbers or amount in observed.aggregates:
        return _finding(claim, "money", True, "observed in this conversation")
    return _finding(claim, "money", False, "no observation has this amount")


def _check_term(claim: DeclaredClaim, evidence: Evidence) -> Finding:
    fact = evidence.facts.get(claim.object)
    if fact is None:
        return _finding(claim, "policy", False, f"no fact {claim.object!r}")
    said = claim.value.lower().replace("$", "").strip()
    ok = said in {fact.value.lower().strip(), fact.figure.lower().replace("$", "").strip()}
    if not ok and fact.number is not None:
        number = _MONEY_TEXT.search(said)
        ok = number is not None and cents(number.group()) == cents(fact.number) and "-" not in fact.value[1:]
    return _finding(claim, "policy", ok, f"fact {fact.key}: {fact.statement}")


def _check_status(claim: DeclaredClaim, evidence: Evidence) -> Finding:
    order = order_key(claim.object) or ""
    statuses = evidence.observed.order_statuses.get(order, set())
    ok = claim.value.lower().strip() in statuses
    return _finding(
        claim, "action", ok, f"observed status of {order or '?'}: {', '.join(sorted(statuses)) or 'none'}"
    )


def check_declared(text: str, evidence: Evidence) -> list[Finding]:
    """A finding for every claim the author declared (evidence.declared)."""
    findings = []
    for claim in declared_claims(evidence.declared):
        if claim.kind == "action":
            findings.append(_check_action(claim, evidence))
        elif claim.kind == "amount":
            findings.append(_check_amount(claim, evidence))
        elif claim.kind == "term":
            findings.append(_check_term(claim, evidence))
        elif claim.kind == "status":
            findings.append(_check_status(claim, evidence))
        else:
            findings.append(_finding(claim, "action", False, f"unknown claim kind {claim.kind!r}"))
    return findings
