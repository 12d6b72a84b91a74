"""The loopback model both tiers talk to in the load bench, in a process of its own.

Its own process, so its CPU (a thread per request, hundreds of requests waiting at once) is
neither counted as the bench client's nor taken from it; the model time it spent on each
customer message comes back when it stops.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import queue
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support.openai_server import ScriptedOpenAIServer, text, tool_call  # noqa: E402

TOKEN = re.compile(r"\[(c\d+m\d+)\]")


class LoopbackModel:
    """Both tiers on one loopback server; the tier is told by the requested model id. Records
    the simulated model time per customer message (the token the bench puts in each message)."""

    def __init__(self, fast: float, reasoning: float, steps: int) -> None:
        self.fast, self.reasoning, self.steps = fast, reasoning, steps
        self.model_time: dict[str, float] = {}
        self._lock = threading.Lock()
        self.server = ScriptedOpenAIServer(self.reply)

    def reply(self, body: dict[str, Any]) -> Any:
        messages = body.get("messages") or body.get("input") or []
        users = [m for m in messages if isinstance(m, dict) and m.get("role") == "user"]
        last = users[-1].get("content", "") if users else ""
        token = TOKEN.search(last if isinstance(last, str) else json.dumps(last))
        reasoning = "reasoning" in str(body.get("model", ""))
        delay = self.reasoning if reasoning else self.fast
        if token:
            with self._lock:
                self.model_time[token.group(1)] = self.model_time.get(token.group(1), 0.0) + delay
        if not reasoning:
            return text("Happy to help with that. Is there anything else?", delay=delay)
        # Tool results since the customer's last message: how far this transaction has got.
        since = 0
        for m in reversed(messages):
            if isinstance(m, dict) and m.get("role") == "user":
                break
            if isinstance(m, dict) and (m.get("role") == "tool" or m.get("type") == "function_call_output"):
                since += 1
        if since == 0 and self.steps > 1:
            return tool_call("search_knowledge", {"query": "refund cancelled order"}, delay=delay)
        if since < self.steps - 1:
            return tool_call("calculate", {"expression": "19.99 * 2"}, delay=delay)
        return text("I checked our policy for you. Is there anything else I can do?", delay=delay)


def tiers_point_at(env: dict[str, str], base_url: str) -> None:
    """Both tiers served by the loopback model (their key variable names the bench's key)."""
    code = (
        "from apps.agent.models import ModelTier\n"
        "for name in ('fast', 'reasoning'):\n"
        "    ModelTier.objects.update_or_create(name=name, defaults=dict(model='loopback-' + name,"
        f" base_url='{base_url}', api_key_env='LOOPBACK_MODEL_KEY', api='chat_completions',"
        " reasoning_effort='', stream=False, timeout_seconds=60, max_retries=0, enabled=True))\n"
    )
    subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True)


def _serve(fast: float, reasoning: float, steps: int, parent: int, ready: Any, stop: Any, spent: Any) -> None:
    # A Ctrl-C reaches the whole foreground group; the bench stops this process itself, after
    # collecting what it recorded. It also goes if the bench dies without stopping it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    model = LoopbackModel(fast, reasoning, steps)
    model.server.start()
    ready.put(model.server.base_url)
    while not stop.wait(1.0):
        if os.getppid() != parent:
            break
    model.server.stop()
    with model._lock:
        spent.put(dict(model.model_time))


class LoopbackModelProcess:
    """LoopbackModel in a child process: `start()` gives its base URL, `stop()` the model time
    it spent per message token."""

    def __init__(self, fast: float, reasoning: float, steps: int) -> None:
        context = multiprocessing.get_context("spawn")
        self._ready, self._stop, self._spent = context.Queue(), context.Event(), context.Queue()
        self.process = context.Process(
            target=_serve,
            args=(fast, reasoning, steps, os.getpid(), self._ready, self._stop, self._spent),
            daemon=True,
        )
        self.model_time: dict[str, float] = {}

    def start(self) -> str:
        self.process.start()
        return str(self._ready.get(timeout=60))

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def stop(self) -> None:
        if self.process.pid is None or self.process.exitcode is not None:
            return
        self._stop.set()
        try:
            self.model_time = self._spent.get(timeout=30)
        except queue.Empty:
            pass  # it died without reporting: no model time to subtract
        finally:
            self.process.join(10)
            if self.process.is_alive():
                self.process.kill()
                self.process.join(5)
