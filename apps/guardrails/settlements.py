"""What each write settled: the refund or the charge a call made, from its arguments and what the
conversation observed of its order (before or after the call).

- cancel_pending_order: refunds what the order still holds per payment method (payments less
  refunds), each method's part and their sum;
- modify_pending_order_payment: refunds the old payment;
- return_delivered_order_items: refunds the prices of the returned items;
- modify_pending_order_items, exchange_delivered_order_items: the price difference between the
  new variants and the old items, refunded when negative and charged when positive (an
  exchange's recorded difference counts too).
Refund entries the order's observed history holds count as refunds of a call on that order (the
observation may have been made after the call).

A refund figure is bound to the calls its sentence reports (money.py): those on the orders it
names, else this turn's, else the conversation's. An amount nobody can work out (the order was
never observed) leaves the figure to the looser rule: any observed amount. The price differences
of all the conversation's changes (price_changes.py) are read from here too: one way to work out
what a change cost.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from apps.guardrails.evidence import ActionRecord, Evidence, ObservedFacts

SETTLING_TOOLS = frozenset(
    {
        "cancel_pending_order",
        "modify_pending_order_payment",
        "modify_pending_order_items",
        "exchange_delivered_order_items",
        "return_delivered_order_items",
    }
)
DIFFERENCE_TOOLS = frozenset({"modify_pending_order_items", "exchange_delivered_order_items"})


@dataclass
class Settlement:
    """The refunds and charges of the calls a sentence reports, in cents."""

    refunds: set[int] = field(default_factory=set)
    charges: set[int] = field(default_factory=set)
    differences: set[int] = field(default_factory=set)  # price differences, either sign, as amounts
    new_prices: dict[str, int] = field(default_factory=dict)  # new variant item id -> its price

    def merge(self, other: Settlement) -> None:
        self.refunds |= other.refunds
        self.charges |= other.charges
        self.differences |= other.differences
        self.new_prices.update(other.new_prices)


def _prices_of(wanted: Iterable[str], items: list[tuple[str, int]]) -> list[int] | None:
    """The prices of these item ids in an order (each item counted once), None if one is missing."""
    left = list(items)
    found = []
    for item_id in wanted:
        hit = next((entry for entry in left if entry[0] == item_id), None)
        if hit is None:
            return None
        left.remove(hit)
        found.append(hit[1])
    return found


def _old_prices(
    record: ActionRecord, observed: ObservedFacts, catalogue: Mapping[str, int]
) -> list[int] | None:
    """What the items a change gives up cost: as its order was observed, else as the items were
    observed anywhere (the same variant in another order or a product's details), else the
    catalogue."""
    wanted = [str(i) for i in record.arguments.get("item_ids") or []]
    in_order = _prices_of(wanted, observed.order_items.get(record.order_id or "", []))
    if in_order is not None:
        return in_order
    found = [observed.variant_prices.get(i, catalogue.get(i)) for i in wanted]
    return None if any(price is None for price in found) else [price or 0 for price in found]


def _new_prices(
    record: ActionRecord, observed: ObservedFacts, catalogue: Mapping[str, int]
) -> list[int | None]:
    return [
        observed.variant_prices.get(str(i), catalogue.get(str(i)))
        for i in record.arguments.get("new_item_ids") or []
    ]


def _difference(record: ActionRecord, observed: ObservedFacts, catalogue: Mapping[str, int]) -> int | None:
    old = _old_prices(record, observed, catalogue)
    new = _new_prices(record, observed, catalogue)
    if not old or len(old) != len(new) or any(price is None for price in new):
        return None
    return sum(price or 0 for price in new) - sum(old)


def _cancel_refunds(history: list[tuple[str, int, str]], switched_to: list[str]) -> list[int]:
    """The refund entries a cancellation added, as the order's history shows them after it: the
    refunds after its last payment and after what each payment change on the order added (a
    payment to the new method, then the old payment refunded). Empty if the history ends otherwise."""
    made_by_changes: set[int] = set()
    for method in switched_to:
        paid = next(
            (i for i, (kind, _, m) in enumerate(history) if i and kind == "payment" and m == method), None
        )
        if paid is None:
            continue
        made_by_changes.add(paid)
        refund = next((j for j in range(paid + 1, len(history)) if history[j][0] == "refund"), None)
        if refund is not None:
            made_by_changes.add(refund)
    last = max(
        [i for i, entry in enumerate(history) if entry[0] != "refund"] + list(made_by_changes), default=-1
    )
    return [amount for kind, amount, _ in history[last + 1 :] if kind == "refund"]


def _settle(
    record: ActionRecord,
    observed: ObservedFacts,
    catalogue: Mapping[str, int],
    into: Settlement,
    switched_to: list[str] | None = None,
) -> None:
    order = record.order_id or ""
    history = observed.order_history.get(order, [])
    refunded = [amount for kind, amount, _ in history if kind == "refund"]
    if record.name == "cancel_pending_order" and switched_to:
        # A payment change on the order refunded the old payment already: those entries are not
        # the cancellation's, nor is their sum with its own.
        refunded = _cancel_refunds(history, switched_to)
    into.refunds.update(refunded)
    if len(refunded) > 1 and not (switched_to or record.name == "modify_pending_order_payment"):
        into.refunds.add(sum(refunded))
    if record.name == "cancel_pending_order":
        held: dict[str, int] = {}
        for kind, amount, method in history:
            held[method] = held.get(method, 0) + (amount if kind == "payment" else -amount)
        parts = [amount for amount in held.values() if amount > 0]
        into.refunds.update(parts)
        if parts:
            into.refunds.add(sum(parts))
    elif record.name == "modify_pending_order_payment":
        into.refunds.update(amount for kind, amount, _ in history[:1] if kind == "payment")
    elif record.name == "return_delivered_order_items":
        prices = _prices_of(record.arguments.get("item_ids") or [], observed.order_items.get(order, []))
        if prices:
            into.refunds.add(sum(prices))
    if record.name in DIFFERENCE_TOOLS:
        # Observed after the call, the difference is an entry of its own: a refund, or a payment
        # after the order's first.
        later = [amount for kind, amount, _ in history[1:] if kind == "payment"]
        into.charges.update(later)
        into.differences.update(later + refunded)
        difference = _difference(record, observed, catalogue)
        new_ids = [str(i) for i in record.arguments.get("new_item_ids") or []]
        new_prices = _new_prices(record, observed, catalogue)
        into.new_prices.update(
            {i: price for i, price in zip(new_ids, new_prices, strict=True) if price is not None}
        )
        recorded = observed.exchange_differences.get(order)
        for value in (difference, recorded):
            if value is None:
                continue
            into.differences.add(abs(value))
            (into.charges if value > 0 else into.refunds).add(abs(value))


def _switched_before(evidence: Evidence, call: ActionRecord) -> list[str]:
    """The new payment methods of the successful payment changes on the call's order before it,
    in any turn of the conversation."""
    found = []
    for record in evidence.records:
        if record is call:
            break
        if (
            record.ok
            and record.name == "modify_pending_order_payment"
            and record.order_id == call.order_id
            and record.payment_method_id
        ):
            found.append(record.payment_method_id)
    return found


def settled_by(evidence: Evidence, calls: Iterable[ActionRecord], catalogue: Mapping[str, int]) -> Settlement:
    """What these calls refunded and charged, each call's amounts and, for several calls that
    refunded, the sum of their refunds ("a refund of $X for both orders")."""
    settlement = Settlement()
    # One total per order, its latest call's: a payment change and then a cancellation of the same
    # order refund the same money twice over on paper, never their sum to the customer.
    totals: dict[str, int] = {}
    for call in calls:
        own = Settlement()
        _settle(call, evidence.observed, catalogue, own, _switched_before(evidence, call))
        settlement.merge(own)
        if own.refunds:
            totals[call.order_id or ""] = max(own.refunds)
    if len(totals) > 1:
        settlement.refunds.add(sum(totals.values()))
    return settlement


def settlement_for(evidence: Evidence, orders: set[str], catalogue: Mapping[str, int]) -> Settlement | None:
    """What the settling calls a sentence reports refunded and charged: the calls on `orders`,
    else this turn's, else the conversation's. None when there is no such call or nothing of
    theirs can be worked out."""
    calls = evidence.writes(SETTLING_TOOLS)
    if orders:
        calls = [c for c in calls if c.order_id in orders]
    else:
        calls = [c for c in calls if c.this_turn] or calls
    if not calls:
        return None
    settlement = settled_by(evidence, calls, catalogue)
    if not (settlement.refunds or settlement.charges):
        return None
    return settlement
