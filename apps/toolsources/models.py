"""Tool sources admins connect (an OpenAPI document, an MCP server) and the tools taken from them."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from apps.core.models import TimestampedModel

from .schemas import argument_paths

TOOL_NAME = RegexValidator(r"^[A-Za-z0-9_-]{1,64}$", "letters, digits, '_' and '-' only, at most 64")
SOURCE_NAME = RegexValidator(r"^[a-z][a-z0-9_]{0,23}$", "lower-case letters, digits and '_', at most 24")


class ToolSource(TimestampedModel):
    """Where remote tools come from, and how calls to it are made."""

    class Kind(models.TextChoices):
        OPENAPI = "openapi", "OpenAPI document"
        MCP_HTTP = "mcp_http", "MCP server (streamable HTTP)"
        MCP_STDIO = "mcp_stdio", "MCP server (local command, stdio)"

    name = models.CharField(
        max_length=24, unique=True, validators=[SOURCE_NAME], help_text="prefix of its tools' names"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    location = models.CharField(
        max_length=500,
        blank=True,
        help_text="the document's URL, the MCP server's URL or its command line; empty for an upload",
    )
    base_url = models.URLField(
        max_length=500, blank=True, help_text="OpenAPI: where calls go (the document's first server if empty)"
    )
    document = models.JSONField(
        default=dict, blank=True, editable=False, help_text="the OpenAPI document or MCP tool list last read"
    )
    enabled = models.BooleanField(default=True)
    timeout_seconds = models.FloatField(default=10.0)
    retries = models.PositiveSmallIntegerField(
        default=2, help_text="extra attempts for reads (and for writes if the source is idempotent)"
    )
    writes_idempotent = models.BooleanField(
        default=False, help_text="the service honours Idempotency-Key, so writes may be retried too"
    )
    max_response_bytes = models.PositiveIntegerField(default=262144)
    secret_env = models.CharField(
        max_length=100,
        blank=True,
        help_text="name of the environment variable holding the credential (never the value); "
        "it must be listed in SUPPORTAGENT_TOOL_SECRET_ENVS",
    )
    auth_header = models.CharField(max_length=100, blank=True, default="Authorization")
    auth_scheme = models.CharField(max_length=30, blank=True, default="Bearer")
    test_operation = models.CharField(
        max_length=200,
        blank=True,
        help_text="the read operation the admin's test calls (it must need no argument); "
        "empty: the first such one",
    )
    last_imported_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.timeout_seconds is not None and not 0 < self.timeout_seconds <= 120:
            raise ValidationError({"timeout_seconds": "between 0 and 120 seconds"})
        if self.retries is not None and self.retries > 5:
            raise ValidationError({"retries": "at most 5"})
        if self.kind in (self.Kind.MCP_HTTP, self.Kind.MCP_STDIO) and not self.location:
            raise ValidationError({"location": "an MCP source needs its URL or command"})


class RemoteTool(TimestampedModel):
    """One operation or MCP tool offered to the agent, with the settings admins control."""

    class Kind(models.TextChoices):
        READ = "read"
        WRITE = "write"

    source = models.ForeignKey(ToolSource, on_delete=models.CASCADE, related_name="tools")
    name = models.CharField(max_length=64, unique=True, validators=[TOOL_NAME])
    operation = models.CharField(max_length=200, help_text="operationId, or the MCP tool's name")
    method = models.CharField(max_length=10, blank=True)
    path = models.CharField(max_length=500, blank=True)
    enabled = models.BooleanField(default=True)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    description = models.TextField(help_text="what the model is told about the tool")
    status_line = models.CharField(max_length=200, help_text="shown to the customer while it runs")
    permission = models.CharField(
        max_length=100, blank=True, help_text='"app_label.codename"; empty means anyone may call it'
    )
    needs_confirmation = models.BooleanField(default=False)
    parameters = models.JSONField(help_text="the argument schema derived from the source", editable=False)
    wire = models.JSONField(default=dict, editable=False, help_text="where each argument goes in the request")
    strict = models.BooleanField(default=True, editable=False)
    non_strict_reason = models.TextField(blank=True, editable=False)
    upstream_hash = models.CharField(max_length=64, editable=False)
    upstream_description = models.TextField(blank=True, editable=False)
    removed_upstream = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["source", "operation"], name="one_tool_per_source_operation")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.permission:
            app_label, _, codename = self.permission.partition(".")
            if not Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists():
                raise ValidationError({"permission": f"no permission {self.permission!r} exists"})
        elif self.kind == self.Kind.WRITE:
            raise ValidationError({"permission": "a tool that changes data must require a permission"})


class ArgumentBinding(models.Model):
    """An argument the server fills in: hidden from the model, so it can never name another value."""

    class Source(models.TextChoices):
        CUSTOMER_ID = "customer_id", "the conversation's verified customer: their id"
        CUSTOMER_EMAIL = "customer_email", "the conversation's verified customer: their email"
        CONSTANT = "constant", "a constant"

    tool = models.ForeignKey(RemoteTool, on_delete=models.CASCADE, related_name="bindings")
    argument = models.CharField(
        max_length=200, help_text='a top-level argument, or one field of the body: "body.email"'
    )
    source = models.CharField(max_length=20, choices=Source.choices)
    value = models.CharField(max_length=500, blank=True, help_text="the constant (for a constant binding)")

    class Meta:
        ordering = ["tool", "argument"]
        constraints = [models.UniqueConstraint(fields=["tool", "argument"], name="one_binding_per_argument")]

    def __str__(self) -> str:
        return f"{self.tool.name}.{self.argument} <- {self.source}"

    def clean(self) -> None:
        if self.source == self.Source.CONSTANT and not self.value:
            raise ValidationError({"value": "a constant binding needs its value"})
        if self.tool_id is not None:
            known = argument_paths(self.tool.parameters)
            if self.argument not in known:
                known_list = ", ".join(sorted(known))
                raise ValidationError(
                    {"argument": f"{self.tool.name} has no argument {self.argument!r} ({known_list})"}
                )
