from django.core.management.base import BaseCommand

from apps.knowledge.services import knowledge_seed


class Command(BaseCommand):
    help = (
        "Load the store policy facts and help articles (apps/knowledge/seed/policy.json). Idempotent: "
        "rows that exist (by fact key or article question) are kept as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="delete every fact and article first (admins' edits included) and load the file fresh",
        )

    def handle(self, *args, **options):
        report = knowledge_seed(reset=options["reset"], actor="system:seed_knowledge")
        self.stdout.write(
            f"Knowledge: {report.facts_created} facts and {report.articles_created} articles created, "
            f"{report.kept} kept, {report.deleted} deleted."
        )
