"""Replaying tau-bench reference tasks through `tool_execute`, for parity with the benchmark."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from apps.accounts.principals import Principal
from apps.commerce.fingerprint import StoreFingerprint, state_hash
from apps.commerce.models import Customer, Order
from apps.commerce.selectors import customers_state, orders_state, store_state

from .executor import tool_execute

TAU_DATA_DIR = Path(__file__).resolve().parent / "tau_data"
SPLITS = ("train", "dev", "test")


@dataclass(frozen=True)
class ReplayResult:
    index: int
    hash: str
    errors: int


def tau_tasks_read(split: str) -> list[dict[str, Any]]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    return json.loads((TAU_DATA_DIR / f"tasks_{split}.json").read_text("utf-8"))


def tau_expected_hashes() -> dict[str, Any]:
    return json.loads((TAU_DATA_DIR / "expected_state_hashes_train.json").read_text("utf-8"))


def _touched(actions: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The current state of every order and customer the actions could have changed."""
    order_ids = {a["kwargs"]["order_id"] for a in actions if isinstance(a["kwargs"].get("order_id"), str)}
    customer_ids = {a["kwargs"]["user_id"] for a in actions if isinstance(a["kwargs"].get("user_id"), str)}
    customer_ids |= set(
        Order.objects.filter(order_id__in=order_ids).values_list("customer__customer_id", flat=True)
    )
    return {
        "orders": orders_state(Order.objects.filter(order_id__in=order_ids)),
        "users": customers_state(Customer.objects.filter(customer_id__in=customer_ids)),
    }


def tau_replay(tasks: Sequence[dict[str, Any]], *, full_export: bool = False) -> Iterator[ReplayResult]:
    """Run each task's reference actions on the current store and fingerprint the result.

    Acts as the system principal (every permission, no confirmation gate: the gate belongs
    to conversations). Each task runs in a savepoint that is rolled back once its
    fingerprint is taken, so every task starts from the same store. Without `full_export`
    only the records the task touched are re-exported; the rest of the fingerprint is reused.
    """
    principal = Principal.system()
    base = None if full_export else StoreFingerprint(store_state())
    for index, task in enumerate(tasks):
        with transaction.atomic():
            errors = 0
            for action in task["actions"]:
                observation = tool_execute(principal, action["name"], action["kwargs"])
                errors += not observation.ok
            digest = state_hash(store_state()) if base is None else base.hash(_touched(task["actions"]))
            transaction.set_rollback(True)
        yield ReplayResult(index=index, hash=digest, errors=errors)
