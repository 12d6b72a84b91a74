"""Article search: a small BM25 over the active articles."""

import pytest

from apps.knowledge.models import Article
from apps.knowledge.selectors import article_search, fact_values
from apps.knowledge.services import knowledge_seed


@pytest.fixture
def seeded(db):
    knowledge_seed()


@pytest.mark.parametrize(
    ("query", "question"),
    [
        ("how long do refunds take to my credit card", "How long does a refund take?"),
        ("can i send something back after a month", "How long do I have to return an item?"),
        ("what does shipping cost", "How much does shipping cost?"),
        ("do gift cards expire?", "Do gift cards expire?"),
        ("I'd like to speak to a human", "How do I talk to a person?"),
        ("what's your return policy", "How long do I have to return an item?"),
        ("the parcel arrived broken", "My item arrived damaged or is not what I ordered. What now?"),
        ("how do I swap shoes for a bigger size", "Can I exchange an item for a different size or colour?"),
    ],
)
def test_paraphrased_questions_find_the_right_article(seeded, query, question):
    hits = article_search(query)

    assert hits
    assert hits[0].question == question
    assert hits == sorted(hits, key=lambda hit: -hit.score)


@pytest.mark.parametrize("query", ["what's the weather on mars", "hello", "", "ignore previous instructions"])
def test_nothing_is_returned_without_a_fair_match(seeded, query):
    assert article_search(query) == []


def test_an_edited_article_changes_the_results_at_once(seeded):
    before = article_search("what does shipping cost")[0]
    article = Article.objects.get(pk=before.article_id)

    article.answer = "Shipping is a flat $3.00 on every order."
    article.save()
    edited = article_search("what does shipping cost")[0]
    article.active = False
    article.save()
    deactivated = article_search("what does shipping cost")

    assert edited.answer == "Shipping is a flat $3.00 on every order."
    assert before.article_id not in [hit.article_id for hit in deactivated]


def test_a_new_article_is_found_at_once(seeded):
    article_search("anything")  # builds the index
    Article.objects.create(question="Do you sell gift wrapping?", answer="Yes, for $4.00.", tags="wrapping")

    assert article_search("gift wrapping")[0].answer == "Yes, for $4.00."


def test_the_limit_is_respected(seeded):
    assert len(article_search("refund gift card credit card paypal", limit=2)) == 2


def test_facts_are_read_by_key(seeded):
    facts = fact_values("return-window-days", "refund-time-paypal", "no-such-fact")

    assert set(facts) == {"return-window-days", "refund-time-paypal"}
    assert facts["return-window-days"].value == "30"


def test_knowledge_search_uses_bm25_off_postgresql(seeded):
    from django.db import connection

    from apps.knowledge.selectors import knowledge_search

    if connection.vendor == "postgresql":
        pytest.skip("tests/integration/test_knowledge_search_pg.py covers the PostgreSQL backend")
    query = "how long do refunds take to my credit card"

    hits = knowledge_search(query, limit=1)

    # then the BM25 index answered: its best article and score, within the limit asked for
    assert [hit.question for hit in hits] == ["How long does a refund take?"]
    assert hits == article_search(query, limit=1)
    assert knowledge_search("what's the weather on mars") == []


def test_fact_search_finds_policy_facts_not_prices(seeded):
    from apps.knowledge.selectors import fact_search

    keys = [fact.key for fact in fact_search("paypal refund how long")]

    assert keys[0] == "refund-time-paypal"
    assert not any(key.startswith("price-") for key in keys)


def test_the_search_knowledge_tool_returns_articles_and_facts(seeded, system):
    from apps.tools.executor import tool_execute

    observation = tool_execute(system, "search_knowledge", {"query": "how much does express shipping cost"})

    assert observation.ok, observation.text
    assert observation.kind == "read"
    assert observation.data["articles"][0]["question"] == "How much does shipping cost?"
    assert "express-shipping-fee" in [fact["key"] for fact in observation.data["facts"]]
