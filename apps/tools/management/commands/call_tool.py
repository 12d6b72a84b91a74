import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from apps.accounts.principals import principal_for_user
from apps.tools.executor import tool_execute


class Command(BaseCommand):
    help = (
        "Run one tool call through tool_execute as a user (schema, permission, idempotency and audit "
        "all apply) and print the observation as JSON: ok, text, data, error_code."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="the tool's name")
        parser.add_argument(
            "--as", dest="username", required=True, help="whose permissions the call runs with"
        )
        parser.add_argument("--args", dest="arguments", default="{}", help="the arguments as a JSON object")
        parser.add_argument(
            "--conversation", default=None, help="a conversation id (makes the call idempotent)"
        )
        parser.add_argument("--step", type=int, default=None, help="the step number within the conversation")

    def handle(self, *args, name, username, arguments, conversation, step, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {username!r}")
        if (conversation is None) != (step is None):
            raise CommandError("--conversation and --step go together")
        observation = tool_execute(
            principal_for_user(user), name, arguments, conversation=conversation, step=step
        )
        self.stdout.write(
            json.dumps(
                {
                    "ok": observation.ok,
                    "text": observation.text,
                    "data": observation.data,
                    "error_code": observation.error_code,
                },
                ensure_ascii=False,
            )
        )
        if not observation.ok:
            raise CommandError(f"the call failed: {observation.error_code}")
