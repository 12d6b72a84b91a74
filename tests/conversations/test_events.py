"""Events published from a turn's thread reach websocket consumers on the embedded default.

The in-memory channel layer's queues belong to the server's event loop; an event put there
from a loop of its own is not noticed until the server loop happens to wake. So a turn
thread hands its events to the server loop.
"""

import asyncio
import threading

from channels.layers import get_channel_layer

from apps.conversations import events


def test_a_status_from_the_turn_thread_is_sent_on_the_server_loop(monkeypatch):
    layer = get_channel_layer()
    sent_from = []
    original = layer.group_send

    async def recording_group_send(group, message):
        sent_from.append(threading.get_ident())
        await original(group, message)

    monkeypatch.setattr(layer, "group_send", recording_group_send)

    async def scenario():
        events.server_loop_bind()
        channel = await layer.new_channel()
        await layer.group_add(events.conversation_group(999), channel)
        # the embedded default runs turns in a background thread of the server process
        threading.Thread(target=events.status_publish, args=(999, "Checking order...", 1)).start()
        return await asyncio.wait_for(layer.receive(channel), timeout=5)

    event = asyncio.run(scenario())

    assert event == {"type": "chat.status", "text": "Checking order...", "step": 1}
    assert sent_from == [threading.main_thread().ident]
