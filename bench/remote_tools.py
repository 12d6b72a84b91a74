"""The gate's own cost per remote tool call: `tool_execute` on a tool imported from an OpenAPI
document, against the same HTTP request made directly, in one run.

The loyalty service of the tests (tests/support/loyalty_service.py) runs on loopback. For each
call the time spent waiting on the service is measured where the request is made, so the
gate's overhead (parsing, schema check, permission check, binding the customer, the idempotency
row, the audit events, building the request and reading the answer) is the call's total less
that remote time. Printed: p50/p99 of the direct request, of the gated call, and of the
overhead alone, for a read and for a write (a write also stores its idempotency row); and, for
scale, a built-in read tool through the same gate (no network at all).

    .venv/bin/python bench/remote_tools.py                  # SQLite in a temporary directory
    .venv/bin/python bench/remote_tools.py --calls 2000
    DATABASE_URL=postgres://... .venv/bin/python bench/remote_tools.py   # an empty PostgreSQL database
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def figures(label: str, values_ms: list[float]) -> str:
    return f"{label:<44} p50 {percentile(values_ms, 50):7.3f} ms   p99 {percentile(values_ms, 99):7.3f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=500, help="measured calls of each kind")
    parser.add_argument("--warmup", type=int, default=50)
    options = parser.parse_args()

    var = tempfile.mkdtemp(prefix="bench-remote-tools-")
    os.environ.setdefault("SUPPORTAGENT_VAR_DIR", var)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportagent.settings.local")
    os.environ["LOG_LEVEL"] = "WARNING"

    import django

    django.setup()
    import httpx2
    from django.conf import settings
    from django.core.management import call_command

    from apps.accounts.principals import principal_for_customer
    from apps.commerce.demo import demo_store_read, store_load
    from apps.tools.executor import tool_execute
    from apps.tools.services import tools_sync
    from apps.toolsources.models import ArgumentBinding, RemoteTool, ToolSource
    from apps.toolsources.net import remote_seconds_take
    from apps.toolsources.services import source_create, source_import, tool_bind
    from tests.support.loyalty_service import LoyaltyService

    print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}; preparing...", flush=True)
    call_command("migrate", verbosity=0)
    store_load(**demo_store_read())
    tools_sync()

    service = LoyaltyService().start()
    email = "olivia.ito5204@example.com"
    service.balances[email] = 10**9
    settings.SUPPORTAGENT["TOOL_HOSTS"] = [f"127.0.0.1:{service.port}"]
    ToolSource.objects.filter(name="bench").delete()
    source = source_create(name="bench", kind=ToolSource.Kind.OPENAPI, location=f"{service.url}/openapi.json")
    source_import(source=source, operations=["getMember", "redeemPoints"])
    for operation in ("getMember", "redeemPoints"):
        tool = RemoteTool.objects.get(source=source, operation=operation)
        tool_bind(tool=tool, argument="email", source=ArgumentBinding.Source.CUSTOMER_EMAIL)
    principal = principal_for_customer("olivia_ito_3591")
    member_url = f"{service.url}/members/{email}"
    redeem_url = f"{member_url}/redemptions"

    client = httpx2.Client(timeout=10, trust_env=False)  # kept alive, as the gate's own client is

    def direct_read() -> None:
        client.get(member_url, headers={"Accept": "application/json"}).json()

    def direct_write(n: int) -> None:
        client.post(redeem_url, json={"points": 1}, headers={"Idempotency-Key": f"direct-{n}"}).json()

    def gated_read(n: int) -> float:
        observation = tool_execute(principal, "bench_getMember", {})
        assert observation.ok, observation.text
        return remote_seconds_take()

    def gated_write(n: int) -> float:
        arguments = {"body": {"points": 1, "reason": None}}
        observation = tool_execute(principal, "bench_redeemPoints", arguments, conversation="bench", step=n)
        assert observation.ok, observation.text
        return remote_seconds_take()

    step = iter(range(1, 10**9))
    for _ in range(options.warmup):
        direct_read()
        direct_write(next(step))
        gated_read(0)
        gated_write(next(step))

    results: dict[str, list[float]] = {}
    for kind, direct, gated in (("read", direct_read, gated_read), ("write", None, gated_write)):
        direct_ms, total_ms, overhead_ms = [], [], []
        remote_seconds_take()
        for _ in range(options.calls):
            n = next(step)
            started = time.perf_counter()
            direct() if direct is not None else direct_write(n)
            direct_ms.append((time.perf_counter() - started) * 1000)
            n = next(step)
            started = time.perf_counter()
            remote = gated(n)
            elapsed = time.perf_counter() - started
            total_ms.append(elapsed * 1000)
            overhead_ms.append((elapsed - remote) * 1000)
        results[f"{kind}: direct request (httpx2)"] = direct_ms
        results[f"{kind}: through tool_execute, total"] = total_ms
        results[f"{kind}: gate overhead (total - remote time)"] = overhead_ms

    built_in = []
    for _ in range(options.calls):
        started = time.perf_counter()
        observation = tool_execute(principal, "get_user_details", {"user_id": "olivia_ito_3591"})
        built_in.append((time.perf_counter() - started) * 1000)
        assert observation.ok, observation.text
    results["for scale: built-in read through tool_execute"] = built_in

    service.stop()
    print(f"{options.calls} calls of each kind after {options.warmup} warm-up calls; loopback service")
    for label, values in results.items():
        print(figures(label, values))
    for kind in ("read", "write"):
        direct = percentile(results[f"{kind}: direct request (httpx2)"], 50)
        total = percentile(results[f"{kind}: through tool_execute, total"], 50)
        overhead = percentile(results[f"{kind}: gate overhead (total - remote time)"], 50)
        share = overhead / total
        print(f"{kind}: gated/direct p50 ratio {total / direct:.2f}; overhead is {share:.0%} of a gated call")


if __name__ == "__main__":
    main()
