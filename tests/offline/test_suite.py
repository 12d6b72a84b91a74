"""The conversation suite: customers as they write (typos, corrections, two requests at once,
short answers, changing their mind, off topic and back), each conversation run through
`manage.py chat` and through the `run_turn` task, and the store checked against the state the
conversation must end in. Every reply is also checked for internal ids, so this is the test
that no offline flow shows a customer a payment-method id, an item id or a user id.

The conversations are data: tests/offline/suite/conversations.json (written by build.py).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from apps.commerce.demo import demo_store_read
from apps.commerce.models import Customer, ExchangeRequest, Order, ReturnRequest
from apps.conversations.models import Conversation

from .suite.drivers import DRIVERS, Transcript

SUITE = json.loads((Path(__file__).parent / "suite" / "conversations.json").read_text())
# What a customer must never read: payment-method ids, ten-digit item or product ids, user ids.
INTERNAL_ID = re.compile(
    r"\b(?:gift_card|credit_card|paypal)_\d+\b|(?<![\d#W])\d{10}(?!\d)|\b[a-z]+_[a-z]+_\d{4}\b"
)


def test_the_suite_runs_every_category_through_both_drivers():
    by_category: dict[str, set[str]] = {}
    for conversation, driver in _cases():
        by_category.setdefault(conversation["category"], set()).add(driver)
    assert all(drivers == set(DRIVERS) for drivers in by_category.values())


def test_the_suite_is_large_and_covers_every_category():
    categories = {c["category"] for c in SUITE}
    assert len(SUITE) >= 150
    assert {
        "typos", "corrections", "two-requests", "short-answers", "changing-mind", "off-topic",
        "exchanges", "item-changes", "payment-changes", "questions", "identity",
    } <= categories  # fmt: skip
    assert len({c["id"] for c in SUITE}) == len(SUITE)


def _order_matches(order_id: str, expected: dict[str, Any]) -> list[str]:
    order = Order.objects.get(order_id=order_id)
    problems = []
    if "status" in expected and order.status != expected["status"]:
        problems.append(f"{order_id} status {order.status!r}, expected {expected['status']!r}")
    if "cancel_reason" in expected and order.cancel_reason != expected["cancel_reason"]:
        problems.append(f"{order_id} cancel reason {order.cancel_reason!r}")
    for key, value in (expected.get("address") or {}).items():
        if getattr(order, key) != value:
            problems.append(f"{order_id} {key} {getattr(order, key)!r}, expected {value!r}")
    if "return_items" in expected or "refund_to" in expected:
        request = ReturnRequest.objects.filter(order=order).first()
        if request is None:
            problems.append(f"{order_id} has no return request")
        else:
            if "return_items" in expected and request.item_ids != sorted(expected["return_items"]):
                problems.append(f"{order_id} returns {request.item_ids}")
            if "refund_to" in expected and request.payment_method.method_id != expected["refund_to"]:
                problems.append(f"{order_id} refunds to {request.payment_method.method_id}")
    if "exchange_items" in expected:
        exchange = ExchangeRequest.objects.filter(order=order).first()
        if exchange is None:
            problems.append(f"{order_id} has no exchange request")
        elif (exchange.item_ids, exchange.new_item_ids) != (
            sorted(expected["exchange_items"]),
            sorted(expected["exchange_new_items"]),
        ):
            problems.append(f"{order_id} exchanges {exchange.item_ids} for {exchange.new_item_ids}")
    if "has_items" in expected:
        held = set(order.items.values_list("variant__item_id", flat=True))
        if not set(expected["has_items"]) <= held:
            problems.append(f"{order_id} holds {sorted(held)}")
    if "paid_with" in expected:
        payment = order.transactions.filter(kind="payment").order_by("-pk").first()
        if payment is None or payment.payment_method.method_id != expected["paid_with"]:
            problems.append(f"{order_id} last paid with {payment and payment.payment_method.method_id}")
    return problems


def _unchanged(customer_email: str | None, transcript: Transcript) -> list[str]:
    demo = demo_store_read()
    orders = demo["orders"]
    problems = []
    emails = [customer_email] if customer_email else []
    for email in emails:
        customer = Customer.objects.get(email__iexact=email)
        for order in Order.objects.filter(customer=customer):
            was = (orders.get(order.order_id) or {}).get("status")
            if was and order.status != was:
                problems.append(f"{order.order_id} changed from {was!r} to {order.status!r}")
    return problems


def _cases() -> list[tuple[dict[str, Any], str]]:
    """Every conversation through one of the two drivers, taking turns, so each category runs
    through both; SUPPORTAGENT_SUITE_BOTH_DRIVERS=1 runs every conversation through both."""
    drivers = list(DRIVERS)
    if os.environ.get("SUPPORTAGENT_SUITE_BOTH_DRIVERS") == "1":
        return [(c, d) for c in SUITE for d in drivers]
    return [(c, drivers[i % 2]) for i, c in enumerate(SUITE)]


@pytest.mark.parametrize(("conversation", "driver"), _cases(), ids=[f"{c['id']}-{d}" for c, d in _cases()])
def test_a_suite_conversation_ends_in_the_expected_state(conversation, driver, db, monkeypatch):
    transcript = DRIVERS[driver](monkeypatch, conversation["turns"], conversation["customer"])
    expect = conversation["expect"]

    problems: list[str] = []
    for order_id, expected in (expect.get("orders") or {}).items():
        problems += _order_matches(order_id, expected)
    if "default_address" in expect:
        customer = Customer.objects.get(email__iexact=conversation["customer"])
        for key, value in expect["default_address"].items():
            if getattr(customer, key) != value:
                problems.append(f"default {key} {getattr(customer, key)!r}, expected {value!r}")
    if expect.get("no_changes"):
        problems += _unchanged(conversation["customer"], transcript)
        if ReturnRequest.objects.exists() or ExchangeRequest.objects.exists():
            problems.append("a return or exchange was requested")
    for turn, needle in expect.get("replies") or []:
        said = transcript.replies[turn] if driver == "run_turn task" else transcript.all_replies
        if not any(needle.lower() in reply.lower() for reply in said):
            problems.append(f"no reply says {needle!r}")
    if "distinct_replies" in expect and driver == "run_turn task":
        first, second = (transcript.replies[i] for i in expect["distinct_replies"])
        if first == second:
            problems.append(f"turns {expect['distinct_replies']} got the same reply")
    if expect.get("handoff") is False and transcript.conversation is not None:
        transcript.conversation.refresh_from_db()
        if transcript.conversation.status != Conversation.Status.ACTIVE:
            problems.append("the conversation was handed over")
    leaked = [m.group(0) for reply in transcript.all_replies for m in INTERNAL_ID.finditer(reply)]
    if leaked:
        problems.append(f"internal ids shown to the customer: {leaked}")

    assert not problems, "\n".join(problems) + "\n--- transcript ---\n" + transcript.output
