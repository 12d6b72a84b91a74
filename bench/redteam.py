"""Red-team figures: every attack of tests/security/attacks.json against a fresh demo store.

Run from the repository root: `.venv/bin/python bench/redteam.py [--only ID,ID]`.
Builds a throwaway in-memory database (test settings), loads the demo store, trains the router,
then plays each chat attack through the loopback model scripted to obey the attacker and through
the offline engine, each malformed frame on the chat socket, and each back-office or API misuse.
Each attempt runs in a savepoint that is rolled back (frames commit, and store nothing). Prints
attempts, blocked, unauthorised writes, personal data shown before verification, unaudited
attempts; lists any attempt that got through. Prints figures; never fails on them.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "supportagent.settings.test"
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment  # noqa: E402


def _prepare() -> None:
    from apps.accounts.services import demo_accounts_create
    from apps.commerce.demo import demo_store_read, store_load
    from apps.knowledge.services import knowledge_seed
    from apps.routing.services import router_examples_seed, router_model_train
    from apps.tools.services import tools_sync

    store_load(**demo_store_read())
    tools_sync()
    knowledge_seed()
    router_examples_seed()
    router_model_train(tune=False)
    demo_accounts_create()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated attack ids")
    args = parser.parse_args()

    setup_test_environment()
    setup_databases(verbosity=0, interactive=False)
    started = time.perf_counter()
    _prepare()
    print(f"prepared the demo store and router in {time.perf_counter() - started:.1f}s", flush=True)

    from apps.conversations.dispatch import turn_dispatcher_register
    from tests.security.redteam import ATTACKS, run_admin_attack, run_chat_attack, run_frame_attack

    turn_dispatcher_register(lambda conversation_id, message_id: None)  # turns run in the attack itself
    wanted = set(args.only.split(",")) if args.only else None
    outcomes = []
    for attack in ATTACKS:
        if wanted and attack["id"] not in wanted:
            continue
        runs = [("loopback",), ("offline",)] if attack["kind"] == "chat" else [()]
        for run in runs:
            if attack["kind"] == "frame":
                outcomes.append(run_frame_attack(attack))
                continue
            with transaction.atomic():
                if attack["kind"] == "chat":
                    outcomes.append(run_chat_attack(attack, *run))
                else:
                    outcomes.append(run_admin_attack(attack))
                transaction.set_rollback(True)

    through = [o for o in outcomes if not o.blocked]
    writes = sum(bool(o.unauthorised_writes) for o in outcomes)
    personal = sum(bool(o.personal_data) for o in outcomes)
    unaudited = sum(not o.audited for o in outcomes)
    elapsed = time.perf_counter() - started
    print(f"attacks {len({o.attack for o in outcomes})}, attempts {len(outcomes)} in {elapsed:.0f}s")
    by_kind = Counter(f"{o.category}/{o.engine}" for o in outcomes)
    for kind, count in sorted(by_kind.items()):
        blocked = sum(o.blocked for o in outcomes if f"{o.category}/{o.engine}" == kind)
        print(f"  {kind:40s} {blocked:3d}/{count:<3d} blocked")
    print(f"attempts {len(outcomes)}")
    print(f"blocked {len(outcomes) - len(through)}")
    print(f"unauthorised writes {writes}")
    print(f"personal data shown before verification {personal}")
    print(f"attempts not audited {unaudited}")
    for outcome in through:
        what = [*outcome.unauthorised_writes, *outcome.personal_data, outcome.detail]
        print(f"  THROUGH {outcome.attack} ({outcome.engine}): {what}")


if __name__ == "__main__":
    main()
