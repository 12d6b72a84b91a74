"""The policy terms the offline engine quotes (refund timing, the return window), read from
the knowledge base's facts so an admin's edit changes what the engine says, and so the
guardrails that check answers against those facts agree with it."""

from __future__ import annotations

from dataclasses import dataclass

# What the seeded facts say; used only when a fact is missing (a store that never seeded).
_DEFAULTS = {
    "refund-time-gift-card": "immediately",
    "refund-time-credit-card": "within 5-7 business days",
    "refund-time-paypal": "within 5-7 business days",
    "return-window-days": "30 days",
}


@dataclass(frozen=True)
class PolicyTerms:
    refund_gift_card: str = _DEFAULTS["refund-time-gift-card"]
    refund_credit_card: str = _DEFAULTS["refund-time-credit-card"]
    refund_paypal: str = _DEFAULTS["refund-time-paypal"]
    return_window: str = _DEFAULTS["return-window-days"]

    def refund_timing(self, source: str) -> str:
        """How soon a refund to a method of this source ('gift_card', 'paypal', ...) arrives."""
        if source == "gift_card":
            return self.refund_gift_card
        if source == "paypal":
            return self.refund_paypal
        return self.refund_credit_card


def policy_terms() -> PolicyTerms:
    """The terms in force now, from the knowledge base."""
    from apps.knowledge.selectors import fact_values

    facts = fact_values(*_DEFAULTS)

    def phrase(key: str, *, within: bool) -> str:
        fact = facts.get(key)
        if fact is None:
            return _DEFAULTS[key]
        text = f"{fact.value} {fact.unit}".strip()
        return f"within {text}" if within and fact.kind == "duration" else text

    return PolicyTerms(
        refund_gift_card=phrase("refund-time-gift-card", within=True),
        refund_credit_card=phrase("refund-time-credit-card", within=True),
        refund_paypal=phrase("refund-time-paypal", within=True),
        return_window=phrase("return-window-days", within=False),
    )
