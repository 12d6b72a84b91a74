"""Back-office pages for facts and articles. Saves and deletes go through the services, which audit them."""

from django.contrib import admin

from .models import Article, Fact
from .services import knowledge_row_delete, knowledge_row_save


def _actor(request) -> str:
    return f"admin:user#{request.user.pk}"


class AuditedAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        knowledge_row_save(row=obj, actor=_actor(request))

    def delete_model(self, request, obj):
        knowledge_row_delete(row=obj, actor=_actor(request))

    def delete_queryset(self, request, queryset):
        # One audited delete per row, so the trail names every fact or article removed.
        for obj in queryset:
            knowledge_row_delete(row=obj, actor=_actor(request))


@admin.register(Fact)
class FactAdmin(AuditedAdmin):
    list_display = ["key", "value", "unit", "kind", "scope", "effective_from", "effective_to", "updated_at"]
    list_filter = ["kind", "scope", "unit"]
    search_fields = ["key", "value", "statement", "source"]
    readonly_fields = ["created_at", "updated_at"]
    fields = [
        "key",
        "kind",
        "value",
        "unit",
        "scope",
        "statement",
        "source",
        "effective_from",
        "effective_to",
        "created_at",
        "updated_at",
    ]


@admin.register(Article)
class ArticleAdmin(AuditedAdmin):
    list_display = ["question", "tags", "active", "updated_at"]
    list_filter = ["active"]
    list_editable = ["active"]
    search_fields = ["question", "answer", "tags"]
    readonly_fields = ["created_at", "updated_at"]
    fields = ["question", "answer", "tags", "active", "created_at", "updated_at"]
