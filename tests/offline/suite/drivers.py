"""The two ways a suite conversation reaches the offline engine: `manage.py chat` with piped
stdin, and the `run_turn` Celery task the web chat uses. Both run the real router, turn
service, guardrails and store; no key is configured, so every tier is the offline engine."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.core.management import call_command

from apps.agent import services
from apps.agent.tasks import run_turn
from apps.commerce.models import Customer
from apps.conversations.models import Conversation, Message
from apps.conversations.services import conversation_start, message_post


@dataclass
class Transcript:
    replies: list[list[str]] = field(default_factory=list)  # per customer turn (the task only)
    output: str = ""  # every agent reply, as printed
    conversation: Conversation | None = None

    @property
    def all_replies(self) -> list[str]:
        return [reply for turn in self.replies for reply in turn]


def through_the_command(monkeypatch, turns: list[str], customer: str | None) -> Transcript:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(turns) + "\n"))
    out = io.StringIO()
    before = Conversation.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    if customer:
        call_command("chat", customer=customer, stdout=out)
    else:
        call_command("chat", anonymous=True, stdout=out)
    conversation = Conversation.objects.filter(pk__gt=before).order_by("pk").first()
    replies = list(
        Message.objects.filter(conversation=conversation, role="agent")
        .order_by("id")
        .values_list("text", flat=True)
    )
    return Transcript(replies=[replies], output=out.getvalue(), conversation=conversation)


def through_the_task(monkeypatch, turns: list[str], customer: str | None) -> Transcript:
    monkeypatch.setattr(services, "status_publish", lambda conversation_id, text, step: None)
    user = Customer.objects.get(email__iexact=customer).user if customer else None
    conversation = conversation_start(user=user, channel=Conversation.Channel.API)
    transcript = Transcript(conversation=conversation)
    for line in turns:
        message, _ = message_post(role="customer", conversation=conversation, text=line, enqueue_turn=False)
        seen = Message.objects.filter(conversation=conversation, role="agent").count()
        run_turn.apply(args=(conversation.pk, message.pk))
        new = Message.objects.filter(conversation=conversation, role="agent").order_by("id")[seen:]
        transcript.replies.append([reply.text for reply in new])
    transcript.output = "\n".join(f"agent: {r}" for r in transcript.all_replies)
    return transcript


DRIVERS = {"manage.py chat": through_the_command, "run_turn task": through_the_task}
