from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import models

from apps.core.models import TimestampedModel


class Tool(TimestampedModel):
    """The admin-editable side of a registered tool. Its schema and kind stay in code."""

    name = models.CharField(max_length=64, unique=True)
    enabled = models.BooleanField(default=True)
    kind = models.CharField(max_length=8, editable=False, help_text="read or write; set in code")
    description = models.TextField(help_text="what the model is told about the tool")
    status_line = models.CharField(
        max_length=200, help_text='shown to the customer while it runs, e.g. "Checking order {order_id}..."'
    )
    permission = models.CharField(
        max_length=100, blank=True, help_text='"app_label.codename"; empty means anyone may call it'
    )
    needs_confirmation = models.BooleanField(
        default=False, help_text="runs only after the customer explicitly agrees"
    )
    in_registry = models.BooleanField(default=True, editable=False, help_text="false once removed from code")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.permission:
            app_label, _, codename = self.permission.partition(".")
            if not Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists():
                raise ValidationError({"permission": f"no permission {self.permission!r} exists"})
        elif self.kind == "write":
            raise ValidationError({"permission": "a tool that changes data must require a permission"})


class ToolCall(models.Model):
    """The stored result of a call made with an idempotency key, so a repeat returns it unchanged."""

    idempotency_key = models.CharField(max_length=64, unique=True)
    conversation_ref = models.CharField(max_length=64, db_index=True)
    step = models.IntegerField()
    tool_name = models.CharField(max_length=64)
    arguments = models.JSONField()
    principal = models.JSONField()
    ok = models.BooleanField(default=False)
    error_code = models.CharField(max_length=64, blank=True)
    text = models.TextField(blank=True)
    data = models.JSONField(null=True)
    duration_ms = models.FloatField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["conversation_ref", "step", "id"]

    def __str__(self) -> str:
        return f"{self.tool_name} @ {self.conversation_ref}/{self.step}"
