"""Back office for the router: its examples (editable) and its trained versions (read-only)."""

from django.contrib import admin, messages
from django.contrib.auth import get_permission_codename
from django.utils.html import format_html, format_html_join

from apps.audit.admin_changes import AuditedAdminMixin
from apps.routing.models import RouterExample, RouterModel
from apps.routing.services import router_model_activate

_MODEL_FIELDS = ("version", "created_at", "active", "trained_on", "labels", "artifact_size", "metrics_table")


@admin.register(RouterExample)
class RouterExampleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["text", "label", "source", "split", "active", "updated_at"]
    list_filter = ["label", "source", "split", "active"]
    list_editable = ["label", "active"]
    search_fields = ["text"]
    list_per_page = 100
    readonly_fields = ["created_at", "updated_at"]
    fields = ["text", "label", "source", "split", "active", "created_at", "updated_at"]

    def get_changeform_initial_data(self, request):
        return {"source": "admin", **super().get_changeform_initial_data(request)}


@admin.register(RouterModel)
class RouterModelAdmin(admin.ModelAdmin):
    list_display = ["version", "created_at", "trained_on", "macro_f1", "tier_accuracy", "active"]
    list_filter = ["active"]
    ordering = ["-version"]
    actions = ["activate_version"]
    fields = _MODEL_FIELDS
    readonly_fields = _MODEL_FIELDS

    @admin.display(description="held-out macro-F1")
    def macro_f1(self, obj):
        return _heldout(obj).get("macro_f1", "-")

    @admin.display(description="held-out tier accuracy")
    def tier_accuracy(self, obj):
        return _heldout(obj).get("tier_accuracy", "-")

    @admin.display(description="artifact")
    def artifact_size(self, obj):
        return f"{len(obj.artifact or b'') // 1024} KiB"

    @admin.display(description="metrics")
    def metrics_table(self, obj):
        per_label = _heldout(obj).get("per_label_f1", {})
        rows = format_html_join("", "<tr><td>{}</td><td>{}</td></tr>", per_label.items())
        tuning = obj.metrics.get("tuning", {})
        return format_html(
            "<p>held out: {} messages; tuning: C={}, CV macro-F1 {}, low confidence below {} "
            "or within {} of another tier</p><table><tr><th>label</th><th>F1</th></tr>{}</table>",
            _heldout(obj).get("n", 0),
            tuning.get("c", "-"),
            tuning.get("cv_macro_f1", "-"),
            tuning.get("min_top_probability", "-"),
            tuning.get("min_margin", "-"),
            rows,
        )

    @admin.action(description="Activate this version (and deactivate the others)", permissions=["activate"])
    def activate_version(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Select exactly one router version to activate.", messages.ERROR)
            return
        model = router_model_activate(version=queryset.get().version, actor=f"admin:{request.user.username}")
        self.message_user(request, f"Router v{model.version} now serves (within a few seconds).")

    def has_activate_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.{get_permission_codename('change', self.opts)}")

    def has_add_permission(self, request):
        return False  # versions come from `manage.py train_router`

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _heldout(obj: RouterModel) -> dict:
    heldout = (obj.metrics or {}).get("heldout", {})
    return heldout if isinstance(heldout, dict) else {}
