from django.core.management.base import BaseCommand

from apps.tools.services import tools_sync


class Command(BaseCommand):
    help = "Mirror the registered tools into the database so admins can enable, describe and gate them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="overwrite admins' edits with the code defaults"
        )

    def handle(self, *args, **options):
        report = tools_sync(reset=options["reset"])
        self.stdout.write(
            f"Tools: {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.retired)} retired."
        )
        for label, names in (
            ("created", report.created),
            ("updated", report.updated),
            ("retired", report.retired),
        ):
            for name in names:
                self.stdout.write(f"  {label}: {name}")
