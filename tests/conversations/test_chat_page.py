"""The chat page binds a conversation to the visitor's session; 'Talk to a person' queues it."""

from __future__ import annotations

import pytest

from apps.conversations.models import Conversation, Handoff, Message
from apps.conversations.visitors import SESSION_KEY
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


def test_the_page_starts_one_conversation_per_session_and_is_labelled_for_assistive_tech(client):
    first = client.get("/chat/")
    again = client.get("/chat/")

    assert first.status_code == 200
    assert Conversation.objects.count() == 1
    assert client.session[SESSION_KEY] == Conversation.objects.get().pk
    page = again.content.decode()
    assert 'role="log"' in page
    assert 'aria-live="polite"' in page
    assert '<label for="message-input"' in page
    assert ">Send</button>" in page
    assert "Talk to a person" in page


def test_stored_messages_are_rendered_escaped(client):
    client.get("/chat/")
    conversation = Conversation.objects.get()
    Message.objects.create(conversation=conversation, role="customer", text="<script>alert(1)</script>")

    page = client.get("/chat/").content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_signed_in_customer_gets_a_conversation_of_their_own(client):
    customer = CustomerFactory()
    client.get("/chat/")
    client.force_login(customer.user)

    client.get("/chat/")

    conversation = Conversation.objects.get(pk=client.session[SESSION_KEY])
    assert conversation.customer == customer
    assert Conversation.objects.count() == 2


def test_talk_to_a_person_queues_the_conversation_once(client, django_capture_on_commit_callbacks):
    client.get("/chat/")
    conversation = Conversation.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/chat/person/", headers={"Accept": "application/json"})
        second = client.post("/chat/person/", headers={"Accept": "application/json"})

    assert (first.status_code, second.status_code) == (200, 200)
    # The second press is answered plainly: already queued, first in line.
    assert first.json() == {"created": True, "state": "waiting", "position": 1, "expected_seconds": None}
    assert second.json()["created"] is False
    assert second.json()["position"] == 1
    handoff = Handoff.objects.get(conversation=conversation)
    assert (handoff.reason, handoff.status) == ("button", "waiting")
    assert Conversation.objects.get().status == "handoff"
    assert list(Message.objects.filter(conversation=conversation).values_list("role", flat=True)) == [
        "system"
    ]


def test_the_sign_in_page_signs_a_customer_in(client):
    customer = CustomerFactory()
    customer.user.set_password("pw-for-test")
    customer.user.save()

    page = client.get("/accounts/login/?next=/chat/")
    response = client.post(
        "/accounts/login/", {"username": customer.user.username, "password": "pw-for-test", "next": "/chat/"}
    )

    assert page.status_code == 200
    assert response.status_code == 302
    assert response.url == "/chat/"


def test_internal_notes_never_reach_the_customer(db):
    from apps.conversations.models import Message
    from apps.conversations.services import conversation_start
    from apps.conversations.visitors import messages_after

    conversation = conversation_start(user=None)
    Message.objects.create(
        conversation=conversation, role="system", text="assist: refund it", meta={"internal": True}
    )
    shown = Message.objects.create(conversation=conversation, role="supervisor", text="Done for you.")

    assert list(messages_after(conversation_id=conversation.pk, after=0)) == [shown]
