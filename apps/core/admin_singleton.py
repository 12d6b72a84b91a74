"""Back-office pages for one-row settings (the queue's SLA, the guardrail policy).

The list of a one-row table is a page with nothing to read; the admin goes straight to the row's
form instead: its change page when the row exists, otherwise the add page, which shows the
defaults that apply while no row is saved (nothing is written by looking).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse


class SingletonAdmin(admin.ModelAdmin):
    singleton_pk = 1

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        opts = self.model._meta
        if self.model._default_manager.filter(pk=self.singleton_pk).exists():
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.singleton_pk])
        else:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        return HttpResponseRedirect(url)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not self.model._default_manager.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.pk = self.singleton_pk
        super().save_model(request, obj, form, change)

    def response_add(
        self, request: HttpRequest, obj: Any, post_url_continue: str | None = None
    ) -> HttpResponse:
        opts = self.model._meta
        self.message_user(request, "Settings saved.")
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        )

    def response_change(self, request: HttpRequest, obj: Any) -> HttpResponse:
        return self.response_add(request, obj)
