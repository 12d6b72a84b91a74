"""The two ways a suite conversation reaches the offline engine: `manage.py chat` with piped
stdin, and the `run_turn` Celery task the web chat uses. Both run the real router, turn
service, guardrails and store; no key is configured, so every tier is the offline engine."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core import mail
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


_CODE = re.compile(r"\b(\d{6})\b")


class Mailbox:
    """The customer's email: a one-time code the agent sent since the last look, if any. A
    customer who identifies by email is asked for that code before anything of theirs is shown."""

    def __init__(self) -> None:
        self.seen = len(getattr(mail, "outbox", []))

    def new_code(self) -> str | None:
        outbox = getattr(mail, "outbox", [])
        fresh, self.seen = outbox[self.seen :], len(outbox)
        for message in reversed(fresh):
            found = _CODE.search(message.body)
            if found:
                return found.group(1)
        return None


class _CustomerLines:
    """stdin for `manage.py chat`: the scripted lines, with the emailed code typed first
    whenever one has just arrived."""

    def __init__(self, turns: list[str]) -> None:
        self.turns = list(turns)
        self.mailbox = Mailbox()

    def isatty(self) -> bool:
        return False

    def __iter__(self) -> Iterator[str]:
        for line in self.turns:
            code = self.mailbox.new_code()
            if code:
                yield code + "\n"
            yield line + "\n"
        code = self.mailbox.new_code()
        if code:
            yield code + "\n"


def through_the_command(monkeypatch, turns: list[str], customer: str | None) -> Transcript:
    monkeypatch.setattr("sys.stdin", _CustomerLines(turns))
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
    monkeypatch.setattr(services, "status_publish", lambda *args, **kwargs: None)
    user = Customer.objects.get(email__iexact=customer).user if customer else None
    conversation = conversation_start(user=user, channel=Conversation.Channel.API)
    transcript = Transcript(conversation=conversation)
    mailbox = Mailbox()

    def say(line: str) -> list[str]:
        message, _ = message_post(role="customer", conversation=conversation, text=line, enqueue_turn=False)
        seen = Message.objects.filter(conversation=conversation, role="agent").count()
        run_turn.apply(args=(conversation.pk, message.pk))
        new = Message.objects.filter(conversation=conversation, role="agent").order_by("id")[seen:]
        return [reply.text for reply in new]

    for line in turns:
        replies = say(line)
        code = mailbox.new_code()
        if code:
            # The customer reads the email and types the code; its replies count with this turn.
            replies += say(code)
        transcript.replies.append(replies)
    transcript.output = "\n".join(f"agent: {r}" for r in transcript.all_replies)
    return transcript


DRIVERS = {"manage.py chat": through_the_command, "run_turn task": through_the_task}
