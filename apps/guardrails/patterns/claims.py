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
        "money back",
        "reembols",
        "rembours",
        "erstatt",
        "gutgeschrieben",
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
