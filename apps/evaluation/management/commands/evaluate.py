"""`manage.py evaluate`: tau-bench-style end-to-end runs of the agent on the retail tasks."""

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.core.conf import product_setting
from apps.evaluation.customer import MODEL, SCRIPTED, CustomerConfig
from apps.evaluation.report import render_table
from apps.evaluation.services import EvaluationInterrupted, EvaluationRequest, evaluation_run
from apps.evaluation.session import TierOverride, offline_overrides
from apps.evaluation.tasks import SPLITS


def _indices(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError as exc:
        raise CommandError(
            f"--tasks takes task numbers separated by commas, e.g. 0,3,7; not {text!r}"
        ) from exc


class Command(BaseCommand):
    help = (
        "Evaluate the agent end to end on tau-bench retail tasks: a simulated customer chats with it "
        "through the real turn pipeline; a trial succeeds when the store ends exactly as the task's "
        "reference calls leave it and the agent said every required output. Writes a JSON file (one "
        "record per task trial) and prints a table; the last lines are pass^1 X/Y, then pass^k. "
        "The database is left as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("--split", choices=SPLITS, default="train")
        parser.add_argument("--tasks", type=_indices, help="task numbers in the split, e.g. 0,3,7")
        parser.add_argument("--limit", type=int, help="only the first N of the tasks chosen")
        parser.add_argument("--trials", type=int, default=1, help="trials per task, for pass^k (default 1)")
        parser.add_argument(
            "--user",
            choices=[SCRIPTED, MODEL],
            help="who plays the customer: the rule-based customer, or a model (default: a model when "
            "its key variable is set, else the rule-based customer)",
        )
        parser.add_argument("--user-model", default=product_setting("EVALUATION_USER_MODEL"))
        parser.add_argument("--user-base-url", default=product_setting("EVALUATION_USER_BASE_URL"))
        parser.add_argument(
            "--user-key-env",
            default=product_setting("EVALUATION_USER_KEY_ENV"),
            help="name of the environment variable holding the customer model's key",
        )
        parser.add_argument(
            "--tier",
            action="append",
            default=[],
            metavar="TIER.SETTING=VALUE",
            help="change a model tier for this run only, e.g. fast.model=gpt-4.1-mini or "
            "reasoning.base_url=http://localhost:8000/v1 (repeatable)",
        )
        parser.add_argument(
            "--offline", action="store_true", help="serve every tier with the offline engine for this run"
        )
        parser.add_argument(
            "--all-reasoning",
            action="store_true",
            help="send every turn the router does not give to a person to the reasoning tier",
        )
        parser.add_argument(
            "--baseline", type=Path, help="results of an --all-reasoning run: report this run's saving"
        )
        parser.add_argument("--concurrency", type=int, default=1, help="worker processes (SQLite only)")
        parser.add_argument("--seed", type=int, default=0, help="varies the customers' wording per trial")
        parser.add_argument(
            "--max-turns", type=int, default=20, help="customer messages before a chat is cut"
        )
        parser.add_argument("--output", type=Path, help="results file (default: var/evaluations/...)")
        parser.add_argument("--resume", action="store_true", help="continue the interrupted run in --output")
        progress = parser.add_mutually_exclusive_group()
        progress.add_argument("--progress", dest="progress", action="store_true", default=None)
        progress.add_argument("--no-progress", dest="progress", action="store_false")

    def handle(self, *args, **options):
        for name in ("trials", "concurrency", "max_turns"):
            if options[name] < 1:
                raise CommandError(f"--{name.replace('_', '-')} must be at least 1")
        if options["resume"] and options["output"] is None:
            raise CommandError("--resume needs the --output of the run to continue")
        request = self._request(options)
        progress = options["progress"]
        if progress is None:
            progress = sys.stderr.isatty()
        self.stdout.write(
            f"Evaluating {request.split}: customer {request.customer.kind}"
            + (f" ({request.customer.model})" if request.customer.kind == MODEL else "")
            + (", all turns on the reasoning tier" if request.all_reasoning else ", routed")
            + (", offline engine" if options["offline"] else "")
        )
        try:
            outcome = evaluation_run(request, progress=sys.stderr if progress else None)
        except EvaluationInterrupted as exc:
            raise CommandError(
                f"{exc}; continue with --resume --output {request.output}", returncode=130
            ) from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        summary = outcome.summary
        self.stdout.write(
            f"results: {request.output} ({summary.trials} task trials"
            + (f", {outcome.resumed} from the interrupted run" if outcome.resumed else "")
            + f", {outcome.seconds:.0f} s)"
        )
        title = (
            f"{request.split}: {summary.tasks} task(s) x {request.trials} trial(s), customer "
            f"{request.customer.kind}, {'all-reasoning' if request.all_reasoning else 'routed'}"
        )
        self.stdout.write(render_table(summary, title=title))

    def _request(self, options) -> EvaluationRequest:
        try:
            overrides = [TierOverride.parse(text) for text in options["tier"]]
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if options["offline"]:
            overrides = offline_overrides() + overrides
        kind = options["user"] or (MODEL if os.environ.get(options["user_key_env"]) else SCRIPTED)
        if kind == MODEL and not os.environ.get(options["user_key_env"]):
            raise CommandError(f"--user model needs the customer model's key in ${options['user_key_env']}")
        output = options["output"] or (
            Path(settings.VAR_DIR)
            / "evaluations"
            / f"{options['split']}-{datetime.now(UTC).strftime('%Y%m%d-%H%M%S')}.json"
        )
        return EvaluationRequest(
            split=options["split"],
            output=output,
            task_indices=options["tasks"],
            limit=options["limit"],
            trials=options["trials"],
            customer=CustomerConfig(
                kind=kind,
                model=options["user_model"] if kind == MODEL else "",
                base_url=options["user_base_url"] if kind == MODEL else "",
                key_env=options["user_key_env"] if kind == MODEL else "",
                seed=options["seed"],
            ),
            all_reasoning=options["all_reasoning"],
            overrides=tuple(overrides),
            max_turns=options["max_turns"],
            concurrency=options["concurrency"],
            resume=options["resume"],
            baseline=options["baseline"],
        )
