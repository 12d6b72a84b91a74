"""The store's policy terms (refund timing, the return window, fees...) as the prompts, the tool
descriptions and the offline engine state them: read from the knowledge base's facts, so an
admin's edit changes what every one of them says, and the guardrails, which check answers
against the same facts, agree with them. No policy figure lives in code; the seed file holds
the store's starting values.

Text quotes a term with a placeholder named after the fact's key, hyphens as underscores (or
as they are): `{refund_time_credit_card}` is the fact's figure as a customer reads it ("5-7 business
days", "$5.99", "immediately"); `{refund_time_credit_card:within}` reads as a timing
("within 5-7 business days" for a duration, the figure as it is otherwise: "immediately").
Anything else in braces (an unknown key, another format, a stray brace) is left as written,
so an admin's text never breaks the rendering.

A fact that is missing (deleted, or not in force today) is not replaced by a figure from
anywhere else: the terms the code quotes say, in words, that the policy decides ("within the
time our refund policy states"), which is true whatever the policy is and gives the
guardrails no figure to contradict.
"""

from __future__ import annotations

from .quoting import QUOTED_TERMS, PolicyTerms, Term, quoted_keys
from .selectors import knowledge_snapshot

__all__ = ["QUOTED_TERMS", "REFUND_TIMING", "PolicyTerms", "Term", "policy_terms", "quoted_keys"]

# How soon a refund arrives on each kind of payment method, for prompts and tool descriptions.
REFUND_TIMING = (
    "{refund_time_gift_card:within} on a gift card, {refund_time_credit_card:within} on a credit "
    "card, {refund_time_paypal:within} on PayPal"
)


def policy_terms() -> PolicyTerms:
    """The terms in force now. Shares the guardrails' knowledge snapshot, cached until a fact
    changes, so a call costs one aggregate query."""
    return PolicyTerms(facts=knowledge_snapshot().facts)
