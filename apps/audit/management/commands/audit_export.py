import json
import sys

from django.core.management.base import BaseCommand

from apps.audit.models import AuditEvent


class Command(BaseCommand):
    help = "Write audit events as JSON lines (oldest first), with their hashes, for an external archive."

    def add_arguments(self, parser):
        parser.add_argument("--stream", help="only this stream, e.g. conversation:12")
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        events = AuditEvent.objects.order_by("stream", "seq")
        if options["stream"]:
            events = events.filter(stream=options["stream"])
        out = open(options["output"], "w", encoding="utf-8") if options["output"] else sys.stdout  # noqa: SIM115
        try:
            for event in events.iterator():
                row = {
                    "stream": event.stream,
                    "seq": event.seq,
                    "kind": event.kind,
                    "actor": event.actor,
                    "payload": event.payload,
                    "created_at": event.created_at.isoformat(),
                    "prev_hash": event.prev_hash,
                    "hash": event.hash,
                }
                out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        finally:
            if out is not sys.stdout:
                out.close()
