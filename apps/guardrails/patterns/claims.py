"""What an action claim is: its family (what the sentence says was done), the tools whose
successful call backs it, and the cheap substring hints that rule a sentence out first."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ActionPattern:
    family: str  # what the claim says was done
    tools: frozenset[str]  # any one successful call of these supports it
    pattern: re.Pattern[str]
    status: frozenset[str] = frozenset()  # an observed order status that also supports a passive report
    unless: re.Pattern[str] | None = None  # a sentence this matches is about something else
    hints: tuple[str, ...] = ()  # its own cheap substring tests; empty: its family's ACTION_HINTS


# Cheap substring tests that rule a clause out before the full patterns run (most clauses).
ACTION_HINTS = {
    "cancel": ("cancel", "annul", "anul", "storn"),
    "refund": (
        "refund",
        "reimburs",
        "credited",
        "way back",
        "heading back",
        "being sent back",
        "back on your",
        "back in your",
        "money back",
        "reembols",
        "rembours",
        "erstatt",
        "gutgeschrieben",
        "recrédit",
        "recredit",
    ),
    "return": ("return", "label", "devoluci", "retour", "rücksend", "retoure", "rückgabe"),
    "exchange": ("exchang", "cambio", "échange", "umtausch", "umgetauscht"),
    "address": ("address", "ship", "direcci", "adresse", "anschrift"),
    "payment": ("payment", "pago", "paiement", "zahlung"),
    "items": ("item", "size", "colo", "option", "variant", "model", "swapped", "exchanged", "replaced"),
    "completion": (
        "done",
        "set",
        "taken care",
        "complete",
        "processed",
        "handled",
        "sorted",
        "finali",
        "on its way",
        "on the way",
        "listo",
        "hecho",
        "complet",
        "fait",
        "termin",
        "effectu",
        "régl",
        "erledigt",
        "abgeschlossen",
        "bearbeitet",
        "finish",
        "resolv",
        "succe",
        "réussi",
        "erfolg",
    ),
}
# Families whose claim the completion phrases stand in for; a sentence reporting one of these
# is not also read as a bare "all done".
SPECIFIC_FAMILIES = ("cancel", "refund", "return", "exchange", "address", "payment", "items")


REFUND_TOOLS = frozenset(
    {
        "cancel_pending_order",
        "modify_pending_order_payment",
        "modify_pending_order_items",
        "exchange_delivered_order_items",
    }
)
# The tools and order statuses behind each family, for claims read by structure (reports_*.py).
FAMILY_TOOLS: dict[str, frozenset[str]] = {
    "cancel": frozenset({"cancel_pending_order"}),
    "refund": REFUND_TOOLS,
    # A refund *request* is what a return files: the return's call backs it too.
    "refund_request": REFUND_TOOLS | {"return_delivered_order_items"},
    "return": frozenset({"return_delivered_order_items"}),
    "exchange": frozenset({"exchange_delivered_order_items"}),
    "address": frozenset({"modify_pending_order_address", "modify_user_address"}),
    "payment": frozenset({"modify_pending_order_payment"}),
    "items": frozenset({"modify_pending_order_items", "exchange_delivered_order_items"}),
}
FAMILY_STATUS: dict[str, frozenset[str]] = {
    "cancel": frozenset({"cancelled"}),
    "return": frozenset({"return requested"}),
    "exchange": frozenset({"exchange requested"}),
    "items": frozenset({"pending (item modified)", "exchange requested"}),
}


@dataclass(frozen=True)
class ReportShape:
    """An action report read by its structure: an action noun (its group name is the family),
    the phrase that attaches its object ("on order #W...", "for the Water Bottle"), and a
    completion predicate ("has been submitted", "went through", "is underway"), in one order.

    subject form: noun, object phrase (group `gap`), linking verb (`link`), predicate (`pred`);
    verb form: agent or headline (`agent`), predicate (`pred`), determiner (`det`), noun.
    `blockers` are words that, inside the object phrase, make it something else than a report
    (a modal, another finite verb); `generic` words after a present-tense predicate make it a
    rule rather than a report ("refunds are issued within 5 days")."""

    language: str
    form: str  # "subject" | "verb"
    pattern: re.Pattern[str]
    blockers: re.Pattern[str]
    generic: re.Pattern[str]
    present: frozenset[str] = frozenset()  # linking words of the present tense
    perfect_auxiliaries: re.Pattern[str] | None = None  # lead words that make a bare predicate perfect
    at_clause_start: bool = False  # matched only where a clause starts (a headline)
    needs: tuple[str, ...] = ()  # substrings (lowercased) one of which the sentence must hold
