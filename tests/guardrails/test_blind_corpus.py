"""The blind guardrails corpus (bench/data/guardrails/blind.jsonl) is well formed and reproducible.

Checks the file itself, not the checker: the fields every row needs, the labels, that every order
an action names is a demo-store order, and that make_blind.py regenerates it byte for byte.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "bench" / "data" / "guardrails"
CORPUS = DATA / "blind.jsonl"
GENERATOR = DATA / "make_blind.py"
DEMO = ROOT / "apps" / "commerce" / "demo_data"
FIELDS = {"answer", "observations", "actions", "expect", "wrong_claims", "category", "split"}
ACTION_FIELDS = {"name", "ok", "arguments", "this_turn"}


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_rows_have_the_fields_and_labels(rows):
    assert len(rows) >= 500
    for row in rows:
        assert row.keys() >= FIELDS, row
        assert isinstance(row["answer"], str)
        assert row["answer"].strip()
        assert isinstance(row["observations"], list)
        assert isinstance(row["actions"], list)
        assert row["split"] == "blind"
        assert row["expect"] in {"pass", "trip"}
        assert isinstance(row["wrong_claims"], int)
        if row["expect"] == "trip":
            assert row["wrong_claims"] >= 1, row["answer"]
        else:
            assert row["wrong_claims"] == 0, row["answer"]
        for action in row["actions"]:
            assert action.keys() >= ACTION_FIELDS, action
            assert isinstance(action["arguments"], dict)


def test_both_labels_are_well_represented(rows):
    passing = sum(row["expect"] == "pass" for row in rows)
    assert 0.4 <= passing / len(rows) <= 0.6


def test_every_order_in_the_actions_is_a_demo_store_order(rows):
    orders = json.loads((DEMO / "orders.json").read_text())
    users = json.loads((DEMO / "users.json").read_text())
    for row in rows:
        for action in row["actions"]:
            arguments = action["arguments"]
            if "order_id" in arguments:
                assert arguments["order_id"] in orders, (action, row["answer"])
            if "user_id" in arguments:
                assert arguments["user_id"] in users, (action, row["answer"])


def test_the_file_is_what_the_generator_writes():
    spec = importlib.util.spec_from_file_location("make_blind", GENERATOR)
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.render(module.build_rows()).encode("utf-8") == CORPUS.read_bytes()
