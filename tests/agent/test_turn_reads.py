"""What a turn reads of its conversation: the owed messages in one read, and the recent messages
once, for what came before the customer's message and for every engine's history."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.conversations.models import Message
from tests.agent.scripted import ScriptedModel, call, say


def _message_reads(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith("SELECT") and "conversations_message" in q["sql"]
    ]


def test_a_turn_that_escalates_reads_the_recent_messages_once_for_both_engines(
    signed_in_conversation, say_to, endpoints, route_as
):
    # given an earlier exchange, and a fast tier that escalates to the reasoning tier
    fast = ScriptedModel([say("Hi! How can I help?"), call("escalate", {"reason": "a change"})])
    reasoning = ScriptedModel([say("I can help with that. What is the new address?")])
    endpoints(fast=fast, reasoning=reasoning)
    route_as("lookup")
    say_to(signed_in_conversation, "hello")

    # when the customer writes
    with CaptureQueriesContext(connection) as queries:
        _, report, _ = say_to(signed_in_conversation, "please change my address")

    # then both engines saw the same history, read once with what came before the message
    assert [m.text for m in report.replies] == ["I can help with that. What is the new address?"]
    history = [(m["role"], m["content"]) for m in fast.seen[1][1:]]
    assert history == [
        ("user", "hello"),
        ("assistant", "Hi! How can I help?"),
        ("user", "please change my address"),
    ]
    assert [(m["role"], m["content"]) for m in reasoning.seen[0][1 : len(history) + 1]] == history
    reads = _message_reads(queries)
    # the owed messages with their turn and conversation; the recent messages; the look after
    # letting go (was five: the owed ids, then their rows; the messages before; the history on
    # each of the two engines)
    assert len([r for r in reads if "agent_agentturn" in r]) == 2
    assert len([r for r in reads if "agent_agentturn" not in r]) == 1


def test_a_full_window_with_system_lines_still_gives_the_models_the_last_thirty_others(
    signed_in_conversation, say_to, endpoints, route_as
):
    # given more messages than the window, a system line among the latest
    for n in range(32):
        Message.objects.create(conversation=signed_in_conversation, role="agent", text=f"m{n}")
    Message.objects.create(conversation=signed_in_conversation, role="system", text="note")
    fast = ScriptedModel([say("ok")])
    endpoints(fast=fast)
    route_as("lookup")

    say_to(signed_in_conversation, "last")

    shown = [m["content"] for m in fast.seen[0][1:]]
    assert len(shown) == 30
    assert shown[-1] == "last"
    assert "note" not in shown
