import json

from django import forms
from django.contrib import admin
from django.utils.html import format_html

from apps.audit.admin_changes import AuditedAdminMixin
from apps.knowledge.terms import policy_terms

from .models import Tool, ToolCall
from .registry import registry
from .selectors import tool_settings_problems

_DESCRIPTION_HELP = (
    "What the model is told about the tool. Quote a store policy term with its fact's key, "
    "hyphens as underscores: {refund_time_paypal} gives the fact's figure, "
    "{refund_time_paypal:within} reads as a timing. They are filled in from the knowledge base "
    "whenever the tool is offered; anything else in braces is left as written."
)


class ToolForm(forms.ModelForm):
    class Meta:
        model = Tool
        fields = ["enabled", "description", "status_line", "permission", "needs_confirmation"]

    def _post_clean(self):
        # After the model's own checks, so an unknown permission is reported as such first.
        super()._post_clean()  # type: ignore[misc]
        problems = tool_settings_problems(
            self.instance.name,
            permission=self.cleaned_data.get("permission") or None,
            needs_confirmation=bool(self.cleaned_data.get("needs_confirmation")),
        )
        for field, problem in problems.items():
            if not self.has_error(field):
                self.add_error(field, problem)


@admin.register(Tool)
class ToolAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = ToolForm
    list_display = ["name", "enabled", "kind", "permission", "needs_confirmation", "in_registry"]
    list_filter = ["enabled", "kind", "needs_confirmation", "in_registry"]
    list_editable = ["enabled"]
    search_fields = ["name", "description", "permission"]
    readonly_fields = ["name", "kind", "in_registry", "schema", "description_for_model", "updated_at"]
    fields = [
        "name",
        "enabled",
        "kind",
        "description",
        "description_for_model",
        "status_line",
        "permission",
        "needs_confirmation",
        "schema",
        "in_registry",
        "updated_at",
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["help_texts"] = {"description": _DESCRIPTION_HELP, **kwargs.get("help_texts", {})}
        return super().get_form(request, obj, change, **kwargs)

    @admin.display(description="description as the model reads it (terms in force filled in)")
    def description_for_model(self, obj):
        return format_html("<pre>{}</pre>", policy_terms().render(obj.description or ""))

    @admin.display(description="argument schema (defined in code)")
    def schema(self, obj):
        tool = registry.get(obj.name)
        if tool is None:
            return "(no longer in the code)"
        return format_html("<pre>{}</pre>", json.dumps(tool.parameters, indent=2))

    def has_add_permission(self, request):
        return False  # rows come from `manage.py sync_tools`


@admin.register(ToolCall)
class ToolCallAdmin(admin.ModelAdmin):
    list_display = ["created_at", "conversation_ref", "step", "tool_name", "ok", "error_code", "duration_ms"]
    list_filter = ["ok", "tool_name"]
    search_fields = ["conversation_ref", "tool_name", "idempotency_key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
