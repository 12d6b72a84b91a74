"""Our own help articles state the policy; quoting them must never trip the guardrails."""

from apps.guardrails.check import guard_answer
from apps.guardrails.turn import evidence_for_turn
from apps.knowledge.models import Article
from apps.knowledge.selectors import policy_render


def test_every_seeded_article_passes_unchanged(db):
    articles = list(Article.objects.filter(active=True))
    assert len(articles) >= 20

    tripped = {}
    for article in articles:
        verdict = guard_answer(policy_render(article.answer), evidence_for_turn(None, []))
        if verdict.verdict != "pass":
            tripped[article.question] = [c.text for c in verdict.claims if not c.ok]

    assert tripped == {}
