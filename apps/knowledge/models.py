from django.db import models

from apps.core.models import TimestampedModel


class Fact(TimestampedModel):
    """One checkable fact: a store policy term, a fee, a window, a price."""

    class Kind(models.TextChoices):
        MONEY = "money"
        DURATION = "duration"
        PERCENTAGE = "percentage"
        DATE = "date"
        TEXT = "text"

    key = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    value = models.CharField(max_length=500, help_text="the value as text, e.g. '30', '4.99', 'gift card'")
    unit = models.CharField(max_length=20, blank=True, help_text="e.g. 'days', 'business days', 'USD'")
    scope = models.CharField(max_length=120, default="store-policy", db_index=True)
    statement = models.TextField(help_text="the fact in one sentence, as a customer would read it")
    source = models.CharField(max_length=200, blank=True)
    effective_from = models.DateField(null=True, blank=True)
    effective_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["scope", "key"]

    def __str__(self) -> str:
        return f"{self.key} = {self.value} {self.unit}".strip()


class Article(TimestampedModel):
    """A question customers ask and the store's answer to it."""

    question = models.CharField(max_length=300)
    answer = models.TextField()
    tags = models.CharField(max_length=300, blank=True, help_text="comma separated")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["question"]

    def __str__(self) -> str:
        return self.question


class GuardrailPolicy(TimestampedModel):
    """The admins' choices for the answer guardrails. One row (pk 1); missing means the defaults."""

    SINGLETON_PK = 1

    handoff_on_block = models.BooleanField(
        default=True,
        help_text="when an answer is blocked (not repairable), also hand the conversation to a person",
    )

    class Meta:
        verbose_name = "guardrail policy"
        verbose_name_plural = "guardrail policy"

    def __str__(self) -> str:
        return "Guardrail policy"
