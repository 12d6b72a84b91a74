from pathlib import Path

from django.core.management.base import BaseCommand

from apps.audit.checkpoints import checkpoint_path, checkpoint_write


class Command(BaseCommand):
    help = (
        "Sign every audit stream's head (seq and hash) with a key that is not in the database and "
        "write it to the checkpoint file, or to --output (an export of heads to keep elsewhere)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="where to write the checkpoint (default: the configured file)")

    def handle(self, *args, **options):
        path = Path(options["output"]) if options["output"] else checkpoint_path()
        checkpoint = checkpoint_write(path)
        self.stdout.write(f"Checkpoint of {len(checkpoint['heads'])} stream(s) written to {path}.")
