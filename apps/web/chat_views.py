"""The customer's chat page. Views stay one call long; the socket does the live part."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from apps.conversations.identity import conversation_verify_signed
from apps.conversations.models import Conversation
from apps.conversations.requests import conversation_person_request
from apps.conversations.throttles import RateLimited
from apps.conversations.visitors import conversation_for_session, conversation_for_visitor, messages_after
from apps.core.clients import client_from_request
from apps.core.conf import product_setting
from apps.core.errors import ApplicationError, InvalidRequest


@require_GET
def chat_page(request: HttpRequest) -> HttpResponse:
    client = client_from_request(request)
    try:
        conversation = conversation_for_visitor(session=request.session, user=request.user, client=client)
    except RateLimited as exc:
        return HttpResponse(exc.message, status=429, content_type="text/plain")
    if request.GET.get("signature"):
        # A site embedding the chat vouches for its signed-in customer (see README, Identity).
        try:
            conversation_verify_signed(
                conversation=conversation,
                site=request.GET.get("site", "")[:64],
                customer=request.GET.get("customer", "")[:254],
                signature=request.GET.get("signature", "")[:128],
                client=client,
            )
        except ApplicationError as exc:
            return HttpResponse(exc.message, status=403, content_type="text/plain")
    messages = list(messages_after(conversation_id=conversation.pk, after=0))
    return render(
        request,
        "chat/chat.html",
        {
            "conversation": conversation,
            "messages": messages,
            "last_id": messages[-1].pk if messages else 0,
            "offline": any((m.meta or {}).get("engine") == "offline" for m in messages),
            "closed": conversation.status == Conversation.Status.CLOSED,
            "max_chars": product_setting("MAX_MESSAGE_CHARS"),
        },
    )


@require_POST
def chat_new(request: HttpRequest) -> HttpResponse:
    try:
        conversation_for_visitor(
            session=request.session, user=request.user, fresh=True, client=client_from_request(request)
        )
    except RateLimited as exc:
        return HttpResponse(exc.message, status=429, content_type="text/plain")
    return redirect("chat")


@require_POST
def chat_person(request: HttpRequest) -> HttpResponse:
    conversation = conversation_for_session(session=request.session, user=request.user)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    if conversation is None:
        return HttpResponse(status=409) if wants_json else redirect("chat")
    try:
        conversation_person_request(conversation=conversation)
    except InvalidRequest as exc:
        return HttpResponse(exc.message, status=409, content_type="text/plain")
    # The page hears about it on its socket; without JavaScript the form reloads the page.
    return HttpResponse(status=204) if wants_json else redirect("chat")
