"""Router fixtures: one router trained per session on the shipped files, stored per test."""

from __future__ import annotations

import pytest

from apps.routing.artifact import artifact_dumps
from apps.routing.cache import router_cache_clear
from apps.routing.dataset import shipped_examples
from apps.routing.models import RouterExample, RouterModel
from apps.routing.training import TrainedRouter, TrainingSet, router_fit


@pytest.fixture(scope="session")
def trained_router() -> TrainedRouter:
    """The full training set without the CV (the CV is exercised on small data elsewhere)."""
    return router_fit(TrainingSet.from_rows(shipped_examples()), tune=False)


@pytest.fixture(autouse=True)
def fresh_router_cache():
    """Each test's database has its own routers; never serve one cached by another test."""
    router_cache_clear()
    yield
    router_cache_clear()


@pytest.fixture
def empty_router_tables(db) -> None:
    """No examples and no routers (the session database comes seeded and trained)."""
    RouterModel.objects.all().delete()
    RouterExample.objects.all().delete()


@pytest.fixture
def stored_router(empty_router_tables, trained_router) -> RouterModel:
    """The session's router stored as the only version, 1."""
    return RouterModel.objects.create(
        version=1,
        labels=list(trained_router.artifact.labels),
        artifact=artifact_dumps(trained_router.artifact),
        metrics={"heldout": {"macro_f1": 0.9}},
        trained_on=trained_router.artifact.info["trained_on"],
    )


@pytest.fixture
def small_examples(empty_router_tables):
    """A few hand-written examples per label, and a couple held out: enough to train in a second."""

    def create(extra: dict[str, list[str]] | None = None) -> None:
        texts = {
            "smalltalk": ["hi", "hello there", "thanks a lot", "good morning", "bye now", "how are you"],
            "faq": [
                "what is your return policy",
                "do you ship abroad",
                "which payment methods do you take",
                "how long do refunds take",
                "can i exchange an item",
                "do you sell gift cards",
            ],
            "lookup": [
                "where is my order",
                "status of order #W1234567",
                "when will my package arrive",
                "is the kettle in stock",
                "what did i order last week",
                "has my refund gone through",
            ],
            "transaction": [
                "cancel my order",
                "i want to return the lamp",
                "change the address on my order",
                "exchange the shirt for a large",
                "refund me for the mug",
                "cancel order #W7654321 please",
            ],
            "complaint": [
                "the vase arrived broken",
                "you charged me twice",
                "my parcel never came and nobody answers",
                "terrible service",
                "the item is not as described",
                "still no refund after a month",
            ],
            "human": [
                "i want a human",
                "get me an agent",
                "let me speak to a person",
                "representative",
                "transfer me to your supervisor",
                "real person please",
            ],
        }
        for label, more in (extra or {}).items():
            texts[label] = texts[label] + more
        RouterExample.objects.bulk_create(
            [
                RouterExample(text=text, label=label, source="own", split="train")
                for label, rows in texts.items()
                for text in rows
            ]
            + [
                RouterExample(text="hey, good evening", label="smalltalk", source="own", split="heldout"),
                RouterExample(
                    text="cancel the blender order", label="transaction", source="own", split="heldout"
                ),
            ]
        )

    return create
