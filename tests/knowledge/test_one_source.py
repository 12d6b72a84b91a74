"""Issue 9: one source for policy. Articles and statements quote facts by key and render the
value in force; saving a fact updates every text quoting it; a contradicting article warns the
admin; the admin sees where each fact is used."""

import pytest

from apps.agent.tasks import run_turn
from apps.audit.models import AuditEvent
from apps.conversations.models import Conversation, Handoff, Message
from apps.conversations.services import conversation_start, message_post
from apps.knowledge.models import Article, Fact
from apps.knowledge.selectors import knowledge_search, knowledge_snapshot
from apps.knowledge.services import knowledge_row_save, knowledge_save_warnings
from apps.knowledge.usage import fact_usage
from tests.knowledge.edits import ADMIN, admin_edits_fact


def test_articles_and_statements_render_the_facts_in_force(db):
    before = knowledge_search("how long do I have to return an item?", limit=1)[0]
    admin_edits_fact("return-window-days", value="45")

    after = knowledge_search("how long do I have to return an item?", limit=1)[0]

    assert "30 days" in before.answer
    assert "45 days" in after.answer
    assert "30 days" not in after.answer
    assert "{" not in after.answer
    assert "45 days" in knowledge_snapshot().facts["return-window-days"].statement


def test_after_changing_the_return_window_the_faq_answer_says_45_days_passes_and_stays(db):
    admin_edits_fact("return-window-days", value="45")
    conversation = conversation_start(user=None, channel=Conversation.Channel.API)
    message, _ = message_post(
        role="customer", conversation=conversation, text="what is your return policy?", enqueue_turn=False
    )

    run_turn.apply(args=(conversation.pk, message.pk))

    reply = Message.objects.filter(conversation=conversation, role="agent").latest("id")
    assert "45 days" in reply.text
    assert "30 days" not in reply.text
    assert reply.meta["guardrail"] == "pass"
    assert not Handoff.objects.filter(conversation=conversation).exists()
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.ACTIVE


def test_saving_an_article_that_contradicts_a_fact_warns_the_admin(db):
    article = Article(question="Returns in short?", answer="You can return delivered items within 60 days.")

    knowledge_row_save(row=article, actor=ADMIN)

    warnings = knowledge_save_warnings(row=article)
    assert warnings
    assert "60 days" in warnings[0]
    event = AuditEvent.objects.filter(kind="admin_change", payload__model="knowledge.article").last()
    assert event.payload["warnings"]
    assert Article.objects.filter(question="Returns in short?").exists()  # saved all the same


def test_an_article_quoting_the_fact_by_key_raises_no_warning(db):
    article = Article(
        question="Returns in short?", answer="You can return delivered items within {return_window_days}."
    )

    knowledge_row_save(row=article, actor=ADMIN)

    assert knowledge_save_warnings(row=article) == []


def test_saving_a_fact_warns_about_articles_that_still_spell_out_the_old_value(db):
    knowledge_row_save(
        row=Article(question="Old wording", answer="Standard shipping costs $5.99 per order."), actor=ADMIN
    )

    fact = admin_edits_fact("standard-shipping-fee", value="6.49")

    warnings = knowledge_save_warnings(row=fact)
    assert any("Old wording" in w and "$5.99" in w for w in warnings)
    assert not any("How much does shipping cost?" in w for w in warnings)  # quotes it by key


def test_the_admin_sees_where_each_fact_is_used(db):
    usage = fact_usage("return-window-days")

    assert "How long do I have to return an item?" in usage.articles
    assert usage.code  # the offline engine's wording quotes it
    refund = fact_usage("refund-time-paypal")
    assert any(text.startswith("tool ") for text in refund.texts)
    assert "the agent's store-policy prompt" in refund.texts


@pytest.fixture
def admin_client_logged_in(db, client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.com", "pw"))
    return client


def test_the_fact_page_lists_its_uses_and_a_contradicting_save_shows_a_warning(admin_client_logged_in):
    fact = Fact.objects.get(key="return-window-days")
    page = admin_client_logged_in.get(f"/admin/knowledge/fact/{fact.pk}/change/").content.decode()
    assert "How long do I have to return an item?" in page

    response = admin_client_logged_in.post(
        "/admin/knowledge/article/add/",
        {
            "question": "Quick returns",
            "answer": "Returns are accepted within 90 days.",
            "tags": "",
            "active": "on",
        },
        follow=True,
    )

    assert response.status_code == 200
    assert "contradicts a fact" in response.content.decode()
    assert Article.objects.filter(question="Quick returns").exists()
