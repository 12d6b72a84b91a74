"""One trial: success is the store's fingerprint (and the required outputs), not the wording."""

from __future__ import annotations

import dataclasses

import pytest

from apps.commerce.fingerprint import state_hash
from apps.commerce.models import Order
from apps.commerce.selectors import store_state
from apps.evaluation.customer import CustomerConfig
from apps.evaluation.runner import RunSettings, TrialPlan, trial_run
from apps.evaluation.session import evaluation_session, offline_overrides
from apps.evaluation.tasks import outputs_missing, reference_fingerprints, tasks_select
from apps.tools.replay import tau_expected_hashes

SETTINGS = RunSettings(customer=CustomerConfig(seed=0), max_turns=12)


@pytest.fixture
def session(db):
    """A fresh store with the offline engine on every tier, rolled back after the test."""
    with evaluation_session(offline_overrides()):
        yield


@pytest.fixture
def task_0(session):
    """Train task 0 (return two items of #W6067464 to credit_card_4190576) and its reference."""
    task = tasks_select("train", indices=[0])[0]
    return task, reference_fingerprints([task])[0]


def test_a_chat_that_makes_the_reference_change_succeeds(task_0):
    task, reference = task_0
    initial = state_hash(store_state())

    record = trial_run(TrialPlan(task=task, trial=0, reference=reference), SETTINGS)

    assert reference == tau_expected_hashes()["train"][0]
    assert record.fingerprint == reference
    assert record.success is True
    assert record.ended_by == "customer"
    assert any(t["tool"] == "return_delivered_order_items" and t["ok"] for t in record.tools_called)
    # the trial was rolled back: the next one starts from the same store
    assert state_hash(store_state()) == initial
    assert Order.objects.get(order_id="#W6067464").status == "delivered"


def test_a_chat_that_changes_something_else_fails_on_the_fingerprint(task_0):
    # given a customer who asks to return only the kettle (one item of the two)
    task, reference = task_0
    action = task.actions[0]
    wrong = {**action, "kwargs": {**action["kwargs"], "item_ids": action["kwargs"]["item_ids"][:1]}}
    plan = TrialPlan(task=dataclasses.replace(task, actions=(wrong,)), trial=0, reference=reference)
    initial = state_hash(store_state())

    record = trial_run(plan, SETTINGS)

    # then the agent did make a change, but not the reference one
    assert any(t["tool"] == "return_delivered_order_items" and t["ok"] for t in record.tools_called)
    assert record.fingerprint not in (reference, initial)
    assert record.success is False
    assert state_hash(store_state()) == initial


def test_a_chat_that_changes_nothing_fails_on_the_fingerprint(task_0):
    # given a customer with nothing to ask for
    task, reference = task_0
    plan = TrialPlan(task=dataclasses.replace(task, actions=()), trial=0, reference=reference)
    initial = state_hash(store_state())

    record = trial_run(plan, SETTINGS)

    assert record.fingerprint == initial != reference
    assert record.success is False
    assert record.error is None


def test_the_right_change_without_a_required_output_is_a_failure(task_0):
    task, reference = task_0
    plan = TrialPlan(task=dataclasses.replace(task, outputs=("4242.42",)), trial=0, reference=reference)

    record = trial_run(plan, SETTINGS)

    assert record.fingerprint == reference
    assert record.outputs_missing == ["4242.42"]
    assert record.success is False


def test_required_outputs_are_found_whatever_the_case_and_thousands_separators():
    said = ["Your refund of $1,234.50 is on its way.", "There are 10 T-Shirt options."]

    assert outputs_missing(["1234.50", "10", "t-shirt"], said) == []
    assert outputs_missing(["1234.5", "11"], said) == ["11"]
