"""The blind corpus (bench/data/guardrails/untouched.jsonl) is well formed and reproducible.

Only its shape is checked here; the checker is never run on it outside the final measurement.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "bench" / "data" / "guardrails"
CORPUS = DATA / "untouched.jsonl"
DEMO = ROOT / "apps" / "commerce" / "demo_data"
ORDER_ID = re.compile(r"#?W\d{7}")
REQUIRED = {"answer", "observations", "actions", "expect", "wrong_claims", "category", "split"}
CATEGORIES = {
    "action_unbacked",
    "action_wrong_target",
    "amount",
    "product_price",
    "policy_term",
    "completion",
    "non_claim",
}


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def store() -> dict:
    return {name: json.loads((DEMO / f"{name}.json").read_text()) for name in ("orders", "users", "products")}


def test_rows_have_the_bench_format(rows):
    assert len(rows) >= 400
    for row in rows:
        assert set(row) >= REQUIRED, row.get("id")
        assert isinstance(row["answer"], str)
        assert row["answer"].strip()
        assert isinstance(row["observations"], list)
        assert row["split"] == "untouched"
        assert row["category"] in CATEGORIES
        assert row["expect"] in ("pass", "trip")
        for action in row["actions"]:
            assert set(action) == {"name", "ok", "arguments", "this_turn"}
            assert isinstance(action["ok"], bool)
            assert isinstance(action["this_turn"], bool)
            assert isinstance(action["arguments"], dict)
        for observation in row["observations"]:
            if isinstance(observation, str) and observation[:1] in "{[":
                json.loads(observation)


def test_labels_and_claim_counts_agree(rows):
    for row in rows:
        assert isinstance(row["wrong_claims"], int)
        if row["expect"] == "trip":
            assert row["wrong_claims"] >= 1, row["id"]
        else:
            assert row["wrong_claims"] == 0, row["id"]
    assert len({row["id"] for row in rows}) == len(rows)


def test_pass_and_trip_are_balanced(rows):
    counts = Counter(row["expect"] for row in rows)
    share = counts["pass"] / len(rows)
    assert 0.4 <= share <= 0.6, counts
    by_category = Counter((row["category"], row["expect"]) for row in rows)
    for category in CATEGORIES - {"non_claim"}:
        assert by_category[(category, "pass")] >= 10, category
        assert by_category[(category, "trip")] >= 10, category
    assert by_category[("non_claim", "trip")] == 0


def _texts(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, str):
        yield value


def test_every_order_and_user_exists_in_the_demo_store(rows, store):
    orders, users, products = store["orders"], store["users"], store["products"]
    variants = {item_id for product in products.values() for item_id in product["variants"]}
    for row in rows:
        observations = [
            json.loads(o) if isinstance(o, str) and o[:1] in "{[" else o for o in row["observations"]
        ]
        texts = [row["answer"], *_texts(observations), *_texts([a["arguments"] for a in row["actions"]])]
        for text in texts:
            for found in ORDER_ID.findall(text):
                assert "#W" + found.lstrip("#W") in orders, (row["id"], found)
        for observation in observations:
            if isinstance(observation, dict) and "user_id" in observation:
                assert observation["user_id"] in users, row["id"]
        for action in row["actions"]:
            arguments = action["arguments"]
            if "user_id" in arguments:
                assert arguments["user_id"] in users, row["id"]
            if "product_id" in arguments:
                assert arguments["product_id"] in products, row["id"]
            for key in ("item_ids", "new_item_ids"):
                for item_id in arguments.get(key, []):
                    assert item_id in variants, (row["id"], item_id)
            if action["ok"] and "payment_method_id" in arguments:
                order = orders[arguments["order_id"]]
                assert arguments["payment_method_id"] in users[order["user_id"]]["payment_methods"], row["id"]


def test_regenerating_gives_identical_bytes(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("make_untouched", DATA / "make_untouched.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path / "untouched.jsonl")
    module.main()
    assert (tmp_path / "untouched.jsonl").read_bytes() == CORPUS.read_bytes()
