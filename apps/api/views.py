"""The REST API: conversations, their messages, and the handoff queue. Each view is one call long."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response

from apps.agent.dispatch import assist_request
from apps.conversations.handoff_selectors import (
    conversations_visible_to,
    handoffs_for_staff,
    messages_visible_to,
)
from apps.conversations.handoffs import (
    handoff_claim,
    handoff_release,
    handoff_resolve,
    supervisor_reply,
)
from apps.conversations.models import Message
from apps.conversations.services import message_post
from apps.conversations.throttles import customer_message_admit
from apps.core.clients import client_from_request

from .errors import ServiceErrors
from .permissions import IsStaff
from .serializers import (
    AssistSerializer,
    ConversationSerializer,
    ErrorSerializer,
    HandoffSerializer,
    MessageCreateSerializer,
    MessageSerializer,
)

REFUSALS = {
    400: OpenApiResponse(ErrorSerializer, description="invalid input"),
    403: OpenApiResponse(ErrorSerializer, description="not allowed for this user"),
    404: OpenApiResponse(ErrorSerializer, description="no such handoff"),
    409: OpenApiResponse(ErrorSerializer, description="the handoff is not in a state that allows this"),
    429: OpenApiResponse(ErrorSerializer, description="too many messages; wait and try again"),
}


class Page(LimitOffsetPagination):
    default_limit = 50
    max_limit = 200


class ConversationViewSet(ServiceErrors, viewsets.ReadOnlyModelViewSet):
    """Conversations: staff see all of them, a customer only their own."""

    lookup_value_regex = "[0-9]+"  # ids are numbers: anything else is 404, never a 500
    serializer_class = ConversationSerializer
    pagination_class = Page

    def get_queryset(self):
        return conversations_visible_to(self.request.user).order_by("-created_at", "-id")

    @extend_schema(
        parameters=[
            OpenApiParameter("after", OpenApiTypes.INT, description="only messages with a larger id")
        ],
        responses=MessageSerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def messages(self, request, pk=None):
        """The conversation's messages, oldest first."""
        after = request.query_params.get("after", "0")
        rows = messages_visible_to(
            request.user, self.get_object(), after=int(after) if after.isdigit() else 0
        )
        return Response(MessageSerializer(rows, many=True).data)

    @extend_schema(
        request=MessageCreateSerializer,
        responses={201: MessageSerializer, 200: MessageSerializer, **REFUSALS},
        description=(
            "Post a message. A customer's message is stored and answered by the agent; a staff member's "
            "is a supervisor reply (they must have claimed the chat, or be an admin). A repeated client_id "
            "returns the message already stored (200)."
        ),
    )
    @messages.mapping.post
    def messages_create(self, request, pk=None):
        body = MessageCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        conversation = self.get_object()
        if request.user.is_staff:
            message, created = supervisor_reply(
                conversation_id=conversation.pk, user=request.user, **body.validated_data
            )
        else:
            client = client_from_request(request)
            customer_message_admit(
                conversation_id=conversation.pk, session_key=request.session.session_key, client=client
            )
            message, created = message_post(
                conversation=conversation,
                role=Message.Role.CUSTOMER,
                author=request.user,
                meta={"client": client} if client else None,
                **body.validated_data,
            )
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(MessageSerializer(message).data, status=code)


class HandoffViewSet(
    ServiceErrors, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The handoff queue (staff only). Claiming is atomic: of two at once, one gets 409."""

    lookup_value_regex = "[0-9]+"  # ids are numbers: anything else is 404, never a 500
    serializer_class = HandoffSerializer
    permission_classes = [IsStaff]
    pagination_class = Page

    def get_queryset(self):
        return handoffs_for_staff(status=self.request.query_params.get("status"))

    @extend_schema(
        parameters=[OpenApiParameter("status", str, enum=["waiting", "claimed", "resolved", "released"])]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=None, responses={200: HandoffSerializer, **REFUSALS})
    @action(detail=True, methods=["post"])
    def claim(self, request, pk=None):
        """Claim a waiting chat for yourself."""
        return Response(HandoffSerializer(handoff_claim(handoff_id=int(pk), user=request.user)).data)

    @extend_schema(request=None, responses={200: HandoffSerializer, **REFUSALS})
    @action(detail=True, methods=["post"])
    def release(self, request, pk=None):
        """Hand the chat back to the agent (the claimer or an admin)."""
        return Response(HandoffSerializer(handoff_release(handoff_id=int(pk), user=request.user)).data)

    @extend_schema(request=None, responses={200: HandoffSerializer, **REFUSALS})
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        """Close the chat (the claimer, or an admin)."""
        return Response(HandoffSerializer(handoff_resolve(handoff_id=int(pk), user=request.user)).data)

    @extend_schema(
        request=AssistSerializer,
        responses={202: OpenApiResponse(description="queued; the customer gets the result"), **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def assist(self, request, pk=None):
        """Ask the agent to act in this claimed chat, with your own permissions."""
        body = AssistSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        handoff = self.get_object()
        assist_request(conversation_id=handoff.conversation_id, user=request.user, **body.validated_data)
        return Response({"queued": True}, status=status.HTTP_202_ACCEPTED)
