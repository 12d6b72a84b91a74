"""Verifying who a customer in a chat is: one-time codes by email, signatures from the site
that embeds the chat, and signed-in accounts.

Identification (an email, or a name and zip code) only finds an account. These services are
the one place that turns it into a verified identity, with every attempt audited and limited
per customer and per client address (never only per conversation: a new chat earns nothing).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from apps.audit.models import AuditEvent
from apps.audit.services import audit_record, conversation_stream
from apps.commerce.models import Customer
from apps.core.conf import product_setting
from apps.core.errors import ApplicationError, NotFound
from apps.core.throttles import throttle_hit, throttle_hit_all

from .models import VerificationCode, VerifiedIdentity
from .principals import Principal, principal_for_customer

logger = logging.getLogger(__name__)

CODE_DIGITS = 6


class VerificationFailed(ApplicationError):
    code = "verification_failed"


class Throttled(ApplicationError):
    code = "rate_limited"


def client_digest(client: str | None) -> str:
    """How a client address is kept in rows and the trail: a digest, never the address."""
    if not client:
        return ""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{client}".encode()).hexdigest()[:16]


def _audit(conversation_ref: str | None, event: str, **payload: Any) -> None:
    audit_record(
        kind=AuditEvent.Kind.ACTION,
        actor="identity",
        stream=conversation_stream(conversation_ref),
        payload={"identity": event, **payload},
    )


def _digest(code: str, conversation_ref: str) -> str:
    return salted_hmac("supportagent.identity-code", f"{conversation_ref}:{code}").hexdigest()


# Selectors


def identity_verified_customer(*, conversation_ref: str) -> str | None:
    """The customer id verified in this conversation, or None."""
    return (
        VerifiedIdentity.objects.filter(conversation_ref=conversation_ref)
        .values_list("customer__customer_id", flat=True)
        .first()
    )


def customer_principal(
    *, conversation_ref: str, customer_id: str, signed_in_user_id: int | None
) -> Principal:
    """The principal a conversation acts for once a customer is identified: verified when the
    customer signed in to their own account, or proved who they are in this conversation."""
    principal = principal_for_customer(customer_id, verified=False)
    verified = (
        signed_in_user_id is not None and signed_in_user_id == principal.user_id
    ) or identity_verified_customer(conversation_ref=conversation_ref) == customer_id
    return principal_for_customer(customer_id, verified=True) if verified else principal


# Services


def identity_lookup_admit(*, conversation_ref: str | None, client: str | None) -> None:
    """Count one identity lookup for this client address and conversation; refuse past the limit."""
    result = throttle_hit_all(
        [("identity_lookup:client", client or ""), ("identity_lookup:conversation", conversation_ref or "")]
    )
    if not result.allowed:
        _audit(conversation_ref, "lookup_throttled", client=client_digest(client))
        raise Throttled(
            "too many identity lookups from this customer; do not try more names, emails or zip codes. "
            f"Try again in {result.retry_after} seconds, or hand the conversation to a person."
        )


@transaction.atomic
def identity_code_send(*, conversation_ref: str, customer_id: str, client: str | None) -> dict[str, Any]:
    """Email a one-time code to the customer's address on file (never to one the chat names)."""
    customer = Customer.objects.filter(customer_id=customer_id).first()
    if customer is None:
        raise NotFound("no customer has that id.")
    result = throttle_hit_all(
        [
            ("identity_code_send:customer", customer_id),
            ("identity_code_send:client", client or conversation_ref),
        ]
    )
    if not result.allowed:
        _audit(conversation_ref, "code_send_throttled", customer=customer_id, client=client_digest(client))
        raise Throttled(
            f"too many codes were requested; the customer can ask for a new one in {result.retry_after} "
            "seconds. Use the code already sent if they have it."
        )
    code = _new_code()
    ttl = int(product_setting("IDENTITY_CODE_TTL_SECONDS"))
    VerificationCode.objects.filter(conversation_ref=conversation_ref, used_at__isnull=True).update(
        expires_at=timezone.now()
    )
    VerificationCode.objects.create(
        customer=customer,
        conversation_ref=conversation_ref,
        code_digest=_digest(code, conversation_ref),
        client=client_digest(client),
        expires_at=timezone.now() + timedelta(seconds=ttl),
    )
    minutes = max(1, ttl // 60)
    send_mail(
        subject="Your verification code",
        message=(
            f"Hello {customer.first_name},\n\nYour code to confirm it is you in the support chat is "
            f"{code}. It works once, for {minutes} minutes.\n\nIf you did not ask for it, ignore this "
            "message: nobody can see your account without the code.\n"
        ),
        from_email=None,
        recipient_list=[customer.email],
    )
    _audit(conversation_ref, "code_sent", customer=customer_id, client=client_digest(client))
    return {"sent": True, "expires_in_minutes": minutes, "to": _masked(customer.email)}


def _new_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))


def _masked(email: str) -> str:
    name, _, domain = email.partition("@")
    return f"{name[:1]}***@{domain}"


@transaction.atomic
def identity_code_check(
    *, conversation_ref: str, customer_id: str, code: str, client: str | None
) -> dict[str, Any]:
    """Check a code the customer typed; on success the conversation is verified as them."""
    result = throttle_hit_all(
        [
            ("identity_code_check:customer", customer_id),
            ("identity_code_check:client", client or conversation_ref),
        ]
    )
    if not result.allowed:
        _audit(conversation_ref, "code_check_throttled", customer=customer_id, client=client_digest(client))
        raise Throttled(
            f"too many wrong codes; no more attempts for {result.retry_after} seconds. "
            "Offer to hand the conversation to a person."
        )
    now = timezone.now()
    pending = (
        VerificationCode.objects.select_for_update()
        .filter(
            conversation_ref=conversation_ref,
            customer__customer_id=customer_id,
            used_at__isnull=True,
            expires_at__gt=now,
        )
        .first()
    )
    if pending is None:
        _audit(conversation_ref, "code_rejected", customer=customer_id, reason="none_pending")
        raise VerificationFailed(
            "there is no valid code for this customer (none was sent, or it expired). "
            "Send a new one with send_verification_code."
        )
    per_code = throttle_hit("identity_code_check:code", pending.pk)
    if not per_code.allowed:
        VerificationCode.objects.filter(pk=pending.pk).update(expires_at=now)
        _audit(conversation_ref, "code_rejected", customer=customer_id, reason="too_many_attempts")
        raise VerificationFailed("that code had too many wrong attempts and no longer works; send a new one.")
    if not constant_time_compare(pending.code_digest, _digest(str(code).strip(), conversation_ref)):
        # Raised inside the tool's savepoint: nothing is stored, the counts above are kept.
        _audit(conversation_ref, "code_rejected", customer=customer_id, reason="wrong_code")
        raise VerificationFailed(
            "that code is not right. Ask the customer to check the email and type it again."
        )
    pending.used_at = now
    pending.save(update_fields=["used_at"])
    _verified_record(conversation_ref, pending.customer, VerifiedIdentity.Method.EMAIL_CODE, client)
    return {"verified": True, "customer_id": customer_id}


def _verified_record(conversation_ref: str, customer: Customer, method: str, client: str | None) -> None:
    existing = VerifiedIdentity.objects.filter(conversation_ref=conversation_ref).first()
    if existing is not None and existing.customer_id != customer.pk:
        _audit(conversation_ref, "switch_refused", customer=customer.customer_id)
        raise VerificationFailed("this conversation is already verified as another customer.")
    if existing is None:
        VerifiedIdentity.objects.create(conversation_ref=conversation_ref, customer=customer, method=method)
    _audit(
        conversation_ref,
        "verified",
        customer=customer.customer_id,
        method=method,
        client=client_digest(client),
    )


def identity_verified_by_site(*, conversation_ref: str, customer: Customer, site: str) -> None:
    """Record that a site embedding the chat signed this customer's identity (the embed frame
    checked the signature with the site's secret before calling this)."""
    with transaction.atomic():
        _verified_record(conversation_ref, customer, VerifiedIdentity.Method.SIGNED, None)
    _audit(conversation_ref, "signed_by_site", customer=customer.customer_id, site=site[:40])


def identity_signed_refused(*, site: str, reason: str, client: str | None) -> None:
    """Audit a signed identity an embedding site's frame refused (no conversation exists yet)."""
    _audit(None, "signed_rejected", site=site[:40], reason=reason, client=client_digest(client))
