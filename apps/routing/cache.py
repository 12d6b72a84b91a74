"""The serving router, loaded once per process and kept until a different version serves.

Looking up which version serves is one indexed query, done at most every
RECHECK_SECONDS (or when asked), so a classification normally touches no database.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from apps.routing.artifact import artifact_loads
from apps.routing.lean import LeanClassifier
from apps.routing.selectors import router_model_get, router_model_serving_key
from apps.routing.services import router_model_train

logger = logging.getLogger(__name__)

RECHECK_SECONDS: Final = 5.0


@dataclass(frozen=True)
class ServingRouter:
    """A stored router version, loaded and ready to classify."""

    version: int
    created_at: datetime
    classifier: LeanClassifier


class _RouterCache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._serving: ServingRouter | None = None
        self._checked_at = float("-inf")

    def get(self, *, refresh: bool = False) -> ServingRouter:
        serving = self._serving
        if serving is not None and not refresh and time.monotonic() - self._checked_at < RECHECK_SECONDS:
            return serving
        with self._lock:
            key = router_model_serving_key() or _bootstrap()
            serving = self._serving
            if serving is None or (serving.version, serving.created_at) != key:
                serving = _load(version=key[0])
                self._serving = serving
            self._checked_at = time.monotonic()
            return serving

    def clear(self) -> None:
        with self._lock:
            self._serving = None
            self._checked_at = float("-inf")


def _load(*, version: int) -> ServingRouter:
    row = router_model_get(version=version)
    classifier = LeanClassifier(artifact_loads(bytes(row.artifact)))
    logger.info("router v%s loaded (%s labels)", row.version, len(classifier.labels))
    return ServingRouter(row.version, row.created_at, classifier)


def _bootstrap() -> tuple[int, datetime]:
    """Train and store a first router so a fresh install routes at all."""
    logger.warning("no trained router in the database: training one now (run `manage.py train_router`)")
    router_model_train(tune=False, actor="router:bootstrap")
    key = router_model_serving_key()
    if key is None:
        raise RuntimeError("could not train a router")
    return key


_cache = _RouterCache()


def serving_router(*, refresh: bool = False) -> ServingRouter:
    """The router to classify with; `refresh` checks the database for a new version now."""
    return _cache.get(refresh=refresh)


def router_cache_clear() -> None:
    """Forget the loaded router (tests; after replacing models by hand)."""
    _cache.clear()
