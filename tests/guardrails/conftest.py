"""Evidence on the demo store without a database: the seed policy and the demo products."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from apps.guardrails.evidence import Evidence
from apps.knowledge.services import SEED_PATH
from apps.knowledge.snapshot import KnowledgeSnapshot

DEMO = Path(__file__).resolve().parents[2] / "apps" / "commerce" / "demo_data"


@pytest.fixture(scope="session")
def snapshot() -> KnowledgeSnapshot:
    return KnowledgeSnapshot.from_files(
        json.loads(SEED_PATH.read_text()), json.loads((DEMO / "products.json").read_text())
    )


ORDERS = json.loads((DEMO / "orders.json").read_text())


def observed_order(order_id: str) -> dict:
    """A demo order as get_order_details returns it: prices and amounts as strings."""
    data = json.loads(json.dumps(ORDERS[order_id]))
    for item in data["items"]:
        item["price"] = f"{item['price']:.2f}"
    for entry in data["payment_history"]:
        entry["amount"] = f"{entry['amount']:.2f}"
    return data


@pytest.fixture(scope="session")
def order() -> dict:
    """#W2611340 as get_order_details returns it: a Water Bottle ($47.84) and an Office Chair ($488.81)."""
    return observed_order("#W2611340")


@pytest.fixture
def evidence(snapshot, order):
    """evidence(observations=[order], actions=[(tool, ok), ...], handoff_on_block=True)."""

    def build(observations=None, actions=(), handoff_on_block=True) -> Evidence:
        return Evidence(
            knowledge=snapshot,
            observations=tuple([order] if observations is None else observations),
            actions=tuple(actions),
            handoff_on_block=handoff_on_block,
        )

    return build
