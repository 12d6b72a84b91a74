"""Writes: seeding router examples, training a router version, choosing the serving one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Count, Max

from apps.audit.models import AuditEvent
from apps.audit.services import audit_record
from apps.routing.artifact import artifact_dumps
from apps.routing.dataset import (
    DATA_DIR,
    SOURCE_BITEXT,
    SOURCE_CLINC150,
    SOURCE_OWN,
    SPLIT_HELDOUT,
    shipped_examples,
)
from apps.routing.models import RouterExample, RouterModel
from apps.routing.selectors import router_examples_for_split

if TYPE_CHECKING:
    from apps.routing.training import TrainedRouter

SHIPPED_SOURCES = (SOURCE_OWN, SOURCE_BITEXT, SOURCE_CLINC150)
_MAX_VERSION_ATTEMPTS = 5


@dataclass(frozen=True)
class SeedReport:
    created: int
    counts: dict[tuple[str, str, str], int]  # (source, split, label) -> rows in the table


@transaction.atomic
def router_examples_seed(*, reset: bool = False, data_dir: Path = DATA_DIR) -> SeedReport:
    """Store the shipped examples; rows already there (same text and source) stay as they are.

    `reset` first deletes the rows of the shipped sources, so admins' edits to them are
    undone; examples added in the admin (other sources) are kept.
    """
    if reset:
        RouterExample.objects.filter(source__in=SHIPPED_SOURCES).delete()
    before = RouterExample.objects.count()
    RouterExample.objects.bulk_create(
        [
            RouterExample(text=row.text, label=row.label, source=row.source, split=row.split)
            for row in shipped_examples(data_dir)
        ],
        batch_size=500,
        ignore_conflicts=True,
    )
    counts = {
        (row["source"], row["split"], row["label"]): row["n"]
        for row in RouterExample.objects.values("source", "split", "label").annotate(n=Count("id"))
    }
    return SeedReport(created=RouterExample.objects.count() - before, counts=counts)


def router_model_train(*, tune: bool = True, actor: str = "system") -> RouterModel:
    """Train on the active train-split examples, score on the held-out ones, store as active.

    Seeds the shipped examples first when the table is empty.
    """
    # Imported here: only training needs scikit-learn, and web processes import this module.
    from apps.routing.training import TrainingSet, router_fit

    if not RouterExample.objects.exists():
        router_examples_seed()
    training_set = TrainingSet.from_rows(router_examples_for_split(split="train"))
    trained = router_fit(training_set, tune=tune)
    metrics = router_heldout_metrics(trained)
    return _router_model_store(trained, metrics=metrics, actor=actor)


def router_heldout_metrics(trained: TrainedRouter) -> dict[str, object]:
    """The held-out report plus how the model was tuned, as stored in RouterModel.metrics."""
    from apps.routing.evaluation import routing_report
    from apps.routing.training import predict_proba_batch

    heldout = router_examples_for_split(split=SPLIT_HELDOUT)
    report: dict[str, object] = {"n": 0}
    if heldout:
        texts = [row.text for row in heldout]
        report = routing_report(
            texts,
            [row.label for row in heldout],
            predict_proba_batch(trained.pipeline, texts),
            trained.artifact.labels,
            trained.artifact.thresholds,
        )
    return {"heldout": report, "tuning": trained.tuning.as_dict(), "train_seconds": round(trained.seconds, 1)}


def _router_model_store(trained: TrainedRouter, *, metrics: dict[str, object], actor: str) -> RouterModel:
    artifact = artifact_dumps(trained.artifact)
    for _ in range(_MAX_VERSION_ATTEMPTS):
        try:
            with transaction.atomic():
                version = (RouterModel.objects.aggregate(top=Max("version"))["top"] or 0) + 1
                model = RouterModel.objects.create(
                    version=version,
                    labels=list(trained.artifact.labels),
                    artifact=artifact,
                    metrics=metrics,
                    trained_on=int(trained.artifact.info.get("trained_on", 0)),
                    active=True,
                )
                audit_record(
                    kind=AuditEvent.Kind.MODEL,
                    actor=actor,
                    payload={
                        "router_version": version,
                        "action": "trained",
                        "trained_on": model.trained_on,
                        "heldout_macro_f1": _heldout(metrics).get("macro_f1"),
                        "heldout_tier_accuracy": _heldout(metrics).get("tier_accuracy"),
                    },
                )
                return model
        except IntegrityError:
            # Another process stored the same version number first; take the next one.
            continue
    raise RuntimeError("could not store a new router version: too much contention")


@transaction.atomic
def router_model_activate(*, version: int, actor: str) -> RouterModel:
    """Serve this version: it becomes the only active router."""
    model = RouterModel.objects.select_for_update().get(version=version)
    RouterModel.objects.exclude(pk=model.pk).filter(active=True).update(active=False)
    if not model.active:
        model.active = True
        model.save(update_fields=["active"])
    audit_record(
        kind=AuditEvent.Kind.MODEL,
        actor=actor,
        payload={"router_version": version, "action": "activated"},
    )
    return model


def _heldout(metrics: dict[str, object]) -> dict[str, object]:
    heldout = metrics.get("heldout")
    return heldout if isinstance(heldout, dict) else {}
