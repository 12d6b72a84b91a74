"""Sites that embed the chat with one script tag, and the identities they vouch for.

A site's server signs the id (or email) of the customer signed in on it, and a time the
signature expires at (Unix seconds), with the site's secret:
`hex(HMAC-SHA256(secret, "v2\n" + identity + "\n" + expires))`. The chat frame accepts the
identity only with a matching signature that has not expired and does not claim to live longer
than `EMBED_SIGNATURE_MAX_SECONDS`; the comparison takes constant time, and a refusal is audited
with its reason. A signature copied out of a page, a log or a browser's history stops working
when it expires. Signatures of the identity alone (no expiry; valid until the secret changes) are
accepted only from a site whose `unexpiring_signatures` an admin left on (sites that existed
before expiring signatures did). The frame may be shown only inside the site's allowed origins
(Content-Security-Policy frame-ancestors). Sites, their origins and secrets are EmbedSite rows,
edited in the back office: the one place signed identities are configured.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from typing import Any

from django.db import transaction

from apps.accounts.identity import VerificationFailed, identity_signed_refused, identity_verified_by_site
from apps.commerce.models import Customer
from apps.core.conf import product_setting

from .models import Conversation, EmbedSite
from .services import conversation_start
from .visitors import SESSION_KEY, conversation_for_session

IDENTITY_MAX_CHARS = 254  # the longest email address
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_EXPIRES = re.compile(r"^[0-9]{1,12}$")
# Clocks of the site's server and this host may differ by this much.
CLOCK_LEEWAY_SECONDS = 60


def identity_signature(*, secret: str, identity: str, expires: int | None = None) -> str:
    """The signature a site's server puts next to a customer's identity (hex HMAC-SHA256): of the
    identity and its expiry time (Unix seconds), or of the identity alone when `expires` is None
    (the unexpiring form, accepted only where a site allows it)."""
    message = identity if expires is None else f"v2\n{identity}\n{expires}"
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


def embed_identity_refusal(
    *, site: EmbedSite, identity: str, signature: str, expires: str = "", now: float | None = None
) -> str | None:
    """Why the site's signature does not vouch for `identity` now, or None when it does:
    "bad_signature", "expired", "expiry_too_far" or "no_expiry". Signatures compare in constant
    time; an expiry is read only once its signature has proved it is the site's."""
    if (
        not identity
        or not signature
        or len(identity) > IDENTITY_MAX_CHARS
        or len(signature) != 64
        or any(ord(ch) < 32 for ch in identity)
    ):
        return "bad_signature"
    if not expires:
        expected = identity_signature(secret=site.secret, identity=identity)
        if not hmac.compare_digest(expected, signature.lower()):
            return "bad_signature"
        return None if site.unexpiring_signatures else "no_expiry"
    if not _EXPIRES.match(expires):
        return "bad_signature"
    expected = identity_signature(secret=site.secret, identity=identity, expires=int(expires))
    if not hmac.compare_digest(expected, signature.lower()):
        return "bad_signature"
    now = time.time() if now is None else now
    if int(expires) + CLOCK_LEEWAY_SECONDS < now:
        return "expired"
    if int(expires) > now + int(product_setting("EMBED_SIGNATURE_MAX_SECONDS")) + CLOCK_LEEWAY_SECONDS:
        return "expiry_too_far"
    return None


_REFUSALS = {
    "bad_signature": "We could not confirm who you are. Please reload the page.",
    "expired": "This page was opened too long ago to confirm who you are. Please reload the page.",
    # The site's integration is at fault, not the visitor: say so plainly, it is their page.
    "expiry_too_far": "This website's sign-in for the chat is set up wrongly (expiry too far ahead).",
    "no_expiry": "This website's sign-in for the chat is set up wrongly (the signature has no expiry).",
}


def embed_site_for_key(key: Any) -> EmbedSite | None:
    """The active site with this public key, or None."""
    if not isinstance(key, str) or not key or len(key) > 40:
        return None
    return EmbedSite.objects.filter(key=key, active=True).first()


def embed_theme_colour(site: EmbedSite, requested: Any = "") -> str:
    """The colour the page asked for when it is a plain #rrggbb, else the site's own."""
    return requested if isinstance(requested, str) and _COLOUR.match(requested) else site.theme_color


def embed_frame_ancestors(site: EmbedSite | None) -> str:
    """The CSP that lets only the site's own pages frame the chat."""
    origins = site.origins() if site is not None else []
    safe = [o for o in origins if re.match(r"^https?://[A-Za-z0-9.\-\[\]:]+$", o)]
    return "frame-ancestors " + (" ".join(safe) if safe else "'none'")


def embed_customer_for_identity(identity: str) -> Customer | None:
    """The store customer a verified identity names: a customer id, or an email."""
    if "@" in identity:
        return Customer.objects.filter(email__iexact=identity).order_by("pk").first()
    return Customer.objects.filter(customer_id=identity).first()


def embed_signed_customer(
    *, site: EmbedSite, identity: str, signature: str, expires: str = "", client: str | None
) -> Customer:
    """The customer a site vouches for with a valid, unexpired signature; a refusal is audited
    with its reason and raises VerificationFailed with a message for the visitor."""
    refusal = embed_identity_refusal(site=site, identity=identity, signature=signature, expires=expires)
    if refusal is not None:
        identity_signed_refused(site=site.key, reason=refusal, client=client)
        raise VerificationFailed(_REFUSALS[refusal])
    customer = embed_customer_for_identity(identity)
    if customer is None:
        identity_signed_refused(site=site.key, reason="unknown_customer", client=client)
        raise VerificationFailed("We could not find your account. Please reload the page.")
    return customer


@transaction.atomic
def conversation_for_embed(
    *, session: Any, user: Any, site: EmbedSite, customer: Customer | None
) -> Conversation:
    """The visitor's conversation in this site's frame: the one bound to the session if it was
    started by this site for the same customer, otherwise a new one (bound to the session)."""
    current = conversation_for_session(session=session, user=user)
    if current is not None:
        same_customer = customer is None or current.customer_id == customer.pk
        if (
            current.embed_site_id == site.pk
            and same_customer
            and current.status != Conversation.Status.CLOSED
        ):
            return current
    conversation = conversation_start(
        user=user, channel=Conversation.Channel.WEB, customer=customer, embed_site=site
    )
    if customer is not None:
        # The site's signature proved who this is: the chat starts verified, not just identified.
        identity_verified_by_site(conversation_ref=str(conversation.pk), customer=customer, site=site.key)
    session[SESSION_KEY] = conversation.pk
    return conversation
