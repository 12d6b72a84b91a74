"""The precompiled patterns the guardrails read answers with, one module per kind of claim:

- text: sentences, clauses, negation and the wording of promises (NOT_DONE);
- figures: money, durations, percentages and dates in English;
- claims: what an action claim is (ActionPattern, ReportShape, tools and hints per family);
- actions_en, actions_intl: action reports in English, and in Spanish, French and German;
- reports_en, reports_intl: action reports by structure (action noun + object phrase +
  completion predicate), read by action_reports.py;
- changes: reports of a change in the shapes beyond those, built from the lexicon (lexicon.py);
- completion: completion with no object, in all four languages;
- words: figures written in words ("thirty-five dollars", "twenty percent");
- policy: policy statements that contradict a text fact.

Fact topics and the per-snapshot product index are in topics.py. Callers import this package
(`from apps.guardrails import patterns as p`); the modules import only `claims`, never this
package, so there is no cycle.
"""

from apps.guardrails.patterns.actions_en import ACTION_PATTERNS, EXTRA_ACTION_PATTERNS
from apps.guardrails.patterns.actions_intl import FOREIGN_ACTION_PATTERNS
from apps.guardrails.patterns.changes import CHANGE_ACTION_PATTERNS, gap_not_done, noun_report_is_rule
from apps.guardrails.patterns.claims import ACTION_HINTS, REFUND_TOOLS, SPECIFIC_FAMILIES, ActionPattern
from apps.guardrails.patterns.completion import COMPLETION, COMPLETION_MORE, REFUSAL
from apps.guardrails.patterns.figures import (
    AMOUNT_WORDS,
    DATE,
    DURATION,
    FEE_WORDS,
    MONEY,
    MONTHS,
    PERCENT,
    UNIT_DAYS,
    number_word,
)
from apps.guardrails.patterns.policy import POLICY_HINTS, POLICY_PATTERNS, PolicyPattern
from apps.guardrails.patterns.text import CLAUSE, NEGATION, NOT_DONE, ORDER_REF, SENTENCE
from apps.guardrails.patterns.words import MONEY_IN_WORDS, PERCENT_IN_WORDS

__all__ = [
    "ACTION_HINTS",
    "ACTION_PATTERNS",
    "AMOUNT_WORDS",
    "CHANGE_ACTION_PATTERNS",
    "CLAUSE",
    "COMPLETION",
    "COMPLETION_MORE",
    "DATE",
    "DURATION",
    "EXTRA_ACTION_PATTERNS",
    "FEE_WORDS",
    "FOREIGN_ACTION_PATTERNS",
    "MONEY",
    "MONEY_IN_WORDS",
    "MONTHS",
    "NEGATION",
    "NOT_DONE",
    "ORDER_REF",
    "PERCENT",
    "PERCENT_IN_WORDS",
    "POLICY_HINTS",
    "POLICY_PATTERNS",
    "REFUND_TOOLS",
    "REFUSAL",
    "SENTENCE",
    "SPECIFIC_FAMILIES",
    "UNIT_DAYS",
    "ActionPattern",
    "PolicyPattern",
    "gap_not_done",
    "noun_report_is_rule",
    "number_word",
]
