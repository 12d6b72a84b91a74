import json

import pytest
from django.core.management import call_command

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


@pytest.mark.parametrize("split", ["dev", "test"])
def test_dev_and_test_splits_replay_without_a_crash(db, split):
    tasks = tau_tasks_read(split)
    results = list(tau_replay(tasks))
    assert [r.index for r in results] == list(range(len(tasks)))
    assert all(len(r.hash) == 64 for r in results)
    # no reference call trips an internal error: failures are business refusals
    assert all(r.errors <= len(t["actions"]) for r, t in zip(results, tasks, strict=True))


def test_incremental_fingerprints_agree_with_full_exports(db):
    # a sample that covers every write tool and calls meant to fail
    tasks = tau_tasks_read("train")
    sample = [tasks[i] for i in (0, 1, 2, 3, 5, 8, 13, 21, 34, 55)]
    sample += [t for t in tasks if any(a["name"] == "modify_pending_order_payment" for a in t["actions"])][:3]
    fast = [r.hash for r in tau_replay(sample)]
    full = [r.hash for r in tau_replay(sample, full_export=True)]
    assert fast == full


def test_replay_command_prints_one_json_line_per_task_and_leaves_the_store(db, tmp_path, capsys):
    from apps.commerce.fingerprint import state_hash
    from apps.commerce.selectors import store_state

    tasks = tau_tasks_read("train")[:3]
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps(tasks))

    call_command("tau_replay", tasks=str(path))

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["index"] for line in lines] == [0, 1, 2]
    assert [line["hash"] for line in lines] == tau_expected_hashes()["train"][:3]
    assert all(set(line) == {"index", "hash", "errors"} for line in lines)
    assert state_hash(store_state()) == tau_expected_hashes()["initial"]
