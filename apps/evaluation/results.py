"""The results file: the run's settings, one record per task trial and the summary.

Rewritten after every trial (to a temporary file, then renamed), so an interrupted run leaves a
valid file with `"complete": false` that `--resume` continues from.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .records import TrialRecord

FORMAT = 1


def results_write(
    path: Path,
    *,
    config: dict[str, Any],
    records: Sequence[TrialRecord],
    summary: dict[str, Any] | None = None,
    complete: bool = False,
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    ordered = sorted(records, key=lambda record: record.key)
    body = {
        "format": FORMAT,
        "complete": complete,
        "config": config,
        "summary": summary,
        "records": [record.as_dict() for record in ordered],
    }
    scratch = path.with_name(f".{path.name}.partial")
    scratch.write_text(json.dumps(body, indent=1, ensure_ascii=False) + "\n", "utf-8")
    os.replace(scratch, path)


def results_read(path: Path) -> tuple[dict[str, Any], list[TrialRecord]]:
    """(config, records) of a results file; ValueError if it is not one."""
    try:
        body = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read results from {path}: {exc}") from exc
    if not isinstance(body, dict) or body.get("format") != FORMAT or "records" not in body:
        raise ValueError(f"{path} is not a results file of `manage.py evaluate`")
    return body.get("config") or {}, [TrialRecord.from_dict(record) for record in body["records"]]


def results_complete(path: Path) -> bool:
    """Whether the file holds a run that finished (False for an interrupted one, or no file)."""
    try:
        body = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(body, dict) and bool(body.get("complete"))


def config_differences(saved: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """The settings a resumed run would change, by name."""
    return sorted(key for key in set(saved) | set(current) if saved.get(key) != current.get(key))
