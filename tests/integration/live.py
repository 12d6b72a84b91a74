"""The production topology for tests: daphne and a Celery worker as real processes.

Both run against pytest-django's test database on PostgreSQL and the Redis at REDIS_URL,
with `supportagent.settings.test` and `SUPPORTAGENT_TURN_DISPATCH=celery`, exactly as a
deployment runs them (websockets -> daphne -> channels_redis; turns -> Celery -> the worker).

Use it from a test module (the fixtures are plain pytest fixtures; import them):

    from tests.integration.live import live, live_services  # noqa: F401

    def test_something(live):                  # a transactional test, demo data loaded
        cookie = live.session_cookie("/chat/")  # a visitor's session (the page binds a chat)
        async with live.websocket("/ws/chat/", cookie) as ws: ...

`live_services` (session scope) starts the two processes once per test session, on free
ports, and stops them at the end. `live` (function scope) is what tests ask for: it enables
the transactional database (each test's rows are flushed afterwards, since other processes
must see them committed) and loads the demo store, tools, knowledge, a trained router and
the demo accounts into it when the flush left the database empty.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
STARTUP_SECONDS = 60


def free_port() -> int:
    """A free loopback port: one in SUPPORTAGENT_TEST_PORTS ("19000-19999") when it is set, so
    runs on a shared machine keep to the range they were given; else any the system picks."""
    span = os.environ.get("SUPPORTAGENT_TEST_PORTS", "")
    if span:
        low, high = (int(part) for part in span.split("-", 1))
        for port in random.sample(range(low, high + 1), high - low + 1):
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", port))
                except OSError:
                    continue
                return port
        raise RuntimeError(f"no free port in SUPPORTAGENT_TEST_PORTS={span}")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url_of(settings_dict: dict[str, Any]) -> str:
    """A DATABASE_URL for the database Django is connected to (the test database)."""
    user = urllib.parse.quote(settings_dict.get("USER") or "")
    password = settings_dict.get("PASSWORD") or ""
    credentials = f"{user}:{urllib.parse.quote(password)}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{settings_dict['NAME']}"


@dataclass
class LiveServices:
    host: str
    port: int
    env: dict[str, str]
    log_dir: Path
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    worker_name: str = ""
    _control: Any = None

    @property
    def http_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://{self.host}:{self.port}"

    @property
    def origin(self) -> str:
        return self.http_url

    # Processes.

    def start(self) -> None:
        self.start_worker()
        self.start_daphne()
        deadline = time.monotonic() + STARTUP_SECONDS
        self._wait(deadline, "daphne", self._http_ready)
        self._wait(deadline, "worker", self._worker_ready)

    def start_worker(self, *, wait: bool = False) -> None:
        """The production worker layout: a thread pool (model waits are I/O) with beat alongside
        (the sweeper and the SLA check), as README's "Deployment" describes."""
        self.worker_name = f"live-{uuid.uuid4().hex[:8]}@%h"
        self._spawn(
            "worker",
            [str(BIN / "celery"), "-A", "supportagent", "worker", "-n", self.worker_name, "-l", "info",
             "--pool", "threads", "--concurrency", "16", "--without-gossip", "--without-mingle",
             "--without-heartbeat", "-B", "-s", str(self.log_dir / f"beat-{uuid.uuid4().hex[:6]}")],
        )  # fmt: skip
        if wait:
            self._wait(time.monotonic() + STARTUP_SECONDS, "worker", self._worker_ready)

    def start_daphne(self) -> None:
        self._spawn(
            "daphne",
            [str(BIN / "daphne"), "-b", self.host, "-p", str(self.port), "supportagent.asgi:application"],
        )

    def kill(self, name: str) -> None:
        """kill -9 a process and everything it started (a host lost with its pool)."""
        process = self.processes[name]
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def signal(self, name: str, signum: int) -> None:
        os.killpg(self.processes[name].pid, signum)

    def ensure_running(self) -> None:
        """Bring back any process a fault test stopped, so later tests find the topology whole."""
        if self.processes["worker"].poll() is not None:
            self.start_worker(wait=True)
        if self.processes["daphne"].poll() is not None:
            self.start_daphne()
            self._wait(time.monotonic() + STARTUP_SECONDS, "daphne", self._http_ready)

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for name, process in self.processes.items():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
            self.processes[name] = process

    def logs(self, lines: int = 60) -> str:
        """The tail of each process's output, for a failing test's message."""
        parts = []
        for name in self.processes:
            text = (self.log_dir / f"{name}.log").read_text(errors="replace").splitlines()
            parts.append(f"--- {name} (last {lines} lines) ---\n" + "\n".join(text[-lines:]))
        return "\n".join(parts)

    def _spawn(self, name: str, command: list[str]) -> None:
        log = (self.log_dir / f"{name}.log").open("a")
        self.processes[name] = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def _wait(self, deadline: float, name: str, ready: Any) -> None:
        while time.monotonic() < deadline:
            if self.processes[name].poll() is not None:
                raise RuntimeError(f"{name} exited while starting\n{self.logs()}")
            if ready():
                return
            time.sleep(0.2)
        raise RuntimeError(f"{name} did not become ready in {STARTUP_SECONDS}s\n{self.logs()}")

    def _http_ready(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.http_url}/accounts/login/", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def _worker_ready(self) -> bool:
        from celery import Celery

        if self._control is None:
            # Through this stack's own broker (a fault test may run one on a Redis of its own).
            self._control = Celery("live-control", broker=self.env["REDIS_URL"])
        replies = self._control.control.ping(
            destination=[self.worker_name.replace("%h", socket.gethostname())], timeout=0.5
        )
        return bool(replies)

    # Clients.

    def session_cookie(self, path: str = "/chat/", *, login: tuple[str, str] | None = None) -> str:
        """A Cookie header for a browser session that has opened `path` (signed in first if asked)."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        if login is not None:
            opener.open(f"{self.http_url}/accounts/login/", timeout=10).read()
            token = next(c.value for c in jar if c.name == "csrftoken")
            form = urllib.parse.urlencode({"username": login[0], "password": login[1], "next": path})
            request = urllib.request.Request(
                f"{self.http_url}/accounts/login/",
                data=form.encode(),
                headers={"X-CSRFToken": token, "Referer": f"{self.http_url}/accounts/login/"},
            )
            opener.open(request, timeout=10).read()
        with opener.open(f"{self.http_url}{path}", timeout=10) as response:
            assert response.status == 200, response.status
        return "; ".join(f"{c.name}={c.value}" for c in jar)

    @contextlib.asynccontextmanager
    async def websocket(self, path: str, cookie: str) -> AsyncIterator[Any]:
        """A websocket client (the `websockets` library) on `path`, as the page's browser opens it."""
        from websockets.asyncio.client import connect

        async with connect(
            f"{self.ws_url}{path}", origin=self.origin, additional_headers={"Cookie": cookie}, open_timeout=10
        ) as ws:
            yield ws


def _require_services() -> str:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.fail("live services need DATABASE_URL to point at PostgreSQL (run `make integration`)")
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        pytest.fail("live services need REDIS_URL (run `make integration`)")
    return redis_url


@pytest.fixture(scope="session")
def live_services(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[LiveServices]:
    """daphne and a Celery worker on the test database, for the whole test session."""
    import redis
    from django.db import connection

    redis_url = _require_services()
    # A dedicated Redis database: drop queued turns and channel messages of earlier runs.
    redis.Redis.from_url(redis_url).flushdb()
    with django_db_blocker.unblock():
        _router_snapshot()
        _content_types_snapshot()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "supportagent.settings.test",
        "DATABASE_URL": database_url_of(connection.settings_dict),
        "REDIS_URL": redis_url,
        "SUPPORTAGENT_TURN_DISPATCH": "celery",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONUNBUFFERED": "1",
        # Connections borrowed from a small pool per process (threads share it).
        "DATABASE_POOL_MAX_SIZE": "6",
        "DATABASE_POOL_MIN_SIZE": "1",
        # Short lifecycle periods so fault tests finish in seconds (production: README).
        "SUPPORTAGENT_LEASE_SECONDS": "4",
        "SUPPORTAGENT_SWEEP_SECONDS": "1",
        "SUPPORTAGENT_PENDING_TURN_REDISPATCH_SECONDS": "2",
        # The key a test's loopback model tier names (tests/support/openai_server/).
        "LOOPBACK_MODEL_KEY": "loopback-not-secret",
        # Model tiers may read their key only from allow-listed variables (security issue V5).
        "SUPPORTAGENT_MODEL_KEY_ENVS": "OPENAI_API_KEY,LOOPBACK_MODEL_KEY,LOOPBACK_KEY",
    }
    env.pop("OPENAI_API_KEY", None)  # the offline engine serves, as on a machine with no key
    services = LiveServices(
        host="127.0.0.1", port=free_port(), env=env, log_dir=tmp_path_factory.mktemp("live")
    )
    try:
        services.start()
        yield services
    finally:
        services.stop()


@pytest.fixture
def live(live_services, transactional_db, django_db_blocker) -> Iterator[LiveServices]:
    """The live services with the demo data in the (transactional) test database."""
    live_services.ensure_running()
    _content_types_restore()
    demo_data_ensure()
    yield live_services
    live_services.ensure_running()


_ROUTER_ROWS: list[dict[str, Any]] = []
_CONTENT_TYPE_ROWS: list[dict[str, Any]] = []
_PERMISSION_ROWS: list[dict[str, Any]] = []


def _content_types_snapshot() -> None:
    """The content types and permissions as the live processes first see them.

    A transactional test's flush recreates both with new ids, but daphne and the worker live for
    the whole session and cache content types by id (guardian's object permissions are looked up
    through them): a later test's customer would be refused their own orders. Production never
    renumbers content types under a running process, so the harness puts the first ids back."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    if not _CONTENT_TYPE_ROWS:
        _CONTENT_TYPE_ROWS.extend(ContentType.objects.values("id", "app_label", "model"))
        _PERMISSION_ROWS.extend(Permission.objects.values("id", "content_type_id", "codename", "name"))


def _content_types_restore() -> None:
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    now = set(ContentType.objects.values_list("id", "app_label", "model"))
    if now == {(r["id"], r["app_label"], r["model"]) for r in _CONTENT_TYPE_ROWS}:
        return
    # Right after a flush: nothing refers to them yet but the post_migrate permissions.
    Permission.objects.all().delete()
    ContentType.objects.all().delete()
    ContentType.objects.bulk_create(ContentType(**row) for row in _CONTENT_TYPE_ROWS)
    Permission.objects.bulk_create(Permission(**row) for row in _PERMISSION_ROWS)
    ContentType.objects.clear_cache()


def _router_snapshot() -> None:
    """Keep the session's trained router so a flushed database gets it back without retraining."""
    from apps.routing.models import RouterModel

    if not _ROUTER_ROWS:
        _ROUTER_ROWS.extend(
            RouterModel.objects.values("version", "labels", "artifact", "metrics", "trained_on", "active")
        )


def demo_data_ensure() -> None:
    """Load what `make run` loads, unless it is there (a transactional test's flush empties it)."""
    from apps.accounts.services import demo_accounts_create
    from apps.commerce.demo import demo_store_read, store_load
    from apps.commerce.models import Customer
    from apps.knowledge.services import knowledge_seed
    from apps.routing.models import RouterModel
    from apps.routing.services import router_model_train
    from apps.tools.services import tools_sync

    if not Customer.objects.exists():
        store_load(**demo_store_read())
    tools_sync()
    knowledge_seed()
    if not RouterModel.objects.exists():
        if _ROUTER_ROWS:
            RouterModel.objects.bulk_create(RouterModel(**row) for row in _ROUTER_ROWS)
        else:
            router_model_train(tune=False)
    demo_accounts_create()
