"""The embeddable chat: the loader script a site includes, the chat frame it opens, and a demo shop.

The frame is the chat page in a compact layout. Only the site's allowed origins may frame it
(Content-Security-Policy frame-ancestors); a signed identity (see apps/conversations/embed.py)
makes the chat start as that customer, verified; a bad signature gets a clear refusal and starts
nothing.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from apps.accounts.identity import VerificationFailed
from apps.conversations.embed import (
    conversation_for_embed,
    embed_frame_ancestors,
    embed_signed_customer,
    embed_site_for_key,
    embed_theme_colour,
    identity_signature,
)
from apps.core.clients import client_from_request

from .chat_views import chat_context

LOADER = Path(settings.BASE_DIR) / "static" / "embed" / "loader.js"
DEMO_SITE_KEY = "demo-shop"
DEMO_IDENTITY = "olivia_ito_3591"
# How long the demo shop's signature stays valid: a real shop signs each page it renders, for
# long enough that a customer who reads the page a while before opening the chat is not refused.
DEMO_SIGNATURE_SECONDS = 3600


def _refuse(request: HttpRequest, site, message: str, status: int) -> HttpResponse:
    response = render(request, "embed/refused.html", {"message": message}, status=status)
    response["Content-Security-Policy"] = embed_frame_ancestors(site)
    return response


@require_GET
@xframe_options_exempt  # framing is governed by the site's frame-ancestors instead
def embed_frame(request: HttpRequest) -> HttpResponse:
    site = embed_site_for_key(request.GET.get("site"))
    if site is None:
        return _refuse(request, None, "This chat is not set up for this website.", 404)
    identity = (request.GET.get("identity") or "").strip()
    customer = None
    if identity:
        try:
            customer = embed_signed_customer(
                site=site,
                identity=identity,
                signature=request.GET.get("signature") or "",
                expires=request.GET.get("expires") or "",
                client=client_from_request(request),
            )
        except VerificationFailed as refused:
            return _refuse(request, site, refused.message, 403)
    conversation = conversation_for_embed(
        session=request.session, user=request.user, site=site, customer=customer
    )
    context = {
        **chat_context(conversation),
        "embedded": True,
        "accent": embed_theme_colour(site, request.GET.get("color")),
    }
    response = render(request, "chat/chat.html", context)
    response["Content-Security-Policy"] = embed_frame_ancestors(site)
    return response


@require_GET
def embed_loader(request: HttpRequest) -> HttpResponse:
    """The one script a site includes; served at a stable address (static names may be hashed)."""
    response = HttpResponse(LOADER.read_text(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def embed_demo(request: HttpRequest) -> HttpResponse:
    """A sample shop page with the chat embedded, as a site would include it (`make run`)."""
    site = embed_site_for_key(DEMO_SITE_KEY)
    # The signature is made here only because this demo is its own "shop": a real site computes
    # it on its server with the secret from the back office, never in the browser, for each page.
    expires = int(time.time()) + DEMO_SIGNATURE_SECONDS
    signature = (
        identity_signature(secret=site.secret, identity=DEMO_IDENTITY, expires=expires)
        if site is not None
        else ""
    )
    return render(
        request,
        "embed/demo_shop.html",
        {
            "site": site,
            "identity": DEMO_IDENTITY,
            "signature": signature,
            "expires": expires,
            "signed": request.GET.get("signed") == "1",
        },
    )
