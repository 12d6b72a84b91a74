"""Seeding the store policy: idempotent, keyed by fact key and article question."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from apps.audit.models import AuditEvent
from apps.commerce.models import Variant
from apps.knowledge.models import Article, Fact
from apps.knowledge.quoting import quoted_keys
from apps.knowledge.services import SEED_PATH, knowledge_seed

SEED = json.loads(SEED_PATH.read_text())


@pytest.fixture
def empty_knowledge(db):
    """The test session seeds the knowledge base; these tests start from an empty one."""
    Fact.objects.all().delete()
    Article.objects.all().delete()


def test_seeding_twice_creates_everything_once(empty_knowledge):
    seed_events = AuditEvent.objects.filter(kind="admin_change", payload__action="knowledge_seed")
    before = seed_events.count()
    first = knowledge_seed()
    second = knowledge_seed()

    assert (first.facts_created, first.articles_created) == (len(SEED["facts"]), len(SEED["articles"]))
    assert (second.facts_created, second.articles_created) == (0, 0)
    assert second.kept == len(SEED["facts"]) + len(SEED["articles"])
    assert Fact.objects.filter(scope="store-policy").count() == len(SEED["facts"])
    assert Article.objects.count() == len(SEED["articles"])
    assert first.prices.created == Variant.objects.count()
    assert (second.prices.created, second.prices.updated, second.prices.deleted) == (0, 0, 0)
    assert seed_events.count() == before + 1


def test_seeding_keeps_an_admins_edit_and_reset_restores_the_file(db):
    knowledge_seed()
    fee = Fact.objects.get(key="standard-shipping-fee")
    fee.value = "6.49"
    fee.save()

    knowledge_seed()
    kept = Fact.objects.get(key="standard-shipping-fee").value
    report = knowledge_seed(reset=True)

    assert kept == "6.49"
    assert report.deleted == len(SEED["facts"]) + len(SEED["articles"])
    assert Fact.objects.get(key="standard-shipping-fee").value == "5.99"


def test_the_command_reports_what_it_did(empty_knowledge):
    out = StringIO()

    call_command("seed_knowledge", stdout=out)
    call_command("seed_knowledge", stdout=out)

    first, first_prices, second, second_prices = out.getvalue().strip().splitlines()
    assert first.startswith(
        f"Knowledge: {len(SEED['facts'])} facts and {len(SEED['articles'])} articles created"
    )
    assert first_prices == f"Price facts: {Variant.objects.count()} created, 0 updated, 0 deleted."
    assert second.startswith("Knowledge: 0 facts and 0 articles created")
    assert second_prices == "Price facts: 0 created, 0 updated, 0 deleted."


def test_the_articles_quote_the_facts_by_key():
    # Every fee, window and timing an article states is quoted by its fact's key, so an edit to
    # the fact changes the article; no article spells out a figure of its own.
    answers = " ".join(article["answer"] for article in SEED["articles"])
    wanted = {f["key"] for f in SEED["facts"] if f["kind"] in ("money", "duration") and f["value"] != "0.00"}

    assert wanted <= quoted_keys(answers)
    assert quoted_keys(answers) <= {f["key"] for f in SEED["facts"]}
    assert re.findall(r"\$\d[\d,]*\.\d\d", answers) == []
    assert re.findall(r"\b\d+(?:-\d+)? (?:business )?days\b", answers) == []
    assert 20 <= len(SEED["articles"]) <= 30
