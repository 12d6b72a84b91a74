"""Serializers parse requests and render rows; they never write (the services do)."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.conversations.models import Conversation, Handoff, Message


class ConversationSerializer(serializers.ModelSerializer):
    customer_id = serializers.CharField(source="customer.customer_id", default=None, read_only=True)

    class Meta:
        model = Conversation
        fields = ["id", "status", "channel", "customer_id", "created_at", "updated_at"]
        read_only_fields = fields


class MessageSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = ["id", "conversation", "role", "text", "client_id", "author", "created_at"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_author(self, message: Message) -> str | None:
        if message.author is None:
            return None
        return message.author.get_full_name() or message.author.get_username()


class MessageCreateSerializer(serializers.Serializer):
    text = serializers.CharField(trim_whitespace=False)
    client_id = serializers.CharField(max_length=64, required=False, allow_null=True, default=None)


class HandoffSerializer(serializers.ModelSerializer):
    claimed_by = serializers.CharField(source="claimed_by.get_username", default=None, read_only=True)
    waiting_seconds = serializers.SerializerMethodField()

    class Meta:
        model = Handoff
        fields = [
            "id",
            "conversation",
            "reason",
            "priority",
            "status",
            "summary",
            "context",
            "claimed_by",
            "claimed_at",
            "resolved_at",
            "created_at",
            "waiting_seconds",
        ]
        read_only_fields = fields

    def get_waiting_seconds(self, handoff: Handoff) -> int:
        end = handoff.claimed_at or handoff.resolved_at or timezone.now()
        return max(0, int((end - handoff.created_at).total_seconds()))


class AssistSerializer(serializers.Serializer):
    instruction = serializers.CharField(
        help_text='what the agent should do, e.g. "cancel #W4386313, ordered by mistake"'
    )


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
