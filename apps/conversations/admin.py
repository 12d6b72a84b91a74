from django.contrib import admin

from apps.audit.admin_changes import AuditedAdminMixin

from .models import Conversation, Handoff, Message, QueueSettings


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    can_delete = False
    fields = ["created_at", "role", "text", "client_id"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class HandoffInline(admin.TabularInline):
    model = Handoff
    extra = 0
    can_delete = False
    fields = ["created_at", "reason", "priority", "status", "summary", "claimed_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ["id", "created_at", "customer", "channel", "status"]
    list_filter = ["status", "channel"]
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
class QueueSettingsAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """One row: the SLA after which a waiting chat's priority is raised (by the beat task)."""

    list_display = ["__str__", "sla_minutes", "updated_at"]

    def has_add_permission(self, request):
        return not QueueSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
