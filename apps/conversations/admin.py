from django.contrib import admin

from apps.audit.admin_changes import AuditedAdminMixin
from apps.core.admin_singleton import SingletonAdmin

from .models import CannedReply, Conversation, EmbedSite, Handoff, Message, QueueSettings


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    can_delete = False
    fields = ("created_at", "role", "text", "client_id")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class HandoffInline(admin.TabularInline):
    model = Handoff
    extra = 0
    can_delete = False
    fields = ("created_at", "reason", "priority", "status", "summary", "claimed_by")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ["id", "created_at", "customer", "channel", "status"]
    list_filter = ["status", "channel"]
    ordering = ["-created_at"]
    date_hierarchy = "created_at"
    search_fields = ["id", "customer__customer_id", "customer__email"]
    readonly_fields = [
        "user",
        "customer",
        "channel",
        "state",
        "turn_lease_owner",
        "turn_lease_until",
        "created_at",
        "updated_at",
    ]
    inlines = [MessageInline, HandoffInline]


@admin.register(Handoff)
class HandoffAdmin(admin.ModelAdmin):
    list_display = ["created_at", "conversation", "reason", "priority", "status", "claimed_by"]
    list_filter = ["status", "reason", "priority"]
    ordering = ["-created_at"]
    date_hierarchy = "created_at"
    search_fields = ["conversation__id", "summary"]
    readonly_fields = [
        "conversation",
        "reason",
        "summary",
        "context",
        "claimed_at",
        "resolved_at",
        "escalated_at",
        "created_at",
        "updated_at",
    ]


@admin.register(QueueSettings)
class QueueSettingsAdmin(AuditedAdminMixin, SingletonAdmin):
    """One row: the SLA after which a waiting chat's priority is raised (by the beat task)."""

    fields = ["sla_minutes", "updated_at"]
    readonly_fields = ["updated_at"]


@admin.register(CannedReply)
class CannedReplyAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Saved replies: supervisors pick them in the console or type /shortcut then Tab."""

    list_display = ["title", "shortcut", "active", "updated_at"]
    list_filter = ["active"]
    list_editable = ["active"]
    search_fields = ["title", "shortcut", "text"]
    ordering = ["title"]


@admin.register(EmbedSite)
class EmbedSiteAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Sites that embed the chat: where it may appear, its colour, the secret identities are signed with."""

    list_display = ["name", "key", "theme_color", "active", "updated_at"]
    list_filter = ["active"]
    search_fields = ["name", "key", "allowed_origins"]
    readonly_fields = ["snippet", "created_at", "updated_at"]
    fields = [
        "name",
        "active",
        "allowed_origins",
        "theme_color",
        "key",
        "secret",
        "unexpiring_signatures",
        "snippet",
        "created_at",
        "updated_at",
    ]

    @admin.display(description="script tag")
    def snippet(self, obj):
        if obj is None or not obj.pk:
            return "Save the site to get its script tag."
        return (
            f'<script src="https://YOUR-SUPPORT-HOST/embed/chat.js" data-site="{obj.key}" '
            'data-identity="CUSTOMER ID OR EMAIL" data-expires="UNIX SECONDS" '
            'data-signature="HEX HMAC-SHA256 OF v2, IDENTITY AND EXPIRES, ONE PER LINE" async></script>'
        )
