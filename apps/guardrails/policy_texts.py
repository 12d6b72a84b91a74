"""The answer checker applied to the store's own texts (help articles): what in them
contradicts a fact in force. Actions are not read: an article describes, it reports nothing."""

from __future__ import annotations

from apps.guardrails.check import guard_answer
from apps.guardrails.evidence import Evidence
from apps.knowledge.selectors import knowledge_snapshot


def policy_text_contradictions(text: str) -> list[str]:
    """One line per figure or statement in `text` that a fact contradicts."""
    verdict = guard_answer(text, Evidence(knowledge=knowledge_snapshot(), handoff_on_block=False))
    return [
        f"{claim.text!r} ({claim.evidence})"
        for claim in verdict.failed
        if claim.kind not in ("action", "unreadable")
    ]
