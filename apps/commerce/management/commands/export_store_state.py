import json
import sys
from decimal import Decimal

from django.core.management.base import BaseCommand

from apps.commerce.selectors import store_state


def _number(value):
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


class Command(BaseCommand):
    help = 'Write the store as JSON in the demo data shape: {"users": ..., "orders": ..., "products": ...}.'

    def add_arguments(self, parser):
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        text = json.dumps(store_state(), default=_number, indent=1, ensure_ascii=False)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
        else:
            sys.stdout.write(text + "\n")
