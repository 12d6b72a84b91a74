from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.audit.checkpoints import checkpoint_breaks, checkpoint_path, checkpoint_read
from apps.audit.models import AuditEvent
from apps.audit.services import audit_chain_breaks, audit_streams


class Command(BaseCommand):
    help = "Check that every audit stream's hash chain is intact; exits non-zero on the first broken stream."

    def add_arguments(self, parser):
        parser.add_argument("--stream", help="check only this stream, e.g. conversation:12")
        parser.add_argument(
            "--checkpoint",
            help="a signed checkpoint to compare with (default: the configured checkpoint file, if any)",
        )

    def handle(self, *args, **options):
        streams = [options["stream"]] if options["stream"] else audit_streams()
        broken = [problem for stream in streams for problem in audit_chain_breaks(stream=stream)]
        path = Path(options["checkpoint"]) if options["checkpoint"] else checkpoint_path()
        checkpoint = checkpoint_read(path)
        if checkpoint is not None:
            only = [options["stream"]] if options["stream"] else None
            broken += list(checkpoint_breaks(checkpoint, streams=only))
        elif options["checkpoint"]:
            raise CommandError(f"no checkpoint at {path}")
        for problem in broken:
            self.stdout.write(f"BROKEN {problem}")
        if broken:
            raise CommandError(f"{len(broken)} break(s) in the audit trail")
        events = AuditEvent.objects.filter(stream__in=streams).count()
        self.stdout.write(f"Audit trail intact: {len(streams)} stream(s), {events} event(s).")
