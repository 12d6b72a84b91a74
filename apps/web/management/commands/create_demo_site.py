"""Set up the demo shop's embed site (`make run` calls it), so /embed/demo/ shows the chat embedded."""

from django.core.management.base import BaseCommand

from apps.conversations.models import EmbedSite
from apps.web.embed_views import DEMO_SITE_KEY


class Command(BaseCommand):
    help = "Create or update the embed site of the demo shop page, allowed on the given origins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--origin",
            action="append",
            default=[],
            help="an origin that may frame the chat (repeatable; default: 127.0.0.1:8000, localhost:8000)",
        )

    def handle(self, *args, origin, **options):
        origins = origin or ["http://127.0.0.1:8000", "http://localhost:8000"]
        site, created = EmbedSite.objects.update_or_create(
            key=DEMO_SITE_KEY,
            defaults={"name": "Demo shop", "allowed_origins": "\n".join(origins), "active": True},
        )
        self.stdout.write(
            f"{'created' if created else 'updated'} embed site {site.key}: {', '.join(origins)}"
        )
