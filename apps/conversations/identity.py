"""A conversation verified by the site that embeds the chat: the site signs its signed-in
customer's id or email (HMAC-SHA256 with the site's secret) and the chat page passes it on."""

from __future__ import annotations

from django.db import transaction

from apps.accounts.identity import identity_signed_verify
from apps.commerce.models import Customer

from .models import Conversation


def conversation_verify_signed(
    *, conversation: Conversation, site: str, customer: str, signature: str, client: str | None
) -> str:
    """Verify the signature (audited, limited per client) and bind the chat to that customer."""
    customer_id = identity_signed_verify(
        conversation_ref=str(conversation.pk),
        site=site,
        customer=customer,
        signature=signature,
        client=client,
    )
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        locked.customer = Customer.objects.get(customer_id=customer_id)
        locked.state = {**(locked.state or {}), "customer_id": customer_id, "verified": True}
        locked.save(update_fields=["customer", "state", "updated_at"])
    conversation.refresh_from_db()
    return customer_id
