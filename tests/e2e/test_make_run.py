"""`make run`, the README's first command, really serves the platform, and can be run twice."""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode()


def serve_once(var_dir: Path) -> tuple[str, dict[str, tuple[int, str]]]:
    port = free_port()
    env = {**os.environ, "SUPPORTAGENT_VAR_DIR": str(var_dir), "PORT": str(port)}
    for name in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)  # the embedded default, as a new user has it
    process = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    pages: dict[str, tuple[int, str]] = {}
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and process.poll() is None:
            try:
                pages["/admin/login/"] = get(f"http://127.0.0.1:{port}/admin/login/")
                break
            except OSError:
                time.sleep(0.5)
        if "/admin/login/" in pages:
            pages["/"] = get(f"http://127.0.0.1:{port}/")
            pages["/static/css/site.css"] = get(f"http://127.0.0.1:{port}/static/css/site.css")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    return output, pages


@pytest.mark.skipif(os.environ.get("SUPPORTAGENT_SKIP_MAKE_RUN") == "1", reason="disabled by environment")
def test_make_run_serves_the_demo_and_works_twice(tmp_path):
    output, pages = serve_once(tmp_path)
    assert pages.get("/admin/login/", (0,))[0] == 200, output[-3000:]
    assert "500 customers, 50 products and 1000 orders created" in output
    assert "olivia_ito_3591 / demo-customer" in output
    assert "supervisor1 / demo-supervisor1" in output
    assert "admin / demo-admin" in output
    assert "supportagent" in pages["/"][1]
    assert pages["/static/css/site.css"][0] == 200

    again, pages = serve_once(tmp_path)
    assert pages.get("/admin/login/", (0,))[0] == 200, again[-3000:]
    assert "0 customers, 0 products and 0 orders created" in again
