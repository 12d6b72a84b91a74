"""An evaluation run: plan the task trials, run them, keep the results file current, sum up."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .customer import CustomerConfig
from .execution import TrialKey, trials_in_workers, trials_inline
from .progress import ProgressBar
from .records import TrialRecord
from .report import Summary, summarize
from .results import config_differences, results_complete, results_read, results_write
from .runner import RunSettings
from .session import TierOverride
from .tasks import EvalTask, tasks_select

# The results file is rewritten at most this often while trials finish (and always at the end).
CHECKPOINT_SECONDS = 2.0


@dataclass(frozen=True)
class EvaluationRequest:
    split: str
    output: Path
    task_indices: tuple[int, ...] | None = None
    limit: int | None = None
    trials: int = 1
    customer: CustomerConfig = field(default_factory=CustomerConfig)
    all_reasoning: bool = False
    overrides: tuple[TierOverride, ...] = ()
    max_turns: int = 20
    concurrency: int = 1
    resume: bool = False
    baseline: Path | None = None

    def settings(self) -> RunSettings:
        return RunSettings(
            customer=self.customer,
            max_turns=self.max_turns,
            forced_tier="reasoning" if self.all_reasoning else None,
        )


@dataclass
class EvaluationOutcome:
    records: list[TrialRecord]
    summary: Summary
    resumed: int  # trials taken over from an interrupted run
    seconds: float


class EvaluationInterrupted(Exception):
    """Stopped before every trial ran; the results file holds what finished."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__(f"interrupted after {done} of {total} task trials")
        self.done, self.total = done, total


def run_config(request: EvaluationRequest, tasks: list[EvalTask]) -> dict[str, Any]:
    """What makes two runs comparable; a resumed run must match it."""
    customer = request.customer
    return {
        "split": request.split,
        "tasks": [task.index for task in tasks],
        "trials": request.trials,
        "customer": {
            "kind": customer.kind,
            "model": customer.model,
            "base_url": customer.base_url,
            "key_env": customer.key_env,
        },
        "seed": customer.seed,
        "all_reasoning": request.all_reasoning,
        "tier_overrides": [override.as_text() for override in request.overrides],
        "max_turns": request.max_turns,
    }


def evaluation_run(request: EvaluationRequest, *, progress: TextIO | None = None) -> EvaluationOutcome:
    """Run every planned task trial (or those an interrupted run left) and write the results file.

    Raises ValueError for a request that cannot run, EvaluationInterrupted on Ctrl-C (after saving).
    """
    started = time.monotonic()
    tasks = tasks_select(
        request.split,
        indices=list(request.task_indices) if request.task_indices is not None else None,
        limit=request.limit,
    )
    config = run_config(request, tasks)
    kept = _resumable(request, config)
    baseline_config, baseline = _baseline(request)
    keys = [
        (task.index, trial)
        for task in tasks
        for trial in range(request.trials)
        if (task.index, trial) not in kept
    ]
    records = list(kept.values())
    total = len(records) + len(keys)
    bar = ProgressBar(total, stream=progress, done=len(records), passed=sum(r.success for r in records))
    last_saved = 0.0
    try:
        for record in _trials(request, tasks, keys):
            records.append(record)
            bar.advance(success=record.success)
            if time.monotonic() - last_saved >= CHECKPOINT_SECONDS:
                results_write(request.output, config=config, records=records)
                last_saved = time.monotonic()
    except KeyboardInterrupt:
        bar.close()
        results_write(request.output, config=config, records=records)
        raise EvaluationInterrupted(len(records), total) from None
    bar.close()
    summary = summarize(
        records, trials=request.trials, baseline=baseline, baseline_name=str(request.baseline)
    )
    if baseline and not baseline_config.get("all_reasoning"):
        summary.notes.append(f"{request.baseline} was not run with --all-reasoning")
    results_write(request.output, config=config, records=records, summary=summary.as_dict(), complete=True)
    return EvaluationOutcome(
        records=records, summary=summary, resumed=len(kept), seconds=time.monotonic() - started
    )


def _trials(request: EvaluationRequest, tasks: list[EvalTask], keys: list[TrialKey]) -> Iterator[TrialRecord]:
    if not keys:
        return iter(())
    if request.concurrency > 1 and len(keys) > 1:
        workers = min(request.concurrency, len(keys))
        return trials_in_workers(tasks, keys, request.settings(), request.overrides, workers=workers)
    return trials_inline(tasks, keys, request.settings(), request.overrides)


def _resumable(request: EvaluationRequest, config: dict[str, Any]) -> dict[tuple[int, int], TrialRecord]:
    """The finished trials of an interrupted run to keep (those that raised run again)."""
    if not request.output.exists():
        return {}
    saved_config, saved = results_read(request.output)
    if not request.resume:
        if results_complete(request.output):
            return {}  # a finished run is simply replaced
        raise ValueError(
            f"{request.output} holds an interrupted run: continue it with --resume, or delete it"
        )
    changed = config_differences(saved_config, config)
    if changed:
        raise ValueError(f"cannot resume {request.output}: the run differs in {', '.join(changed)}")
    wanted = {(index, trial) for index in config["tasks"] for trial in range(request.trials)}
    return {r.key: r for r in saved if r.key in wanted and r.error is None}


def _baseline(request: EvaluationRequest) -> tuple[dict[str, Any], list[TrialRecord]]:
    if request.baseline is None:
        return {}, []
    config, records = results_read(request.baseline)
    if config.get("split") != request.split:
        raise ValueError(f"{request.baseline} is a run on {config.get('split')!r}, not {request.split!r}")
    return config, records
