"""The REST API: conversations, messages and the handoff queue, per role; token auth; the schema."""

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from apps.commerce.models import Customer, ReturnRequest
from apps.conversations.models import Conversation, Handoff, Message
from apps.conversations.services import conversation_start
from tests.factories import CustomerFactory
from tests.handoff_helpers import OLIVIA, escalated_conversation, staff_accounts

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return staff_accounts()


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_anonymous_requests_are_refused():
    assert APIClient().get("/api/conversations/").status_code in (401, 403)


def test_a_customer_sees_only_their_own_conversations(staff):
    mine, _ = escalated_conversation()
    conversation_start(user=CustomerFactory().user)
    olivia = Customer.objects.get(customer_id=OLIVIA).user

    response = client_for(olivia).get("/api/conversations/")

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [mine.pk]
    assert client_for(staff["supervisor1"]).get("/api/conversations/").json()["count"] >= 2


def test_a_customer_cannot_read_someone_elses_conversation(staff):
    conversation, _ = escalated_conversation()
    stranger = CustomerFactory().user

    assert client_for(stranger).get(f"/api/conversations/{conversation.pk}/messages/").status_code == 404


def test_a_customer_posts_a_message_once_per_client_id(staff):
    olivia = Customer.objects.get(customer_id=OLIVIA).user
    conversation = conversation_start(user=olivia)
    client = client_for(olivia)

    first = client.post(f"/api/conversations/{conversation.pk}/messages/", {"text": "hi", "client_id": "a"})
    again = client.post(f"/api/conversations/{conversation.pk}/messages/", {"text": "hi", "client_id": "a"})

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["role"] == "customer"
    listed = client.get(f"/api/conversations/{conversation.pk}/messages/").json()
    assert [m["text"] for m in listed][:1] == ["hi"]


def test_handoffs_are_staff_only(staff):
    escalated_conversation()
    olivia = Customer.objects.get(customer_id=OLIVIA).user

    assert client_for(olivia).get("/api/handoffs/").status_code == 403
    listed = client_for(staff["supervisor1"]).get("/api/handoffs/?status=waiting").json()
    assert listed["count"] == 1
    assert listed["results"][0]["reason"] == "button"


def test_claim_reply_and_resolve_through_the_api(staff):
    conversation, handoff = escalated_conversation()
    one, two = client_for(staff["supervisor1"]), client_for(staff["supervisor2"])

    claimed = one.post(f"/api/handoffs/{handoff.pk}/claim/")
    lost = two.post(f"/api/handoffs/{handoff.pk}/claim/")
    not_yours = two.post(f"/api/conversations/{conversation.pk}/messages/", {"text": "me?"})
    reply = one.post(f"/api/conversations/{conversation.pk}/messages/", {"text": "I'm on it."})
    not_yours_to_close = two.post(f"/api/handoffs/{handoff.pk}/resolve/")
    resolved = one.post(f"/api/handoffs/{handoff.pk}/resolve/")

    assert claimed.status_code == 200
    assert claimed.json()["claimed_by"] == "supervisor1"
    assert lost.status_code == 409
    assert lost.json() == {"code": "already_claimed", "message": "Already claimed by supervisor1."}
    assert not_yours.status_code == 403
    assert (reply.status_code, reply.json()["role"]) == (201, "supervisor")
    assert not_yours_to_close.status_code == 403
    assert resolved.json()["status"] == "resolved"
    assert Conversation.objects.get(pk=conversation.pk).status == "closed"


def test_release_hands_the_chat_back(staff):
    conversation, handoff = escalated_conversation()
    admin = client_for(staff["admin"])
    client_for(staff["supervisor1"]).post(f"/api/handoffs/{handoff.pk}/claim/")

    # An admin may hand back a chat someone else claimed.
    response = admin.post(f"/api/handoffs/{handoff.pk}/release/")

    assert response.json()["status"] == "released"
    assert Conversation.objects.get(pk=conversation.pk).status == "active"
    assert admin.post("/api/handoffs/999999/claim/").status_code == 404


def test_assist_through_the_api_uses_the_callers_permissions(staff, monkeypatch):
    monkeypatch.setattr("apps.agent.tiers._endpoint_model", lambda row: None)  # the offline engine
    conversation, handoff = escalated_conversation()
    l2 = client_for(staff["supervisor2"])
    l2.post(f"/api/handoffs/{handoff.pk}/claim/")

    response = l2.post(
        f"/api/handoffs/{handoff.pk}/assist/",
        {"instruction": "return the sneakers from #W5866402"},
    )

    assert response.status_code == 202
    assert Handoff.objects.get(pk=handoff.pk).status == "claimed"
    assisted = Message.objects.filter(conversation=conversation, role="supervisor").last()
    assert assisted is not None
    assert assisted.meta["assisted"]
    assert ReturnRequest.objects.filter(order__order_id="#W5866402").exists(), assisted.text


def test_internal_assist_notes_are_hidden_from_the_customer(staff):
    conversation, _ = escalated_conversation()
    Message.objects.create(
        conversation=conversation, role="system", text="cancel it", meta={"internal": True}
    )
    olivia = Customer.objects.get(customer_id=OLIVIA).user

    seen = [
        m["text"] for m in client_for(olivia).get(f"/api/conversations/{conversation.pk}/messages/").json()
    ]
    staff_seen = [
        m["text"]
        for m in client_for(staff["admin"]).get(f"/api/conversations/{conversation.pk}/messages/").json()
    ]

    assert "cancel it" not in seen
    assert "cancel it" in staff_seen


def test_token_authentication_with_hashed_expiring_tokens(staff):
    obtained = APIClient().post(
        "/api/auth/token/", {"username": "supervisor1", "password": "demo-supervisor1"}
    )
    token = obtained.json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    assert client.get("/api/handoffs/").status_code == 200
    stored = AuthToken.objects.get(user=staff["supervisor1"])
    assert token not in (stored.digest, stored.token_key)  # only a digest is kept
    assert stored.expiry is not None
    stored.expiry = stored.created  # once expired, the token opens nothing
    stored.save(update_fields=["expiry"])
    assert client.get("/api/handoffs/").status_code in (401, 403)


def test_the_openapi_schema_and_docs_are_served_without_a_cdn():
    schema = APIClient().get("/api/schema/?format=json")
    docs = APIClient().get("/api/docs/")

    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/handoffs/{id}/claim/" in paths
    assert "/api/conversations/{id}/messages/" in paths
    assert docs.status_code == 200
    assert b"cdn.jsdelivr" not in docs.content
    assert b"swagger-ui" in docs.content


def test_the_console_page_is_for_staff(staff, client):
    olivia = Customer.objects.get(customer_id=OLIVIA).user

    assert client.get("/console/").status_code == 302
    client.force_login(olivia)
    assert client.get("/console/").status_code == 403
    client.force_login(staff["supervisor1"])
    page = client.get("/console/")
    assert page.status_code == 200
    assert b"Supervisor console" in page.content
