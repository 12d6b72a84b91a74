"""Reads of the router's rows."""

from __future__ import annotations

from datetime import datetime

from apps.routing.dataset import LabelledText
from apps.routing.models import RouterExample, RouterModel


def router_examples_for_split(*, split: str) -> list[LabelledText]:
    """The active examples of one split, oldest first (the order training sees them in)."""
    rows = (
        RouterExample.objects.filter(active=True, split=split)
        .order_by("id")
        .values_list("text", "label", "source", "split")
    )
    return [LabelledText(text, label, source, row_split) for text, label, source, row_split in rows]


def router_model_serving_key() -> tuple[int, datetime] | None:
    """(version, created_at) of the newest active router, or None: one indexed query.

    created_at tells two rows with the same version apart (a version number can come back
    after a rolled-back transaction, as in tests).
    """
    return (
        RouterModel.objects.filter(active=True)
        .order_by("-version")
        .values_list("version", "created_at")
        .first()
    )


def router_model_get(*, version: int) -> RouterModel:
    return RouterModel.objects.get(version=version)
