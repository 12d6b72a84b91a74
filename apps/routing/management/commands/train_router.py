import json

from django.core.management.base import BaseCommand

from apps.routing.models import RouterModel
from apps.routing.services import router_model_train


class Command(BaseCommand):
    help = (
        "Train a new router version on the active train-split examples (seeding them first if the "
        "table is empty), score it on the held-out split, and make it the serving version."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="do nothing when a trained router is already serving (for repeatable set-up scripts)",
        )
        parser.add_argument(
            "--no-tune",
            action="store_true",
            help="skip the cross-validation that chooses C and the low-confidence thresholds "
            "(use the defaults; faster)",
        )

    def handle(self, *args, **options):
        if options["if_missing"] and RouterModel.objects.filter(active=True).exists():
            self.stdout.write("Router: a trained version is already serving; nothing to do.")
            return
        model = router_model_train(tune=not options["no_tune"], actor="system:train_router")
        heldout = model.metrics.get("heldout", {})
        tuning = model.metrics.get("tuning", {})
        self.stdout.write(
            f"Router v{model.version}: trained on {model.trained_on} examples in "
            f"{model.metrics.get('train_seconds')}s; held out ({heldout.get('n', 0)}): "
            f"macro-F1 {heldout.get('macro_f1', '-')}, tier accuracy {heldout.get('tier_accuracy', '-')}; "
            f"C={tuning.get('c')}, CV macro-F1 {tuning.get('cv_macro_f1')}; active."
        )
        if options["verbosity"] >= 2:
            self.stdout.write(json.dumps(model.metrics, indent=2, sort_keys=True))
