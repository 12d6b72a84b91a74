import json
import sys

from django.core.management.base import BaseCommand, CommandError

from apps.guardrails.check import guard_answer
from apps.guardrails.declared import declared_claims
from apps.guardrails.evidence import ActionRecord, Evidence
from apps.knowledge.selectors import guardrail_policy, knowledge_snapshot


class Command(BaseCommand):
    help = (
        'Check answers with the guardrails. Reads JSON lines {"answer": str, "observations": '
        '[str or object, ...], "actions": [{"name": str, "ok": bool, "arguments": {...}, '
        '"this_turn": bool}, ...], '
        '"claims": [{"kind", "object", "value", "tool_call"}, ...]} and prints one JSON line '
        'each: {"verdict": "pass"|"repair"|"block", "claims": [{"text", "kind", "ok", "evidence"}], '
        '"answer": what the customer would see, "micros"}. Uses the facts in this database.'
    )

    def add_arguments(self, parser):
        parser.add_argument("--jsonl", required=True, help="the input file, or - for standard input")

    def handle(self, *args, **options):
        path = options["jsonl"]
        try:
            stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        knowledge, handoff = knowledge_snapshot(), guardrail_policy().handoff_on_block
        with stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                    answer = row["answer"]
                    if not isinstance(answer, str):
                        raise TypeError("answer must be a string")
                    actions = tuple(
                        ActionRecord(
                            str(a["name"]),
                            bool(a["ok"]),
                            a.get("arguments") if isinstance(a.get("arguments"), dict) else {},
                            bool(a.get("this_turn", True)),
                        )
                        for a in row.get("actions") or []
                    )
                    evidence = Evidence(
                        knowledge=knowledge,
                        observations=tuple(row.get("observations") or []),
                        actions=actions,
                        handoff_on_block=handoff,
                        declared=declared_claims(row.get("claims") or []),
                    )
                except (ValueError, KeyError, TypeError) as exc:
                    self.stdout.write(json.dumps({"line": number, "error": f"{type(exc).__name__}: {exc}"}))
                    continue
                verdict = guard_answer(answer, evidence)
                self.stdout.write(
                    json.dumps(
                        {
                            "verdict": verdict.verdict,
                            "claims": [
                                {"text": c.text, "kind": c.kind, "ok": c.ok, "evidence": c.evidence}
                                for c in verdict.claims
                            ],
                            "answer": verdict.text,
                            "micros": verdict.micros,
                        },
                        ensure_ascii=False,
                    )
                )
