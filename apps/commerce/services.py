"""Changes to orders and customers. Each one checks everything before it changes anything.

Every write runs in one transaction and locks the rows it changes (the order first, then
payment methods in key order), so two requests for the same order serialise and the
second sees what the first did.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation

from django.db import transaction

from apps.audit.models import AuditEvent
from apps.audit.services import audit_record
from apps.core.errors import InvalidRequest, NotFound

from .models import (
    Customer,
    ExchangeRequest,
    Order,
    OrderItem,
    PaymentMethod,
    PaymentTransaction,
    ReturnRequest,
    Variant,
)

CENT = Decimal("0.01")


def _order_for_update(order_id: str) -> Order:
    order = Order.objects.select_for_update().select_related("customer").filter(order_id=order_id).first()
    if order is None:
        raise NotFound(f"No order with id {order_id!r}. Order ids look like '#W0000000'.")
    return order


def _require_status(order: Order, status: str, action: str) -> None:
    if order.status != status:
        raise InvalidRequest(
            f"Order {order.order_id} is '{order.status}'; only '{status}' orders can be {action}.",
            code="wrong_status",
        )


def _customer_method_for_update(customer: Customer, method_id: str) -> PaymentMethod:
    method = PaymentMethod.objects.select_for_update().filter(customer=customer, method_id=method_id).first()
    if method is None:
        raise NotFound(
            f"Payment method {method_id!r} is not one of {customer.customer_id}'s payment methods.",
            code="payment_method_not_found",
        )
    return method


def _next_position(order: Order) -> int:
    last = order.transactions.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


def _add_transactions(order: Order, entries: Sequence[tuple[str, Decimal, PaymentMethod]]) -> None:
    position = _next_position(order)
    PaymentTransaction.objects.bulk_create(
        PaymentTransaction(
            order=order, position=position + i, kind=kind, amount=amount, payment_method=method
        )
        for i, (kind, amount, method) in enumerate(entries)
    )


def _move_gift_card_balance(method: PaymentMethod, delta: Decimal) -> None:
    """Add `delta` (negative to charge) to a gift card's balance; other methods hold none."""
    if method.is_gift_card:
        method.balance = ((method.balance or Decimal("0")) + delta).quantize(CENT)
        method.save(update_fields=["balance"])


def _items_to_replace(order: Order, item_ids: Sequence[str]) -> list[OrderItem]:
    """The order's items for `item_ids`, taking for a repeated id the next item that matches."""
    items = list(order.items.select_related("variant", "product").order_by("position"))
    present = Counter(item.variant.item_id for item in items)
    for item_id, wanted in Counter(item_ids).items():
        if present[item_id] < wanted:
            have = present[item_id]
            raise InvalidRequest(
                f"Item {item_id} occurs {have} time(s) in order {order.order_id}, "
                f"but was named {wanted} time(s).",
                code="item_not_in_order",
            )
    chosen: list[OrderItem] = []
    taken: set[int] = set()
    for item_id in item_ids:
        item = next(i for i in items if i.variant.item_id == item_id and i.pk not in taken)
        taken.add(item.pk)
        chosen.append(item)
    return chosen


def _replacement_variants(items: Sequence[OrderItem], new_item_ids: Sequence[str]) -> list[Variant]:
    if len(items) != len(new_item_ids):
        raise InvalidRequest(
            f"{len(items)} item(s) to replace but {len(new_item_ids)} new item(s) given; "
            "the two lists must pair up one to one.",
            code="item_count_mismatch",
        )
    variants = {v.item_id: v for v in Variant.objects.filter(item_id__in=new_item_ids)}
    chosen = []
    for item, new_item_id in zip(items, new_item_ids, strict=True):
        variant = variants.get(new_item_id)
        if variant is None or variant.product_id != item.product_id:
            raise InvalidRequest(
                f"Item {new_item_id} is not a variant of {item.name} (product {item.product.product_id}); "
                "an item can only be replaced by another variant of the same product.",
                code="variant_not_found",
            )
        if not variant.available:
            raise InvalidRequest(
                f"Item {new_item_id} ({item.name}) is not available.", code="variant_unavailable"
            )
        chosen.append(variant)
    return chosen


def _require_gift_card_covers(method: PaymentMethod, amount: Decimal) -> None:
    if method.is_gift_card and (method.balance or Decimal("0")) < amount:
        raise InvalidRequest(
            f"Gift card {method.method_id} has a balance of {method.balance}, which does not cover {amount}.",
            code="insufficient_balance",
        )


@transaction.atomic
def order_cancel(*, order_id: str, reason: str) -> Order:
    """Cancel a pending order and refund what was paid, crediting gift cards at once."""
    if reason not in Order.CancelReason.values:
        raise InvalidRequest(f"The reason must be one of {Order.CancelReason.values}.", code="invalid_reason")
    order = _order_for_update(order_id)
    _require_status(order, Order.Status.PENDING, "cancelled")
    # Refund what is still held per payment method (payments less refunds), in the order
    # the methods were first used; for an order paid once this is that one payment.
    held: dict[int, Decimal] = {}
    methods: dict[int, PaymentMethod] = {}
    for entry in order.transactions.order_by("position"):
        sign = 1 if entry.kind == PaymentTransaction.Kind.PAYMENT else -1
        held[entry.payment_method_id] = held.get(entry.payment_method_id, Decimal("0")) + sign * entry.amount
    for method in PaymentMethod.objects.select_for_update().filter(pk__in=held).order_by("pk"):
        methods[method.pk] = method
    refunds = [
        (PaymentTransaction.Kind.REFUND, amount, methods[method_pk])
        for method_pk, amount in held.items()
        if amount > 0
    ]
    _add_transactions(order, refunds)
    for _, amount, method in refunds:
        _move_gift_card_balance(method, amount)
    order.status = Order.Status.CANCELLED
    order.cancel_reason = reason
    order.save(update_fields=["status", "cancel_reason", "updated_at"])
    return order


@transaction.atomic
def order_address_change(*, order_id: str, address: Mapping[str, str]) -> Order:
    """Replace a pending order's shipping address."""
    order = _order_for_update(order_id)
    _require_status(order, Order.Status.PENDING, "modified")
    for field in Order.ADDRESS_FIELDS:
        setattr(order, field, address[field])
    order.save(update_fields=[*Order.ADDRESS_FIELDS, "updated_at"])
    return order


@transaction.atomic
def customer_address_change(*, customer_id: str, address: Mapping[str, str]) -> Customer:
    """Replace a customer's default address (existing orders keep theirs)."""
    customer = Customer.objects.select_for_update().filter(customer_id=customer_id).first()
    if customer is None:
        raise NotFound(f"No customer with id {customer_id!r}.")
    for field in Customer.ADDRESS_FIELDS:
        setattr(customer, field, address[field])
    customer.save(update_fields=[*Customer.ADDRESS_FIELDS, "updated_at"])
    return customer


@transaction.atomic
def order_payment_change(*, order_id: str, payment_method_id: str) -> Order:
    """Pay a pending order with another method: charge the new one, refund the old one."""
    order = _order_for_update(order_id)
    _require_status(order, Order.Status.PENDING, "modified")
    history = list(order.transactions.select_related("payment_method").order_by("position"))
    if len(history) != 1 or history[0].kind != PaymentTransaction.Kind.PAYMENT:
        raise InvalidRequest(
            f"Order {order.order_id} has {len(history)} payment entries; the payment method can only be "
            "changed while the order holds exactly one payment.",
            code="payment_history_not_single",
        )
    paid = history[0]
    if paid.payment_method.method_id == payment_method_id:
        raise InvalidRequest(
            f"Order {order.order_id} is already paid with {payment_method_id}; choose a different method.",
            code="same_payment_method",
        )
    new_method = _customer_method_for_update(order.customer, payment_method_id)
    old_method = PaymentMethod.objects.select_for_update().get(pk=paid.payment_method_id)
    _require_gift_card_covers(new_method, paid.amount)
    _add_transactions(
        order,
        [
            (PaymentTransaction.Kind.PAYMENT, paid.amount, new_method),
            (PaymentTransaction.Kind.REFUND, paid.amount, old_method),
        ],
    )
    _move_gift_card_balance(new_method, -paid.amount)
    _move_gift_card_balance(old_method, paid.amount)
    return order


@transaction.atomic
def order_items_change(
    *, order_id: str, item_ids: Sequence[str], new_item_ids: Sequence[str], payment_method_id: str
) -> Order:
    """Swap items of a pending order for other variants of the same products; settle the difference.

    This can be done once: the order becomes 'pending (item modified)'.
    """
    order = _order_for_update(order_id)
    _require_status(order, Order.Status.PENDING, "modified")
    items = _items_to_replace(order, item_ids)
    variants = _replacement_variants(items, new_item_ids)
    method = _customer_method_for_update(order.customer, payment_method_id)
    difference = sum((v.price - i.price for i, v in zip(items, variants, strict=True)), Decimal("0"))
    _require_gift_card_covers(method, difference)
    kind = PaymentTransaction.Kind.PAYMENT if difference > 0 else PaymentTransaction.Kind.REFUND
    _add_transactions(order, [(kind, abs(difference), method)])
    _move_gift_card_balance(method, -difference)
    for item, variant in zip(items, variants, strict=True):
        item.variant = variant
        item.price = variant.price
        item.options = variant.options
        item.save(update_fields=["variant", "price", "options"])
    order.status = Order.Status.PENDING_ITEM_MODIFIED
    order.save(update_fields=["status", "updated_at"])
    return order


@transaction.atomic
def order_return_request(*, order_id: str, item_ids: Sequence[str], payment_method_id: str) -> Order:
    """Request the return of delivered items; the refund goes to the original method or a gift card."""
    order = _order_for_update(order_id)
    _require_status(order, Order.Status.DELIVERED, "returned")
    method = _customer_method_for_update(order.customer, payment_method_id)
    first_payment = order.transactions.order_by("position").select_related("payment_method").first()
    original_id = first_payment.payment_method.method_id if first_payment else None
    if not method.is_gift_card and method.method_id != original_id:
        raise InvalidRequest(
            f"A refund can go to the order's original payment method ({original_id}) or to a gift card, "
            f"not to {payment_method_id}.",
            code="refund_method_not_allowed",
        )
    _items_to_replace(order, item_ids)
    ReturnRequest.objects.create(order=order, item_ids=sorted(item_ids), payment_method=method)
    order.status = Order.Status.RETURN_REQUESTED
    order.save(update_fields=["status", "updated_at"])
    return order


@transaction.atomic
def order_exchange_request(
    *, order_id: str, item_ids: Sequence[str], new_item_ids: Sequence[str], payment_method_id: str
) -> Order:
    """Request an exchange of delivered items for other variants of the same products."""
    order = _order_for_update(order_id)
    _require_status(order, Order.Status.DELIVERED, "exchanged")
    items = _items_to_replace(order, item_ids)
    variants = _replacement_variants(items, new_item_ids)
    method = _customer_method_for_update(order.customer, payment_method_id)
    difference = sum((v.price - i.price for i, v in zip(items, variants, strict=True)), Decimal("0"))
    _require_gift_card_covers(method, difference)
    ExchangeRequest.objects.create(
        order=order,
        item_ids=sorted(item_ids),
        new_item_ids=sorted(new_item_ids),
        payment_method=method,
        price_difference=difference.quantize(CENT),
    )
    order.status = Order.Status.EXCHANGE_REQUESTED
    order.save(update_fields=["status", "updated_at"])
    return order


# Who must hear of a price change in the same transaction (the knowledge base's price facts).
# Layers above commerce register here, so commerce never imports them.
VariantObserver = Callable[[Variant], object]  # what an observer returns is ignored
_price_observers: list[VariantObserver] = []


def variant_price_observer_register(observer: VariantObserver) -> None:
    """Call `observer(variant)` inside every price change's transaction (idempotent)."""
    if observer not in _price_observers:
        _price_observers.append(observer)


@transaction.atomic
def variant_price_change(*, item_id: str, price: Decimal | str, actor: str) -> Variant:
    """Change a variant's price, audited; registered observers (the price facts the guardrails
    quote) change in the same transaction, so no answer is ever checked against a stale price."""
    variant = Variant.objects.select_for_update().select_related("product").filter(item_id=item_id).first()
    if variant is None:
        raise InvalidRequest(f"no variant with item id {item_id!r}")
    try:
        amount = Decimal(str(price)).quantize(CENT)
    except (InvalidOperation, ValueError) as exc:
        raise InvalidRequest(f"{price!r} is not a price") from exc
    if amount < 0 or not amount.is_finite():
        raise InvalidRequest("a price cannot be negative")
    before = variant.price.quantize(CENT)
    variant.price = amount
    variant.save(update_fields=["price"])
    for observer in _price_observers:
        observer(variant)
    audit_record(
        kind=AuditEvent.Kind.ADMIN_CHANGE,
        actor=actor,
        payload={
            "action": "variant_price_change",
            "item_id": item_id,
            "before": f"{before}",
            "after": f"{amount}",
        },
    )
    return variant
