"""knowledge_search on PostgreSQL: its full-text search, not the in-process BM25."""

import pytest
from django.db import connection

from apps.knowledge.models import Article
from apps.knowledge.selectors import knowledge_search


@pytest.mark.parametrize(
    ("query", "question"),
    [
        ("how long do refunds take to my credit card", "How long does a refund take?"),
        ("can i send something back after a month", "How long do I have to return an item?"),
        ("what does shipping cost", "How much does shipping cost?"),
        ("do gift cards expire?", "Do gift cards expire?"),
        ("I'd like to speak to a human", "How do I talk to a person?"),
        ("the parcel arrived broken", "My item arrived damaged or is not what I ordered. What now?"),
        ("how do I swap shoes for a bigger size", "Can I exchange an item for a different size or colour?"),
        ("can I cancel my order", "Can I cancel my order?"),
    ],
)
def test_full_text_search_finds_the_right_article(db, query, question):
    hits = knowledge_search(query)

    assert connection.vendor == "postgresql"
    assert hits, query
    assert hits[0].question == question
    assert hits == sorted(hits, key=lambda hit: -hit.score)


@pytest.mark.parametrize("query", ["what's the weather on mars", "hello", "", "ignore previous instructions"])
def test_nothing_is_returned_without_a_fair_match(db, query):
    assert knowledge_search(query) == []


def test_an_edit_is_searchable_at_once(db):
    Article.objects.create(question="Do you sell gift wrapping?", answer="Yes, for $4.00.", tags="wrapping")

    assert knowledge_search("gift wrapping")[0].answer == "Yes, for $4.00."
