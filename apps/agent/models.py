from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models

from apps.core.models import TimestampedModel

from .endpoints import endpoint_problems


class ModelTier(TimestampedModel):
    """One model endpoint the router can send turns to. The key itself never lives here."""

    class Name(models.TextChoices):
        FAST = "fast"
        REASONING = "reasoning"

    name = models.CharField(max_length=16, choices=Name.choices, unique=True)
    model = models.CharField(max_length=100, help_text="model id, e.g. gpt-4.1")
    base_url = models.URLField(blank=True, help_text="empty for OpenAI; any OpenAI-compatible endpoint")
    api_key_env = models.CharField(
        max_length=100, default="OPENAI_API_KEY", help_text="name of the environment variable holding the key"
    )

    class Api(models.TextChoices):
        CHAT_COMPLETIONS = "chat_completions", "Chat Completions"
        RESPONSES = "responses", "Responses"

    class ReasoningEffort(models.TextChoices):
        MINIMAL = "minimal"
        LOW = "low"
        MEDIUM = "medium"
        HIGH = "high"

    api = models.CharField(
        max_length=16,
        choices=Api.choices,
        default=Api.CHAT_COMPLETIONS,
        help_text=(
            "Responses for OpenAI's reasoning models (reasoning carried between tool calls, "
            "reasoning summaries); Chat Completions for any compatible server (Azure, vLLM, Ollama)"
        ),
    )
    reasoning_effort = models.CharField(
        max_length=8,
        choices=ReasoningEffort.choices,
        blank=True,
        help_text="blank: not sent. Set it for reasoning models only; others reject it",
    )
    require_reason = models.BooleanField(
        default=False,
        help_text=(
            "refuse a tool call that comes without a stated reason (text, preamble or reasoning "
            "summary) and ask the model again; unticked, the call runs and the trail records "
            "that no reason was given"
        ),
    )
    stream = models.BooleanField(
        default=True,
        help_text=(
            "stream replies, so the timeout bounds the silence between two events and a stalled "
            "endpoint falls back early; untick for servers that cannot stream tool calls"
        ),
    )
    timeout_seconds = models.FloatField(default=30)
    max_retries = models.PositiveSmallIntegerField(default=2)
    extra_params = models.JSONField(default=dict, blank=True, help_text='e.g. {"temperature": 0}')
    input_price_per_million = models.DecimalField(max_digits=10, decimal_places=4, default=Decimal("0"))
    output_price_per_million = models.DecimalField(max_digits=10, decimal_places=4, default=Decimal("0"))
    enabled = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}: {self.model}"

    def clean(self) -> None:
        super().clean()
        problems = endpoint_problems(api_key_env=self.api_key_env, base_url=self.base_url)
        if problems:
            raise ValidationError(problems)


class ModelCall(models.Model):
    """One call to a model (or the offline engine): tokens, cost and latency."""

    conversation = models.ForeignKey(
        "conversations.Conversation", null=True, on_delete=models.CASCADE, related_name="model_calls"
    )
    tier = models.CharField(max_length=16)
    engine = models.CharField(max_length=16, help_text="openai or offline")
    model = models.CharField(max_length=100)
    ok = models.BooleanField(default=True)
    error = models.CharField(max_length=300, blank=True)
    input_tokens = models.PositiveIntegerField(default=0)
    output_tokens = models.PositiveIntegerField(default=0)
    cost = models.DecimalField(max_digits=12, decimal_places=6, default=Decimal("0"))
    latency_ms = models.FloatField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.engine}:{self.model} ({self.tier})"


class AgentTurn(TimestampedModel):
    """The agent's work on one customer message."""

    class Status(models.TextChoices):
        RUNNING = "running"
        DONE = "done"

    message = models.OneToOneField("conversations.Message", on_delete=models.CASCADE, related_name="turn")
    conversation = models.ForeignKey(
        "conversations.Conversation", on_delete=models.CASCADE, related_name="turns"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.RUNNING)
    route_label = models.CharField(max_length=16, blank=True)
    tier = models.CharField(max_length=16, blank=True)
    outcome = models.CharField(max_length=16, blank=True, help_text="answer, handoff")
    answer = models.ForeignKey(
        "conversations.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["conversation_id", "id"]

    def __str__(self) -> str:
        return f"turn for message {self.message_id}"


class AgentStep(models.Model):
    """One thought -> action -> observation of the loop, stored as it happens.

    `number` counts across the conversation and is the step of the tool call's idempotency
    key, so a redelivered turn replays its stored steps instead of acting twice.
    """

    turn = models.ForeignKey(AgentTurn, on_delete=models.CASCADE, related_name="steps")
    conversation = models.ForeignKey(
        "conversations.Conversation", on_delete=models.CASCADE, related_name="agent_steps"
    )
    number = models.PositiveIntegerField()
    tier = models.CharField(max_length=16)
    thought = models.TextField(blank=True)
    tool_name = models.CharField(max_length=64)
    tool_call_id = models.CharField(max_length=100, blank=True)
    arguments = models.TextField(help_text="as the model sent them")
    observation = models.TextField()
    ok = models.BooleanField()
    data = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["conversation_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "number"], name="agent_step_number_unique")
        ]

    def __str__(self) -> str:
        return f"step {self.number}: {self.tool_name}"
