import json
from collections import Counter

import pytest
from django.core.management import call_command

from apps.commerce.fingerprint import state_hash
from apps.commerce.selectors import store_state
from apps.tools import replay
from apps.tools.replay import tau_expected_hashes, tau_replay, tau_tasks_read


def test_every_train_task_reaches_the_reference_fingerprint(db):
    expected = tau_expected_hashes()["train"]
    tasks = tau_tasks_read("train")
    assert len(tasks) == len(expected) == 500

    results = list(tau_replay(tasks))

    mismatched = [r.index for r in results if r.hash != expected[r.index]]
    assert mismatched == []
    # the reference includes calls meant to fail; they must fail here too
    assert sum(r.errors for r in results) > 0


@pytest.mark.parametrize(
    ("split", "refusals"),
    [
        ("dev", {}),
        (
            "test",
            {
                "not_found": 16,
                "invalid_arguments": 4,  # get_order_details with "#9502126": no "W" in the id
                "refund_method_not_allowed": 2,
                "wrong_status": 1,
                "insufficient_balance": 1,
            },
        ),
    ],
)
def test_dev_and_test_splits_change_the_store_only_through_writes_that_went_through(
    db, monkeypatch, split, refusals
):
    # given the calls each task makes through the gate are watched (these splits have no reference
    # fingerprints)
    observations = []
    execute = replay.tool_execute

    def watched(*args, **kwargs):
        observation = execute(*args, **kwargs)
        observations.append(observation)
        return observation

    monkeypatch.setattr(replay, "tool_execute", watched)
    tasks = tau_tasks_read(split)
    initial = state_hash(store_state())

    # when every task is replayed
    results, calls = [], []
    for result in tau_replay(tasks):
        results.append(result)
        calls.append(observations[:])
        observations.clear()

    # then one fingerprint per task, in order
    assert [r.index for r in results] == list(range(len(tasks)))
    # a task's fingerprint moves exactly when one of its writes went through
    wrote = [any(o.ok and o.kind == "write" for o in task_calls) for task_calls in calls]
    assert [r.hash != initial for r in results] == wrote
    assert any(wrote)
    # the failures are the refusals the tools are meant to give, never an internal error
    failures = Counter(o.error_code for task_calls in calls for o in task_calls if not o.ok)
    assert failures == refusals
    assert sum(r.errors for r in results) == sum(refusals.values())
    # and every task was rolled back
    assert state_hash(store_state()) == initial


def test_incremental_fingerprints_agree_with_full_exports(db):
    # a sample that covers every write tool and calls meant to fail
    tasks = tau_tasks_read("train")
    sample = [tasks[i] for i in (0, 1, 2, 3, 5, 8, 13, 21, 34, 55)]
    sample += [t for t in tasks if any(a["name"] == "modify_pending_order_payment" for a in t["actions"])][:3]
    fast = [r.hash for r in tau_replay(sample)]
    full = [r.hash for r in tau_replay(sample, full_export=True)]
    assert fast == full


def test_replay_command_prints_one_json_line_per_task_and_leaves_the_store(db, tmp_path, capsys):
    tasks = tau_tasks_read("train")[:3]
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps(tasks))

    call_command("tau_replay", tasks=str(path))

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["index"] for line in lines] == [0, 1, 2]
    assert [line["hash"] for line in lines] == tau_expected_hashes()["train"][:3]
    assert all(set(line) == {"index", "hash", "errors"} for line in lines)
    assert state_hash(store_state()) == tau_expected_hashes()["initial"]
