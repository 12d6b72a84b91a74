"""daphne's cost per channel-layer event delivered to a socket, with and without Channels' hop.

Channels' `AsyncConsumer.dispatch` closes the shared sync thread's stale database connections
(a hop to that thread) before every frame and every event; `PooledDatabaseConsumer`
(apps/web/consumers/common.py) dispatches without it. This puts N sockets in one group on the
in-memory channel layer, publishes E status events to the group, and reports the process's CPU
time and the wall time per delivered event for each. CPU time, not wall time, so other work on
a shared machine disturbs it less (repeat it; the load average is printed).

    .venv/bin/python bench/consumer_dispatch.py --sockets 100 --events 50
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportagent.settings.test")

import django  # noqa: E402

django.setup()

from channels.generic.websocket import AsyncJsonWebsocketConsumer  # noqa: E402
from channels.layers import get_channel_layer  # noqa: E402
from channels.testing import WebsocketCommunicator  # noqa: E402

from apps.web.consumers.common import PooledDatabaseConsumer  # noqa: E402

GROUP = "bench.dispatch"


class StatusRelay:
    """What ChatConsumer does with a status line: forward it to the socket as a frame."""

    async def connect(self) -> None:
        await self.channel_layer.group_add(GROUP, self.channel_name)  # type: ignore[attr-defined]
        await self.accept()  # type: ignore[attr-defined]

    async def chat_status(self, event: dict[str, Any]) -> None:
        await self.send_json({"type": "status", "text": event["text"], "step": event["step"]})  # type: ignore[attr-defined]


class WithHop(StatusRelay, AsyncJsonWebsocketConsumer):
    pass


class WithoutHop(StatusRelay, PooledDatabaseConsumer):
    pass


async def deliver(consumer: type, sockets: int, events: int) -> tuple[float, float]:
    """CPU seconds and wall seconds to deliver `events` events to each of `sockets` sockets."""
    layer = get_channel_layer()
    clients = [WebsocketCommunicator(consumer.as_asgi(), "/ws/bench/") for _ in range(sockets)]
    for client in clients:
        connected, _ = await client.connect()
        assert connected
    cpu, wall = time.process_time(), time.perf_counter()
    for step in range(events):
        await layer.group_send(GROUP, {"type": "chat.status", "text": "Thinking...", "step": step})
        for client in clients:
            await client.receive_json_from(timeout=30)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    for client in clients:
        await client.disconnect()
    return cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sockets", type=int, default=100)
    parser.add_argument("--events", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print("load average (1, 5, 15 min): " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    delivered = args.sockets * args.events
    results: dict[str, list[tuple[float, float]]] = {"with the hop": [], "without": []}
    for _ in range(args.rounds):
        for name, consumer in (("with the hop", WithHop), ("without", WithoutHop)):
            results[name].append(asyncio.run(deliver(consumer, args.sockets, args.events)))
    print(f"{args.sockets} sockets x {args.events} events, {args.rounds} rounds (best, median):")
    for name, runs in results.items():
        cpu = sorted(c / delivered * 1e6 for c, _ in runs)
        wall = sorted(w / delivered * 1e6 for _, w in runs)
        print(
            f"  {name:13} CPU {cpu[0]:6.0f} / {cpu[len(cpu) // 2]:6.0f} us per event delivered, "
            f"wall {wall[0]:6.0f} / {wall[len(wall) // 2]:6.0f} us"
        )
    print("load average (1, 5, 15 min): " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
