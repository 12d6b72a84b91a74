"""The tasks an evaluation runs and what success means for each.

A task is a tau-bench retail task: the customer (`user_id`), their instruction, the reference
tool calls and the figures the agent must state (`outputs`). Success is judged on the store, not
the wording: the fingerprint after the chat must equal the one the reference calls reach from the
same fresh store, and every required output must appear in the agent's messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from apps.tools.replay import SPLITS, tau_replay, tau_tasks_read

__all__ = ["SPLITS", "EvalTask", "outputs_missing", "reference_fingerprints", "tasks_select"]


@dataclass(frozen=True)
class EvalTask:
    index: int  # position in the split's file, the id reports and --tasks use
    user_id: str
    instruction: str
    actions: tuple[dict[str, Any], ...]
    outputs: tuple[str, ...]

    @classmethod
    def from_tau(cls, index: int, task: dict[str, Any]) -> EvalTask:
        return cls(
            index=index,
            user_id=str(task["user_id"]),
            instruction=str(task["instruction"]),
            actions=tuple(task["actions"]),
            outputs=tuple(str(output) for output in task.get("outputs", ())),
        )

    def as_tau(self) -> dict[str, Any]:
        return {"user_id": self.user_id, "instruction": self.instruction, "actions": list(self.actions)}


def tasks_select(
    split: str, *, indices: Sequence[int] | None = None, limit: int | None = None
) -> list[EvalTask]:
    """The split's tasks, or only those at `indices` (in that order), cut to the first `limit`."""
    raw = tau_tasks_read(split)
    if indices is None:
        chosen = list(range(len(raw)))
    else:
        unknown = [i for i in indices if not 0 <= i < len(raw)]
        if unknown:
            raise ValueError(f"the {split} split has tasks 0..{len(raw) - 1}; no task {unknown[0]}")
        chosen = list(dict.fromkeys(indices))
    if limit is not None:
        chosen = chosen[: max(limit, 0)]
    return [EvalTask.from_tau(i, raw[i]) for i in chosen]


def reference_fingerprints(tasks: Iterable[EvalTask]) -> dict[int, str]:
    """Each task's store fingerprint after its reference calls, from the current store.

    Call it on the fresh store the trials start from; every replay is rolled back.
    """
    listed = list(tasks)
    results = tau_replay([task.as_tau() for task in listed])
    return {task.index: result.hash for task, result in zip(listed, results, strict=True)}


def _normalised(text: str) -> str:
    # As tau-bench compares: case and thousands separators do not matter ("1,234.50" == "1234.50").
    return re.sub(r"\s+", " ", text.lower().replace(",", ""))


def outputs_missing(outputs: Sequence[str], agent_messages: Sequence[str]) -> list[str]:
    """The required outputs that none of the agent's messages states."""
    said = _normalised("\n".join(agent_messages))
    return [output for output in outputs if _normalised(output) not in said]
