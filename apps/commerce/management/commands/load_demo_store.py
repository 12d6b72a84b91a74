from django.core.management.base import BaseCommand

from apps.commerce.demo import demo_store_read, store_load, store_reset


class Command(BaseCommand):
    help = "Load the demo store (tau-bench retail: 500 customers, 1,000 orders, 50 products). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="delete the current store first and load it fresh"
        )

    def handle(self, *args, **options):
        if options["reset"]:
            store_reset()
        report = store_load(**demo_store_read())
        self.stdout.write(
            f"Demo store: {report.customers} customers, {report.products} products and "
            f"{report.orders} orders created ({report.permissions} object permissions granted)."
        )
