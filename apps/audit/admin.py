from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "stream", "seq", "kind", "actor"]
    list_filter = ["kind"]
    search_fields = ["stream", "actor", "kind"]
    ordering = ["-created_at", "-seq"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
