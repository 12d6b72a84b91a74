"""The ground an evaluation runs on: a fresh demo store and the run's tier settings, never kept.

Everything happens inside one transaction that is rolled back at the end (as `tau_replay`
does), and each trial inside a savepoint rolled back after it, so every trial starts from the
same store and the database is left exactly as it was. Inside a transaction nothing runs
`on_commit`: turns are driven directly, the way the terminal chat drives them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.test.utils import override_settings

from apps.agent.models import ModelTier
from apps.agent.tiers import tier_get
from apps.commerce.demo import demo_store_read, store_load, store_reset
from apps.core.throttles import throttles_reset

from .inbox import mail_captured

# The tier settings a run may change (`--tier fast.model=llama3.1`): every column of the tier's
# row but its identity.
_FIXED = frozenset({"id", "name", "created_at", "updated_at"})


def overridable() -> list[str]:
    return [f.name for f in ModelTier._meta.concrete_fields if f.name not in _FIXED]


@dataclass(frozen=True)
class TierOverride:
    tier: str
    setting: str
    value: str

    @classmethod
    def parse(cls, text: str) -> TierOverride:
        """'fast.model=gpt-4.1-mini' -> TierOverride('fast', 'model', 'gpt-4.1-mini')."""
        target, equals, value = text.partition("=")
        tier, dot, setting = target.strip().partition(".")
        if not equals or not dot:
            raise ValueError(f"{text!r}: expected TIER.SETTING=VALUE, e.g. fast.model=gpt-4.1-mini")
        if tier not in ModelTier.Name.values:
            raise ValueError(f"{text!r}: the tiers are {', '.join(ModelTier.Name.values)}")
        if setting not in overridable():
            raise ValueError(f"{text!r}: a run can change {', '.join(overridable())}")
        return cls(tier=tier, setting=setting, value=value.strip())

    def as_text(self) -> str:
        return f"{self.tier}.{self.setting}={self.value}"


def offline_overrides() -> list[TierOverride]:
    """Both tiers switched off for the run: the offline engine serves every turn."""
    return [TierOverride(name, "enabled", "false") for name in ModelTier.Name.values]


def tier_overrides_apply(overrides: Sequence[TierOverride]) -> None:
    """Change the tiers' rows for this run (the caller's transaction is rolled back afterwards)."""
    for override in overrides:
        row = tier_get(override.tier)
        field = ModelTier._meta.get_field(override.setting)
        assert isinstance(field, models.Field)  # overridable() lists concrete columns only
        raw: Any = override.value
        if isinstance(field, models.JSONField):
            raw = json.loads(raw or "{}")
        elif isinstance(field, models.BooleanField):
            raw = raw.lower() in {"1", "true", "yes", "on"}
        try:
            value = field.clean(raw, row)
        except ValidationError as exc:
            raise ValueError(f"{override.as_text()}: {' '.join(exc.messages)}") from exc
        setattr(row, override.setting, value)
        row.save()


def store_fresh() -> None:
    """The demo store exactly as shipped, whatever people have done to it since."""
    store_reset()
    store_load(**demo_store_read())


@contextmanager
def run_settings() -> Iterator[None]:
    """The product settings of a run: its chats' rate limits are counted in the run's own
    memory, never in the shared store; and turns hold their lease without a heartbeat. The
    heartbeat renews leases from a thread of its own, on a connection of its own, which can
    neither see the run's uncommitted conversations nor write while the run's transaction
    holds SQLite's write lock: every renewal waited out the database timeout and failed, and
    nobody else can reach the run's conversations anyway."""
    overrides = {"THROTTLE_STORAGE": "memory://", "LEASE_HEARTBEAT": False}
    with override_settings(SUPPORTAGENT={**settings.SUPPORTAGENT, **overrides}):
        yield


@contextmanager
def evaluation_session(overrides: Sequence[TierOverride] = ()) -> Iterator[None]:
    """A fresh store and the run's tier settings, all rolled back when the block ends."""
    with transaction.atomic(), mail_captured(), run_settings():
        try:
            store_fresh()
            tier_overrides_apply(overrides)
            yield
        finally:
            transaction.set_rollback(True)


@contextmanager
def trial_sandbox() -> Iterator[None]:
    """One trial's savepoint: whatever the chat changed is undone when the block ends, and the
    trial's rate-limit counts go with it (ids are reused once a trial is rolled back)."""
    throttles_reset()
    with transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)
