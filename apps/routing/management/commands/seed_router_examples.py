from django.core.management.base import BaseCommand

from apps.routing.labels import LABELS
from apps.routing.services import router_examples_seed


class Command(BaseCommand):
    help = (
        "Load the router's shipped examples (apps/routing/data): our own train and held-out "
        "splits, bitext and clinc150 small talk mapped to our labels. Idempotent: rows that exist "
        "(same text and source) are kept as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="delete the rows of the shipped sources first (undoing admins' edits to them); "
            "examples added in the admin are kept",
        )

    def handle(self, *args, **options):
        report = router_examples_seed(reset=options["reset"])
        total = sum(report.counts.values())
        self.stdout.write(f"Router examples: {report.created} created, {total} in the table.")
        header = " ".join(f"{label:>11}" for label in (*LABELS, "total"))
        self.stdout.write(f"  {'source':<10} {'split':<8} {header}")
        for source, split in sorted({(source, split) for source, split, _ in report.counts}):
            counts = [report.counts.get((source, split, label), 0) for label in LABELS]
            cells = " ".join(f"{count:>11}" for count in (*counts, sum(counts)))
            self.stdout.write(f"  {source:<10} {split:<8} {cells}")
