"""The customer's chat page. Views stay one call long; the socket does the live part."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from apps.conversations.handoff_selectors import conversation_read_by_staff, handoff_standing
from apps.conversations.models import Conversation
from apps.conversations.requests import conversation_person_request
from apps.conversations.visitors import conversation_for_session, conversation_for_visitor, messages_after
from apps.core.conf import product_setting
from apps.core.errors import InvalidRequest


def chat_context(conversation: Conversation) -> dict[str, Any]:
    """What the chat page (and the embedded chat) renders for a conversation."""
    messages = list(messages_after(conversation_id=conversation.pk, after=0))
    return {
        "conversation": conversation,
        "messages": messages,
        "last_id": messages[-1].pk if messages else 0,
        "offline": any((m.meta or {}).get("engine") == "offline" for m in messages),
        "closed": conversation.status == Conversation.Status.CLOSED,
        "max_chars": product_setting("MAX_MESSAGE_CHARS"),
        "standing": handoff_standing(conversation.pk),
        "read_upto": conversation_read_by_staff(conversation.pk),
    }


@require_GET
def chat_page(request: HttpRequest) -> HttpResponse:
    conversation = conversation_for_visitor(session=request.session, user=request.user)
    return render(request, "chat/chat.html", chat_context(conversation))


@require_POST
def chat_new(request: HttpRequest) -> HttpResponse:
    conversation_for_visitor(session=request.session, user=request.user, fresh=True)
    # The embedded chat starts afresh in its frame; anything else goes back to the chat page.
    back = request.POST.get("next", "")
    if back.startswith("/embed/") and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}
    ):
        return redirect(back)
    return redirect("chat")


@require_POST
def chat_person(request: HttpRequest) -> HttpResponse:
    conversation = conversation_for_session(session=request.session, user=request.user)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    if conversation is None:
        return HttpResponse(status=409) if wants_json else redirect("chat")
    try:
        _handoff, created = conversation_person_request(conversation=conversation)
    except InvalidRequest as exc:
        return HttpResponse(exc.message, status=409, content_type="text/plain")
    # The page hears about it on its socket too; without JavaScript the form reloads the page.
    # A second press gets a plain answer: where the chat stands (queue place, or who has it).
    if wants_json:
        return JsonResponse({"created": created, **handoff_standing(conversation.pk)})
    return redirect("chat")
