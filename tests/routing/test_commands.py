"""seed_router_examples, train_router and route, as an operator runs them."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from apps.audit.models import AuditEvent
from apps.routing.cache import serving_router
from apps.routing.models import RouterExample, RouterModel


def _run(*args, stdin: str | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    call_command(*args, stdout=out)
    return out.getvalue()


def test_seeding_twice_stores_each_example_once(empty_router_tables):
    # when the examples are seeded twice into an empty table
    first = _run("seed_router_examples")
    count = RouterExample.objects.count()
    second = _run("seed_router_examples")

    # then the second run adds nothing, and every source and split is there
    assert f"{count} created" in first
    assert "0 created" in second
    assert RouterExample.objects.count() == count
    assert set(RouterExample.objects.values_list("source", "split").distinct()) == {
        ("own", "train"),
        ("own", "heldout"),
        ("bitext", "train"),
        ("clinc150", "train"),
    }
    # bitext rows whose intent maps to null (e.g. recover_password) are left out
    assert not RouterExample.objects.filter(source="bitext", text__icontains="password").exists()


def test_reset_restores_shipped_rows_and_keeps_admin_rows(empty_router_tables):
    # given seeded examples, one relabelled by an admin, and one added in the admin
    _run("seed_router_examples")
    edited = RouterExample.objects.filter(source="own", label="faq").first()
    RouterExample.objects.filter(pk=edited.pk).update(label="complaint")
    RouterExample.objects.create(text="my own example", label="faq", source="admin")

    # when seeding with --reset
    _run("seed_router_examples", "--reset")

    # then the shipped label is back and the admin's row survived
    assert RouterExample.objects.get(text=edited.text, source="own").label == "faq"
    assert RouterExample.objects.filter(source="admin").count() == 1


def test_train_router_stores_version_1_then_2_and_the_newest_serves(small_examples):
    # given a small set of examples
    small_examples()

    # when the router is trained twice
    first = _run("train_router")
    second = _run("train_router")

    # then two active versions exist, with held-out metrics, and version 2 serves
    assert first.startswith("Router v1: trained on 36 examples")
    assert second.startswith("Router v2:")
    v1, v2 = RouterModel.objects.order_by("version")
    assert (v1.active, v2.active) == (True, True)
    assert v2.trained_on == 36
    assert v2.metrics["heldout"]["n"] == 2
    assert 0.0 <= v2.metrics["heldout"]["tier_accuracy"] <= 1.0
    assert serving_router(refresh=True).version == 2
    assert AuditEvent.objects.filter(kind="model", payload__router_version=2).exists()


def test_train_router_never_learns_from_held_out_rows(small_examples):
    # given a held-out row with a text no train row has
    small_examples()

    # when a router is trained
    _run("train_router", "--no-tune")

    # then the held-out word is not in the router's vocabulary
    vocabulary = serving_router(refresh=True).classifier._word_vocabulary
    assert "blender" not in vocabulary
    assert "kettle" in vocabulary


def test_route_prints_one_json_line_per_input_line_including_errors(stored_router, tmp_path):
    # given a file with good lines, invalid JSON, a line without text, and a blank line
    source = tmp_path / "messages.jsonl"
    source.write_text(
        '{"text": "hi there"}\nnot json\n{"message": "no text"}\n\n{"text": "get me a human"}\n',
        encoding="utf-8",
    )

    # when routed
    lines = [json.loads(line) for line in _run("route", "--jsonl", str(source)).splitlines()]

    # then good lines carry the decision and bad lines an error, in input order
    assert [sorted(line) for line in lines] == [
        ["label", "micros", "scores", "text", "tier"],
        ["error", "line"],
        ["error", "line"],
        ["label", "micros", "scores", "text", "tier"],
    ]
    assert (lines[0]["label"], lines[0]["tier"]) == ("smalltalk", "fast")
    assert (lines[3]["label"], lines[3]["tier"]) == ("human", "human")
    assert lines[1]["line"] == 2
    assert AuditEvent.objects.filter(kind="route").count() == 0


def test_route_reads_stdin(stored_router, monkeypatch):
    stdin = '{"text": "cancel order #W1234567 please"}\n'

    output = _run("route", "--jsonl", "-", stdin=stdin, monkeypatch=monkeypatch)

    line = json.loads(output)
    assert (line["label"], line["tier"]) == ("transaction", "reasoning")


def test_route_reports_a_missing_file(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="cannot read"):
        _run("route", "--jsonl", "/nonexistent/messages.jsonl")
