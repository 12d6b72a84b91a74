"""Output guardrails: every answer, whoever wrote it (the agent, the offline engine, a
supervisor's assist), is checked against the facts and the turn's tool calls before it is
stored or sent.

    evidence = evidence_for_turn(conversation_id, observations, actions)
    verdict = guard_answer(answer, evidence)   # pass | repair | block
    audit_guard_decision(verdict, stream=..., actor=...)
    send(verdict.text); if verdict.handoff: hand the conversation to a person
"""

from .check import guard_answer
from .evidence import Evidence
from .turn import audit_guard_decision, evidence_for_turn
from .types import Claim, Verdict

__all__ = ["Claim", "Evidence", "Verdict", "audit_guard_decision", "evidence_for_turn", "guard_answer"]
