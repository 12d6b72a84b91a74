from django.contrib import admin

from apps.agent.models import AgentStep, AgentTurn, ModelCall, ModelTier
from apps.audit.admin_changes import AuditedAdminMixin


@admin.register(ModelTier)
class ModelTierAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "model",
        "api",
        "base_url",
        "api_key_env",
        "enabled",
        "input_price_per_million",
        "output_price_per_million",
    ]
    list_editable = ["enabled"]
    fields = [
        "name",
        "enabled",
        "model",
        "base_url",
        "api_key_env",
        "api",
        "reasoning_effort",
        "require_reason",
        "stream",
        "timeout_seconds",
        "max_retries",
        "extra_params",
        "input_price_per_million",
        "output_price_per_million",
    ]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ModelCall)
class ModelCallAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "conversation",
        "tier",
        "engine",
        "model",
        "ok",
        "input_tokens",
        "output_tokens",
        "cost",
        "latency_ms",
    ]
    list_filter = ["tier", "engine", "ok"]
    search_fields = ["model", "conversation__id"]


class AgentStepInline(admin.TabularInline):
    model = AgentStep
    extra = 0
    can_delete = False
    fields = ["number", "tier", "thought", "tool_name", "arguments", "ok", "observation"]
    readonly_fields = ["number", "tier", "thought", "tool_name", "arguments", "ok", "observation"]


@admin.register(AgentTurn)
class AgentTurnAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "conversation", "route_label", "tier", "outcome", "status"]
    list_filter = ["route_label", "tier", "outcome", "status"]
    inlines = [AgentStepInline]
