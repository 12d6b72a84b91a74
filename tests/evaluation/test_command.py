"""`manage.py evaluate` end to end on the embedded default: rule-based customer, offline engine."""

from __future__ import annotations

import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.commerce.fingerprint import state_hash
from apps.commerce.selectors import store_state
from apps.conversations.models import Conversation
from apps.evaluation import services
from apps.tools.replay import tau_expected_hashes

REQUIRED = {"task_index", "trial", "success", "fingerprint"}


def test_the_ci_run_writes_a_record_per_task_and_the_table_and_ends_with_pass_1(no_keys, evaluate):
    # given no key anywhere (CI) and the store as people left it
    before = state_hash(store_state())
    conversations = Conversation.objects.count()

    # when the CI command runs
    lines, results = evaluate("--split", "train", "--limit", "5")

    # then one complete record per task, with the fields every consumer relies on
    records = results["records"]
    assert results["complete"] is True
    assert [r["task_index"] for r in records] == [0, 1, 2, 3, 4]
    assert all(set(r) >= REQUIRED and r["trial"] == 0 for r in records)
    assert all(re.fullmatch(r"[0-9a-f]{64}", r["fingerprint"]) for r in records)
    # each verdict is the fingerprint comparison (no required outputs in these tasks)
    expected = tau_expected_hashes()["train"]
    assert [r["success"] for r in records] == [r["fingerprint"] == expected[r["task_index"]] for r in records]
    assert any(r["success"] for r in records)
    # the offline engine and the rule-based customer played every chat
    assert {engine for r in records for engine in r["engines"]} == {"offline"}
    assert all(r["turns"] >= 1 and r["transcript"][0]["role"] == "customer" for r in records)
    # the table is printed, and the last line is pass^1 with the count of successes
    assert any(line.strip().startswith("cost by tier") for line in lines)
    assert any(line.strip().startswith("router mix") for line in lines)
    passed = sum(r["success"] for r in records)
    assert lines[-1] == f"pass^1 {passed}/5"
    assert results["summary"]["pass_hat"]["pass^1"] == passed / 5
    # and nothing of the run is left behind
    assert state_hash(store_state()) == before
    assert Conversation.objects.count() == conversations


def test_trials_are_reported_as_pass_k_after_pass_1(no_keys, evaluate):
    lines, results = evaluate("--split", "train", "--tasks", "0", "--trials", "2", "--seed", "7")

    assert [(r["task_index"], r["trial"]) for r in results["records"]] == [(0, 0), (0, 1)]
    passed = sum(r["success"] for r in results["records"])
    assert lines[-2] == f"pass^1 {passed}/2"
    assert lines[-1] == f"pass^2 {1.0 if passed == 2 else 0.0:.3f}"
    # every trial is a chat of its own about the task's order
    openings = [r["transcript"][0]["text"] for r in results["records"]]
    assert all("#W6067464" in text for text in openings)


def test_an_interrupted_run_is_resumed_without_rerunning_finished_trials(no_keys, evaluate, tmp_path):
    # given a finished run of two tasks, cut back to what an interruption after the first leaves
    output = tmp_path / "run.json"
    evaluate("--split", "train", "--limit", "2", output=output)
    body = json.loads(output.read_text())
    body["complete"], body["summary"] = False, None
    body["records"] = body["records"][:1]
    body["records"][0]["transcript"] = [{"role": "customer", "text": "kept from the first run"}]
    output.write_text(json.dumps(body))

    # when it is started again without --resume, it refuses to overwrite the interrupted run
    with pytest.raises(CommandError, match="--resume"):
        evaluate("--split", "train", "--limit", "2", output=output)
    # and a resume with other settings is refused
    with pytest.raises(CommandError, match="max_turns"):
        evaluate("--split", "train", "--limit", "2", "--resume", "--max-turns", "3", output=output)

    # when it is resumed
    lines, results = evaluate("--split", "train", "--limit", "2", "--resume", output=output)

    # then the finished trial is kept as it was and only the missing one ran
    records = results["records"]
    assert [r["task_index"] for r in records] == [0, 1]
    assert records[0]["transcript"] == [{"role": "customer", "text": "kept from the first run"}]
    assert records[1]["transcript"][0]["role"] == "customer"
    assert "1 from the interrupted run" in "\n".join(lines)
    assert results["complete"] is True


def test_an_interrupted_run_keeps_what_finished_and_says_how_to_resume(
    no_keys, evaluate, monkeypatch, tmp_path
):
    # given Ctrl-C arrives after the first trial
    finish_one = services.trials_inline

    def interrupted(*args, **kwargs):
        trials = finish_one(*args, **kwargs)
        try:
            yield next(trials)
            raise KeyboardInterrupt
        finally:
            trials.close()

    monkeypatch.setattr(services, "trials_inline", interrupted)
    before = state_hash(store_state())

    with pytest.raises(CommandError, match="--resume") as stopped:
        evaluate("--split", "train", "--limit", "3", output=tmp_path / "run.json")

    # then the file holds the finished trial, marked incomplete, and nothing was left in the store
    body = json.loads((tmp_path / "run.json").read_text())
    assert stopped.value.returncode == 130
    assert body["complete"] is False
    assert [r["task_index"] for r in body["records"]] == [0]
    assert state_hash(store_state()) == before


def test_bad_options_are_refused_before_anything_runs(no_keys, db, tmp_path):
    with pytest.raises(CommandError, match=r"TIER\.SETTING=VALUE"):
        call_command("evaluate", "--tier", "fast-model", "--output", str(tmp_path / "r.json"))
    with pytest.raises(CommandError, match="no task 9999"):
        call_command("evaluate", "--tasks", "9999", "--output", str(tmp_path / "r.json"))
    with pytest.raises(CommandError, match="OPENAI_API_KEY"):
        call_command("evaluate", "--user", "model", "--output", str(tmp_path / "r.json"))
    assert not (tmp_path / "r.json").exists()


def test_worker_processes_reach_the_same_verdicts_as_one_process(no_keys, evaluate, tmp_path, capfd):
    # when two worker processes run two tasks, each on its own copy of the database (first: the
    # copies are taken from this test's connection before it writes anything)
    lines, spread = evaluate(
        "--split", "train", "--tasks", "0,3", "--concurrency", "2", output=tmp_path / "workers.json"
    )
    # and the same two tasks run in this process
    _, inline = evaluate("--split", "train", "--tasks", "0,3", output=tmp_path / "inline.json")

    # then the chats, fingerprints and verdicts are the same, and the store here is untouched
    def verdicts(results):
        return [
            (r["task_index"], r["fingerprint"], r["success"], r["transcript"]) for r in results["records"]
        ]

    assert verdicts(spread) == verdicts(inline)
    assert lines[-1] == f"pass^1 {sum(r['success'] for r in inline['records'])}/2"
    assert state_hash(store_state()) == tau_expected_hashes()["initial"]
    # and the workers closed their sessions cleanly at exit (no traceback on the terminal)
    assert "Exception ignored" not in capfd.readouterr().err
