from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.accounts.services import demo_accounts_create


class Command(BaseCommand):
    help = "Create the demo customer, L1 and L2 supervisors and admin, and print their passwords."

    def handle(self, *args, **options):
        if not settings.DEBUG and not options.get("force"):
            raise CommandError("demo accounts have public passwords; run with DEBUG on or --force")
        accounts = demo_accounts_create()
        self.stdout.write("Demo accounts (username / password):")
        for account in accounts:
            self.stdout.write(f"  {account.note:<16} {account.username} / {account.password}")

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="allow outside DEBUG")
