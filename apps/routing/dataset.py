"""The router's shipped data files, read into labelled rows (no database).

`seed_router_examples` stores these rows and the bench trains on them directly, so both
see exactly the same training set.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from apps.routing.labels import LABELS

DATA_DIR: Final = Path(__file__).resolve().parent / "data"

SOURCE_OWN: Final = "own"
SOURCE_BITEXT: Final = "bitext"
SOURCE_CLINC150: Final = "clinc150"
SPLIT_TRAIN: Final = "train"
SPLIT_HELDOUT: Final = "heldout"
MAX_TEXT_LENGTH: Final = 1000  # RouterExample.text


@dataclass(frozen=True)
class LabelledText:
    """One message with its label, where it came from, and whether we may train on it."""

    text: str
    label: str
    source: str
    split: str = SPLIT_TRAIN


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSON-lines file, skipping blank lines."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def read_mapping(data_dir: Path = DATA_DIR) -> dict[str, dict[str, str | None]]:
    """Upstream intent -> our label (or None: leave the row out), per dataset."""
    with (data_dir / "mapping.json").open(encoding="utf-8") as handle:
        mapping: dict[str, dict[str, str | None]] = json.load(handle)
    return mapping


def shipped_examples(data_dir: Path = DATA_DIR) -> list[LabelledText]:
    """Every row the seed command stores, in file order, unique by (text, source)."""
    mapping = read_mapping(data_dir)
    rows: list[LabelledText] = []
    rows += [
        LabelledText(row["text"], row["label"], SOURCE_OWN, SPLIT_TRAIN)
        for row in read_jsonl(data_dir / "examples.jsonl")
    ]
    rows += [
        LabelledText(row["text"], row["label"], SOURCE_OWN, SPLIT_HELDOUT)
        for row in read_jsonl(data_dir / "heldout.jsonl")
    ]
    rows += _mapped(data_dir / "bitext" / "bitext_4514.jsonl", "label", mapping["bitext"], SOURCE_BITEXT)
    rows += _mapped(
        data_dir / "clinc150" / "small_talk.jsonl", "intent", mapping["clinc150"], SOURCE_CLINC150
    )
    return _unique(rows)


def _mapped(path: Path, field: str, mapping: dict[str, str | None], source: str) -> list[LabelledText]:
    rows = []
    for row in read_jsonl(path):
        label = mapping.get(row[field])
        if label is not None:
            rows.append(LabelledText(row["text"], label, source, SPLIT_TRAIN))
    return rows


def _unique(rows: list[LabelledText]) -> list[LabelledText]:
    """Keep the first row of each (text, source), as the database's unique constraint does."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for row in rows:
        if row.label not in LABELS:
            raise ValueError(f"{row.source} row {row.text!r} has an unknown label {row.label!r}")
        text = row.text.strip()[:MAX_TEXT_LENGTH]
        if not text or (text, row.source) in seen:
            continue
        seen.add((text, row.source))
        unique.append(LabelledText(text, row.label, row.source, row.split))
    return unique
