import json

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from apps.core.errors import ApplicationError

from .models import ArgumentBinding, RemoteTool, ToolSource
from .net import secret_check
from .openapi import DocumentError, document_parse
from .schemas import for_model
from .services import ImportReport, source_import, source_operations, source_read, source_test


class ToolSourceForm(forms.ModelForm):
    base_url = forms.URLField(
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="OpenAPI: where calls go (the document's first server if empty)",
    )
    upload = forms.FileField(
        required=False, help_text="an OpenAPI 3.0 or 3.1 document (JSON or YAML), instead of a URL"
    )

    class Meta:
        model = ToolSource
        fields = [
            "name",
            "kind",
            "location",
            "base_url",
            "enabled",
            "timeout_seconds",
            "retries",
            "writes_idempotent",
            "max_response_bytes",
            "secret_env",
            "auth_header",
            "auth_scheme",
            "test_operation",
        ]

    def clean(self):
        data = super().clean() or {}
        if data.get("secret_env"):
            try:
                secret_check(data["secret_env"])
            except ApplicationError as exc:
                raise forms.ValidationError({"secret_env": exc.message}) from exc
        upload = data.get("upload")
        if upload is not None:
            if data.get("kind") != ToolSource.Kind.OPENAPI:
                raise forms.ValidationError({"upload": "only an OpenAPI source takes an uploaded document"})
            try:
                self.instance.document = document_parse(upload.read())
            except DocumentError as exc:
                raise forms.ValidationError({"upload": str(exc)}) from exc
        elif (
            data.get("kind") == ToolSource.Kind.OPENAPI
            and not data.get("location")
            and not self.instance.document
        ):
            raise forms.ValidationError({"location": "give the document's URL or upload it"})
        return data


class _PreviewDone(Exception):
    def __init__(self, report: ImportReport) -> None:
        self.report = report


def _preview(source: ToolSource, document: dict, operations: list[str]) -> ImportReport:
    """What an import would do, computed by running it in a transaction that is rolled back."""
    try:
        with transaction.atomic():
            raise _PreviewDone(source_import(source=source, operations=operations, document=document))
    except _PreviewDone as done:
        return done.report


@admin.register(ToolSource)
class ToolSourceAdmin(admin.ModelAdmin):
    form = ToolSourceForm
    list_display = ["name", "kind", "location", "enabled", "tool_count", "last_success_at", "last_error_at"]
    list_filter = ["kind", "enabled"]
    readonly_fields = ["last_imported_at", "last_success_at", "last_error_at", "last_error"]
    actions = ["test_sources", "reimport_sources"]

    @admin.display(description="tools")
    def tool_count(self, obj):
        return obj.tools.count()

    def get_urls(self):
        view = self.admin_site.admin_view(self.operations_view)
        return [
            path("<int:pk>/operations/", view, name="toolsources_toolsource_operations"),
            *super().get_urls(),
        ]

    def response_add(self, request, obj, post_url_continue=None):
        # A new source goes straight to picking its operations.
        return HttpResponseRedirect(reverse("admin:toolsources_toolsource_operations", args=[obj.pk]))

    def operations_view(self, request, pk):
        source = get_object_or_404(ToolSource, pk=pk)
        if not self.has_change_permission(request, source):
            return HttpResponseRedirect(reverse("admin:index"))
        try:
            document = source_read(source)
        except ApplicationError as exc:
            self.message_user(request, f"The source cannot be read: {exc.message}", messages.ERROR)
            return HttpResponseRedirect(reverse("admin:toolsources_toolsource_change", args=[pk]))
        imported = set(source.tools.values_list("operation", flat=True))
        if request.method == "POST":
            chosen = [op for op in request.POST.getlist("operation") if op not in imported]
            try:
                report = source_import(
                    source=source,
                    operations=chosen,
                    document=document,
                    actor=f"admin:{request.user.get_username()}",
                )
            except ApplicationError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"{len(report.added)} tool(s) created, {len(report.changed)} changed, "
                    f"{len(report.removed)} disabled because they left the source.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:toolsources_remotetool_changelist") + f"?source__id__exact={pk}"
                )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Operations of {source.name}",
            "source": source,
            "operations": source_operations(source, document),
            "imported": imported,
            "preview": _preview(source, document, []),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/toolsources/operations.html", context)

    @admin.action(description="Test: call a read operation and record the outcome")
    def test_sources(self, request, queryset):
        for source in queryset:
            ok, message = source_test(source=source)
            self.message_user(
                request, f"{source.name}: {message}", messages.SUCCESS if ok else messages.ERROR
            )

    @admin.action(description="Re-import: refresh imported tools from the source")
    def reimport_sources(self, request, queryset):
        for source in queryset:
            try:
                report = source_import(source=source, actor=f"admin:{request.user.get_username()}")
            except ApplicationError as exc:
                self.message_user(request, f"{source.name}: {exc.message}", messages.ERROR)
                continue
            changes = "; ".join(f"{tool}: {', '.join(what)}" for tool, what in report.changed.items())
            self.message_user(
                request,
                f"{source.name}: {len(report.changed)} changed, {len(report.removed)} removed upstream "
                f"(disabled). {changes}",
                messages.WARNING if report.changed or report.removed else messages.SUCCESS,
            )


class ArgumentBindingInline(admin.TabularInline):
    model = ArgumentBinding
    extra = 1


@admin.register(RemoteTool)
class RemoteToolAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "source",
        "enabled",
        "kind",
        "permission",
        "needs_confirmation",
        "strict",
        "removed_upstream",
    ]
    list_filter = ["source", "enabled", "kind", "needs_confirmation", "strict", "removed_upstream"]
    list_editable = ["enabled"]
    search_fields = ["name", "operation", "description"]
    inlines = [ArgumentBindingInline]
    readonly_fields = [
        "source",
        "name",
        "operation",
        "method",
        "path",
        "strict",
        "non_strict_reason",
        "schema_for_model",
        "upstream_description",
        "removed_upstream",
        "updated_at",
    ]
    fields = [
        "source",
        "name",
        "operation",
        "method",
        "path",
        "enabled",
        "kind",
        "description",
        "upstream_description",
        "status_line",
        "permission",
        "needs_confirmation",
        "strict",
        "non_strict_reason",
        "schema_for_model",
        "removed_upstream",
        "updated_at",
    ]

    @admin.display(description="argument schema the model sees (before bindings are removed)")
    def schema_for_model(self, obj):
        return format_html("<pre>{}</pre>", json.dumps(for_model(obj.parameters), indent=2))

    def has_add_permission(self, request):
        return False  # tools come from importing a source
