from django.core.management.base import BaseCommand

from apps.knowledge.services import PriceSyncReport, knowledge_seed, product_price_facts_sync


class Command(BaseCommand):
    help = (
        "Load the store policy facts and help articles (apps/knowledge/seed/policy.json) and mirror "
        "the store's variant prices as facts. Idempotent: policy rows that exist (by fact key or "
        "article question) are kept as they are; price facts are made to match the store."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="delete every policy fact and article first (admins' edits included), then load the file",
        )
        parser.add_argument(
            "--prices-only",
            action="store_true",
            help="only sync the product price facts with the store (after prices changed outside the admin)",
        )

    def handle(self, *args, **options):
        prices: PriceSyncReport | None
        if options["prices_only"]:
            prices = product_price_facts_sync(actor="system:seed_knowledge")
        else:
            report = knowledge_seed(reset=options["reset"], actor="system:seed_knowledge")
            prices = report.prices
            self.stdout.write(
                f"Knowledge: {report.facts_created} facts and {report.articles_created} articles created, "
                f"{report.kept} kept, {report.deleted} deleted."
            )
        if prices is not None:
            self.stdout.write(
                f"Price facts: {prices.created} created, {prices.updated} updated, {prices.deleted} deleted."
            )
