"""The worker's pool: threads sized for turns that wait on the model (README, "Processes and sizing")."""

from pathlib import Path

import yaml
from django.conf import settings

from supportagent.celery import app

# One thread per open chat a worker serves: a chat has at most one turn in flight (the lease).
# 200 threads left 500 chats' turns queued behind model waits with the worker at a fraction of a core.
OPEN_CHATS_PER_WORKER = 500


def test_a_worker_started_without_flags_runs_turns_on_a_thread_pool_sized_for_the_waiting():
    # given the settings as deployed, when `celery worker` is given no --pool / --concurrency
    # then Celery falls back to these (celery/bin/worker.py reads worker_pool, worker_concurrency)
    assert app.conf.worker_pool == "threads"
    assert app.conf.worker_concurrency >= OPEN_CHATS_PER_WORKER
    assert app.conf.worker_prefetch_multiplier == 1


def test_the_cluster_layout_takes_the_threads_from_the_settings():
    compose = yaml.safe_load((Path(settings.BASE_DIR) / "deploy" / "compose.yaml").read_text())
    worker = compose["services"]["worker"]
    # No --pool / --concurrency pinned on the command line that would override the settings.
    assert "--concurrency" not in worker["command"]
    assert "--pool" not in worker["command"]
    assert int(worker["environment"]["CELERY_WORKER_CONCURRENCY"]) >= OPEN_CHATS_PER_WORKER
