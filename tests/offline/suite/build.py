"""Writes conversations.json: the offline engine's conversation suite, as data.

Each conversation is what a customer types, turn by turn (typos, corrections, two requests at
once, short answers, changing their mind, going off topic and back), and the store state it
must end in. The customers' words are written by hand as templates, one module per group of
categories (slips, dialogue, changes, questions, identity); the orders, items, variants and
payment methods they talk about are picked from the demo store (store.py) so that the
expected end state is known before the engine runs. Run it again after changing a template:

    .venv/bin/python tests/offline/suite/build.py

The expected state is worked out from the store's rules, never from running the engine:
a cancelled order has status 'cancelled' and the reason the customer gave; an exchange asks
for the variant with the option the customer named and every other option kept.

Every pick draws from one seeded random source, so the categories are built in a fixed order.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

if not __package__:  # run as a script: make the suite's package importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.offline.suite.cases import conversations
from tests.offline.suite.changes import (
    exchange_conversations,
    item_change_conversations,
    payment_change_conversations,
    several_items_conversations,
)
from tests.offline.suite.dialogue import (
    off_topic_conversations,
    short_answer_conversations,
    two_request_conversations,
)
from tests.offline.suite.identity import identity_conversations
from tests.offline.suite.questions import knowledge_conversations
from tests.offline.suite.slips import (
    correction_conversations,
    mind_change_conversations,
    typo_conversations,
)

OUT = Path(__file__).with_name("conversations.json")

# In this order: each category's picks depend on the random draws of those before it.
CATEGORIES = (
    typo_conversations,
    correction_conversations,
    two_request_conversations,
    short_answer_conversations,
    mind_change_conversations,
    off_topic_conversations,
    exchange_conversations,
    item_change_conversations,
    payment_change_conversations,
    knowledge_conversations,
    identity_conversations,
    several_items_conversations,  # last: added later, it leaves the draws of the others as they were
)


def build() -> list[dict[str, Any]]:
    for category in CATEGORIES:
        category()
    return conversations


if __name__ == "__main__":
    built = build()
    OUT.write_text(json.dumps(built, indent=1) + "\n")
    by_category: dict[str, int] = {}
    for conversation in built:
        by_category[conversation["category"]] = by_category.get(conversation["category"], 0) + 1
    print(len(built), by_category)
