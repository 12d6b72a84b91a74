import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.commerce.demo import demo_store_read, store_load, store_reset
from apps.tools.replay import SPLITS, tau_replay, tau_tasks_read


class Command(BaseCommand):
    help = (
        "Replay tau-bench tasks' reference actions through tool_execute on a fresh demo store and "
        'print one JSON line per task: {"index", "hash", "errors"}. The database is left as it was.'
    )

    def add_arguments(self, parser):
        parser.add_argument("--split", choices=SPLITS, default="train")
        parser.add_argument("--tasks", help="a JSON file of tasks in the tau-bench shape (overrides --split)")
        parser.add_argument(
            "--full-export", action="store_true", help="fingerprint a full export after each task (slower)"
        )

    def handle(self, *args, **options):
        if options["tasks"]:
            try:
                tasks = json.loads(Path(options["tasks"]).read_text("utf-8"))
            except (OSError, ValueError) as exc:
                raise CommandError(f"cannot read tasks from {options['tasks']}: {exc}") from exc
        else:
            tasks = tau_tasks_read(options["split"])
        with transaction.atomic():
            # A fresh store inside a transaction that is rolled back at the end: the replay
            # never disturbs the store people are using.
            store_reset()
            store_load(**demo_store_read())
            for result in tau_replay(tasks, full_export=options["full_export"]):
                self.stdout.write(
                    json.dumps({"index": result.index, "hash": result.hash, "errors": result.errors})
                )
            transaction.set_rollback(True)
