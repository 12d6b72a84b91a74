"""A terminal chat with the agent: customer lines on stdin, status lines and replies on stdout."""

import sys
import uuid

from django.core.management.base import BaseCommand, CommandError

from apps.agent.services import turn_run
from apps.commerce.models import Customer
from apps.conversations.models import Conversation, Message
from apps.conversations.services import conversation_start, message_post
from apps.core.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Chat with the agent in the terminal. Reads customer lines from stdin (a pipe works as well "
        "as a terminal); prints status lines as '... text' and replies as 'agent: text'."
    )

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--customer", metavar="EMAIL", help="chat signed in as this store customer")
        who.add_argument(
            "--anonymous", action="store_true", help="chat as a visitor the agent must authenticate"
        )

    def handle(self, *args, **options):
        user = None
        if options["customer"]:
            customer = (
                Customer.objects.filter(email__iexact=options["customer"]).select_related("user").first()
            )
            if customer is None:
                raise CommandError(f"no customer has the email {options['customer']!r}")
            user = customer.user
        conversation = conversation_start(user=user, channel=Conversation.Channel.CLI)
        interactive = sys.stdin.isatty()
        if interactive:
            self.stdout.write(f"Conversation {conversation.pk}. Type a message; Ctrl-D to leave.")
        for line in sys.stdin:
            text = line.strip()
            if not text:
                continue
            try:
                message, _ = message_post(
                    conversation=conversation, role=Message.Role.CUSTOMER, text=text, enqueue_turn=False
                )
            except ApplicationError as exc:
                self.stdout.write(f"error: {exc.message}")
                continue
            report = turn_run(
                conversation_id=conversation.pk,
                message_id=message.pk,
                owner=f"cli-{uuid.uuid4()}",
                emit=lambda status, step: self._print(f"... {status}"),
            )
            for reply in report.replies:
                self._print(f"agent: {reply.text}")
            conversation.refresh_from_db()
            if not report.replies and conversation.status != Conversation.Status.ACTIVE:
                self._print("... a member of our team has this conversation; they will reply here")

    def _print(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()
