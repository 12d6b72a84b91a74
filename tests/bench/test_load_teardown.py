"""bench/load.py owns processes; a signal to it must leave none of them running.

The owner here is a small stand-in for load.py built from the same pieces (stop_on_signals, an
ExitStack of teardowns, Topology.spawn/stop, the loopback model process): a redis-server, the
model, and a process that starts a child of its own (so the whole process group must go).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

OWNER = textwrap.dedent(
    """
    import contextlib, json, sys, time
    from pathlib import Path
    sys.path.insert(0, "bench")
    from loadlib.lifecycle import stop_on_signals
    from loadlib.model import LoopbackModelProcess
    from loadlib.topology import Topology, _group_pids, free_port

    with stop_on_signals(), contextlib.ExitStack() as owned:
        model = LoopbackModelProcess(0.0, 0.0, 1)
        owned.callback(model.stop)
        model.start()
        topology = Topology(env=dict(__import__("os").environ), log_dir=Path(sys.argv[1]))
        owned.callback(topology.stop)
        topology.spawn("redis", ["redis-server", "--port", str(free_port()), "--bind", "127.0.0.1",
                                 "--save", "", "--appendonly", "no"])
        topology.spawn("parent", [sys.executable, "-c",
            "import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', "
            "'import time; time.sleep(600)']); time.sleep(600)"])
        deadline = time.monotonic() + 20
        while len(_group_pids(topology.processes["parent"].pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        pids = [model.pid] + [p for proc in topology.processes.values() for p in _group_pids(proc.pid)]
        print(json.dumps(pids), flush=True)
        while True:
            time.sleep(1)
    """
)


def alive(pid: int) -> bool:
    """Running, or stopped but not yet dead (a zombie waiting for its reaper counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server on PATH")
@pytest.mark.parametrize(
    ("signum", "to_group"),
    [
        (signal.SIGTERM, False),
        (signal.SIGHUP, False),
        # Ctrl-C in a terminal: the whole foreground group (the owner and the model) gets it.
        (signal.SIGINT, True),
    ],
)
def test_a_signal_to_the_bench_stops_every_process_it_started(tmp_path, signum, to_group):
    # Given a running owner of a small topology, and the ids of every process it started
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER, str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "SUPPORTAGENT_TEST_PORTS": os.environ.get("SUPPORTAGENT_TEST_PORTS", "")},
    )
    pids: list[int] = []
    try:
        pids = json.loads(owner.stdout.readline())
        assert len(pids) == 4  # model, redis-server, parent and its child
        assert all(alive(pid) for pid in pids)

        # When it is told to stop
        if to_group:
            os.killpg(owner.pid, signum)
        else:
            owner.send_signal(signum)
        code = owner.wait(timeout=60)

        # Then it exits as stopped by that signal, and none of its processes is left
        assert code == 128 + signum
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [pid for pid in pids if alive(pid)] == []
    finally:
        # Whatever a failing run left behind goes, so it does not outlive the test.
        if owner.poll() is None:
            os.killpg(owner.pid, signal.SIGKILL)
            owner.wait()
        for pid in pids:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
