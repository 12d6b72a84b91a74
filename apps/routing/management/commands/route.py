import json
import sys
from collections.abc import Iterable
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from apps.routing.decisions import route_decide


class Command(BaseCommand):
    help = (
        'Route messages read as JSON lines ({"text": ...}); print one JSON line per message with '
        "its label, tier, scores and classification time. Records nothing in the audit trail."
    )

    def add_arguments(self, parser):
        parser.add_argument("--jsonl", required=True, metavar="FILE", help='input file, or "-" for stdin')

    def handle(self, *args, **options):
        path = options["jsonl"]
        if path == "-":
            self._route_lines(sys.stdin)
            return
        try:
            # Undecodable bytes become U+FFFD: one bad line must not stop the batch.
            source = open(path, encoding="utf-8", errors="replace")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error}") from error
        with source:
            self._route_lines(source)

    def _route_lines(self, lines: Iterable[str]) -> None:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                self.stdout.write(json.dumps(_route_line(line, number), ensure_ascii=False))


def _route_line(line: str, number: int) -> dict[str, Any]:
    """The routing of one input line, or an error that names the line."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        return {"line": number, "error": f"invalid JSON: {error.msg}"}
    text = row.get("text") if isinstance(row, dict) else None
    if not isinstance(text, str):
        return {"line": number, "error": 'expected an object with a string "text"'}
    decision = route_decide(text)
    return {
        "text": text,
        "label": decision.label,
        "tier": decision.tier,
        "scores": decision.scores,
        "micros": decision.micros,
    }
