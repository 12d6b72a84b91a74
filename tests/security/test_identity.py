"""V1: knowing an email identifies a customer; only a code from their inbox, a signed identity or
a sign-in verifies them, and only a verified customer's data and writes are theirs to use."""

from __future__ import annotations

import hashlib
import hmac
import time

import pytest
from django.core import mail

from apps.accounts.identity import customer_principal, identity_verified_customer
from apps.accounts.models import VerifiedIdentity
from apps.audit.models import AuditEvent
from apps.commerce.models import Order
from apps.conversations.embed import identity_signature
from apps.conversations.models import Conversation, EmbedSite
from apps.conversations.services import conversation_start
from apps.core.errors import ApplicationError
from apps.tools.executor import tool_execute

OLIVIA, OLIVIA_EMAIL, OLIVIA_ORDER = "olivia_ito_3591", "olivia.ito5204@example.com", "#W5442520"


def _identified(conversation_id: int, customer_id: str = OLIVIA):
    return customer_principal(
        conversation_ref=str(conversation_id), customer_id=customer_id, signed_in_user_id=None
    )


@pytest.fixture
def chat(db):
    return conversation_start(user=None)


@pytest.mark.parametrize(
    ("tool", "arguments"),
    [
        ("get_user_details", {"user_id": OLIVIA}),
        ("get_order_details", {"order_id": OLIVIA_ORDER}),
        (
            "modify_pending_order_address",
            {
                "order_id": OLIVIA_ORDER,
                "address1": "1 Evil St",
                "address2": "",
                "city": "X",
                "state": "CA",
                "country": "USA",
                "zip": "90001",
            },
        ),
        ("cancel_pending_order", {"order_id": OLIVIA_ORDER, "reason": "ordered by mistake"}),
    ],
)
def test_an_identified_customer_gets_no_personal_data_and_no_write(chat, tool, arguments):
    observation = tool_execute(_identified(chat.pk), tool, arguments, conversation=chat.pk, step=1)

    assert observation.error_code == "verification_required"
    assert "Ito" not in observation.text
    assert "credit_card" not in observation.text
    assert Order.objects.get(order_id=OLIVIA_ORDER).status == "pending"
    assert AuditEvent.objects.filter(
        stream=f"conversation:{chat.pk}", kind="permission_denied", payload__reason="unverified"
    ).exists()


def test_the_emailed_code_verifies_the_customer(chat):
    principal = _identified(chat.pk)
    sent = tool_execute(principal, "send_verification_code", {}, conversation=chat.pk, step=1)

    assert sent.ok
    assert OLIVIA_EMAIL not in sent.text
    assert mail.outbox[-1].to == [OLIVIA_EMAIL]
    code = next(word.strip(".") for word in mail.outbox[-1].body.split() if word.strip(".").isdigit())
    checked = tool_execute(principal, "verify_identity_code", {"code": code}, conversation=chat.pk, step=2)
    assert checked.ok
    verified = _identified(chat.pk)
    assert verified.verified
    assert tool_execute(verified, "get_user_details", {"user_id": OLIVIA}, conversation=chat.pk, step=3).ok
    # the code itself never enters the trail
    assert not AuditEvent.objects.filter(payload__arguments__code=code).exists()


def test_a_wrong_code_verifies_nobody_and_is_audited(chat, fixed_code):
    principal = _identified(chat.pk)
    tool_execute(principal, "send_verification_code", {}, conversation=chat.pk, step=1)
    wrong = tool_execute(principal, "verify_identity_code", {"code": "000000"}, conversation=chat.pk, step=2)

    assert wrong.error_code == "verification_failed"
    assert not _identified(chat.pk).verified
    assert AuditEvent.objects.filter(
        stream=f"conversation:{chat.pk}",
        kind="observation",
        payload__tool="verify_identity_code",
        payload__ok=False,
    ).exists()


def test_a_code_works_once_and_not_in_another_conversation(db, fixed_code):
    first, second = conversation_start(user=None), conversation_start(user=None)
    tool_execute(_identified(first.pk), "send_verification_code", {}, conversation=first.pk, step=1)
    # the code sent for the first chat does not verify the second
    other = tool_execute(
        _identified(second.pk), "verify_identity_code", {"code": fixed_code}, conversation=second.pk, step=1
    )
    assert not other.ok
    assert tool_execute(
        _identified(first.pk), "verify_identity_code", {"code": fixed_code}, conversation=first.pk, step=2
    ).ok


def test_an_expired_code_is_refused(chat, fixed_code, settings):
    settings.SUPPORTAGENT = {**settings.SUPPORTAGENT, "IDENTITY_CODE_TTL_SECONDS": 0}
    principal = _identified(chat.pk)
    tool_execute(principal, "send_verification_code", {}, conversation=chat.pk, step=1)
    expired = tool_execute(
        principal, "verify_identity_code", {"code": fixed_code}, conversation=chat.pk, step=2
    )
    assert expired.error_code == "verification_failed"


def test_code_guesses_are_limited_per_customer_across_conversations(db, fixed_code):
    # given an attacker who opens a new chat for each few guesses
    refused = None
    for attempt in range(12):
        chat = conversation_start(user=None)
        principal = _identified(chat.pk)
        tool_execute(principal, "send_verification_code", {}, conversation=chat.pk, step=1)
        guess = tool_execute(
            principal, "verify_identity_code", {"code": f"{attempt:06d}"}, conversation=chat.pk, step=2
        )
        if guess.error_code == "rate_limited":
            refused = attempt
            break
    # then the limit is the customer's, not the chat's: new chats earn no fresh guesses
    assert refused is not None
    assert refused <= 10


def test_code_guesses_are_limited_per_client_address_across_customers(db):
    from apps.accounts.identity import identity_code_check

    customers = ["olivia_ito_3591", "noah_brown_6181", "james_li_5688"]
    outcomes = []
    for attempt in range(24):
        chat = conversation_start(user=None)
        try:
            identity_code_check(
                conversation_ref=str(chat.pk),
                customer_id=customers[attempt % 3],
                code="123456",
                client="203.0.113.9",
            )
        except ApplicationError as exc:
            outcomes.append(exc.code)
    assert outcomes.count("rate_limited") >= 4  # the address ran out, whichever customer it tried


def test_identity_lookups_are_limited_per_client_address(db):
    outcomes = []
    for _ in range(14):
        chat = conversation_start(user=None)
        observation = tool_execute(
            _anonymous(),
            "find_user_id_by_name_zip",
            {"first_name": "Raj", "last_name": "Sanchez", "zip": "00000"},
            conversation=chat.pk,
            step=1,
            client="198.51.100.7",
        )
        outcomes.append(observation.error_code)
    assert "rate_limited" in outcomes


def _anonymous():
    from apps.accounts.principals import Principal

    return Principal.anonymous()


def test_a_verified_chat_cannot_switch_to_another_customer(chat, fixed_code):
    principal = _identified(chat.pk)
    tool_execute(principal, "send_verification_code", {}, conversation=chat.pk, step=1)
    tool_execute(principal, "verify_identity_code", {"code": fixed_code}, conversation=chat.pk, step=2)

    other = _identified(chat.pk, "noah_brown_6181")
    assert not other.verified
    assert (
        tool_execute(
            other, "get_user_details", {"user_id": "noah_brown_6181"}, conversation=chat.pk, step=3
        ).error_code
        == "verification_required"
    )


def test_the_signed_in_customer_is_verified(db):
    from apps.commerce.models import Customer

    user = Customer.objects.get(customer_id=OLIVIA).user
    principal = customer_principal(conversation_ref="x", customer_id=OLIVIA, signed_in_user_id=user.pk)
    assert principal.verified


@pytest.fixture
def shop(db):
    return EmbedSite.objects.create(
        name="Shop", key="shop", secret="s" * 40, allowed_origins="https://shop.example"
    )


# An hour ahead: within any test run, and well inside EMBED_SIGNATURE_MAX_SECONDS.
SOON = int(time.time()) + 3600


def site_signature(*, secret: str, identity: str) -> str:
    return identity_signature(secret=secret, identity=identity, expires=SOON)


def _frame(client, site_key: str, identity: str, signature: str, expires: int | str = SOON):
    params = {"site": site_key, "identity": identity, "signature": signature, "expires": expires}
    return client.get("/embed/frame/", params)


def test_the_embedded_chats_signed_identity_starts_a_verified_chat(client, shop):
    message = f"v2\n{OLIVIA}\n{SOON}".encode()
    signature = hmac.new(shop.secret.encode(), message, hashlib.sha256).hexdigest()
    assert site_signature(secret=shop.secret, identity=OLIVIA) == signature

    response = _frame(client, "shop", OLIVIA, signature)

    assert response.status_code == 200
    conversation = Conversation.objects.latest("created_at")
    assert identity_verified_customer(conversation_ref=str(conversation.pk)) == OLIVIA
    assert VerifiedIdentity.objects.get(conversation_ref=str(conversation.pk)).method == "signed"
    assert _identified(conversation.pk).verified


def _refused_and_audited(response, reason: str, before: int) -> None:
    assert response.status_code == 403
    assert Conversation.objects.count() == before
    assert not VerifiedIdentity.objects.exists()
    refusal = AuditEvent.objects.get(payload__identity="signed_rejected")
    assert (refusal.payload["site"], refusal.payload["reason"]) == ("shop", reason)


def test_a_bad_signature_verifies_nobody_and_is_audited(client, shop):
    before = Conversation.objects.count()

    response = _frame(client, "shop", OLIVIA, "ab" * 32)

    _refused_and_audited(response, "bad_signature", before)


def test_a_signature_for_one_customer_does_not_verify_another(client, shop):
    before = Conversation.objects.count()
    olivias = site_signature(secret=shop.secret, identity=OLIVIA)

    response = _frame(client, "shop", "noah_brown_6181", olivias)

    _refused_and_audited(response, "bad_signature", before)


def test_a_signature_made_with_another_sites_secret_is_refused(client, shop):
    other = EmbedSite.objects.create(name="Other", key="other", allowed_origins="https://other.example")
    before = Conversation.objects.count()

    # given a signature that is valid at the other site, presented at this one
    response = _frame(client, "shop", OLIVIA, site_signature(secret=other.secret, identity=OLIVIA))

    _refused_and_audited(response, "bad_signature", before)


def test_a_signed_identity_no_customer_has_is_refused_and_audited(client, shop):
    before = Conversation.objects.count()
    nobody = "nobody@example.com"

    response = _frame(client, "shop", nobody, site_signature(secret=shop.secret, identity=nobody))

    _refused_and_audited(response, "unknown_customer", before)


def test_an_inactive_site_verifies_nobody(client, shop):
    signature = site_signature(secret=shop.secret, identity=OLIVIA)
    shop.active = False
    shop.save()

    response = _frame(client, "shop", OLIVIA, signature)

    assert response.status_code == 404
    assert not VerifiedIdentity.objects.exists()


def test_an_expired_signature_verifies_nobody_and_is_audited(client, shop):
    # given a signature the site made for a page rendered two hours ago, valid for ten minutes
    expires = int(time.time()) - 7200 + 600
    signature = identity_signature(secret=shop.secret, identity=OLIVIA, expires=expires)
    before = Conversation.objects.count()

    # when it is replayed (copied from a page, a log or a browser's history)
    response = _frame(client, "shop", OLIVIA, signature, expires)

    _refused_and_audited(response, "expired", before)
    assert "Please reload the page" in response.content.decode()


def test_an_expiry_moved_later_breaks_the_signature(client, shop):
    expired = int(time.time()) - 3600
    signature = identity_signature(secret=shop.secret, identity=OLIVIA, expires=expired)
    before = Conversation.objects.count()

    response = _frame(client, "shop", OLIVIA, signature, SOON)

    _refused_and_audited(response, "bad_signature", before)


def test_a_signature_that_claims_to_live_for_years_is_refused(client, shop):
    years = int(time.time()) + 5 * 365 * 86400
    signature = identity_signature(secret=shop.secret, identity=OLIVIA, expires=years)
    before = Conversation.objects.count()

    response = _frame(client, "shop", OLIVIA, signature, years)

    _refused_and_audited(response, "expiry_too_far", before)


def test_an_unexpiring_signature_is_refused_unless_the_site_allows_it(client, shop):
    # given the identity signed alone, as integrations did before signatures expired
    unexpiring = identity_signature(secret=shop.secret, identity=OLIVIA)
    before = Conversation.objects.count()

    response = _frame(client, "shop", OLIVIA, unexpiring, "")

    _refused_and_audited(response, "no_expiry", before)
    assert "set up wrongly" in response.content.decode()

    # then a site an admin left on the old form still verifies its customer
    shop.unexpiring_signatures = True
    shop.save()
    assert _frame(client, "shop", OLIVIA, unexpiring, "").status_code == 200
    assert (
        identity_verified_customer(conversation_ref=str(Conversation.objects.latest("created_at").pk))
        == OLIVIA
    )


@pytest.mark.parametrize("expires", ["-5", "1e9", "12345678901234", " 1700000000", "soon"])
def test_an_expiry_that_is_not_plain_seconds_is_refused(client, shop, expires):
    before = Conversation.objects.count()

    response = _frame(client, "shop", OLIVIA, site_signature(secret=shop.secret, identity=OLIVIA), expires)

    _refused_and_audited(response, "bad_signature", before)
