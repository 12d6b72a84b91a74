from django.conf import settings
from django.db import models

from apps.core.models import TimestampedModel


class Conversation(TimestampedModel):
    """A chat between a customer and the platform (the agent, then perhaps a person)."""

    class Status(models.TextChoices):
        ACTIVE = "active"  # the agent answers
        HANDOFF = "handoff"  # waiting for, or with, a person
        CLOSED = "closed"

    class Channel(models.TextChoices):
        WEB = "web"
        CLI = "cli"
        API = "api"

    # The signed-in visitor, if any; anonymous visitors are authenticated by the agent.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The store customer the conversation acts for, once known (by sign-in or by the agent).
    customer = models.ForeignKey(
        "commerce.Customer", null=True, blank=True, on_delete=models.SET_NULL, related_name="conversations"
    )
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.WEB)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    # Structured state every tier sees: order ids, current intent, running summary, the
    # action awaiting the customer's yes, whether a transaction is open, the current tier.
    state = models.JSONField(default=dict, blank=True)
    # A lease, not a lock held across a model call: one turn at a time per conversation.
    turn_lease_owner = models.CharField(max_length=64, blank=True)
    turn_lease_until = models.DateTimeField(null=True, blank=True)
    # Counts the messages the customer can see; every live event carries it, so a page that
    # sees a number jump knows it missed something and resumes.
    seq = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"conversation {self.pk}"


class Message(models.Model):
    class Role(models.TextChoices):
        CUSTOMER = "customer"
        AGENT = "agent"
        SUPERVISOR = "supervisor"
        SYSTEM = "system"

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    role = models.CharField(max_length=12, choices=Role.choices)
    text = models.TextField()
    # The sender's own id for the message, so a resent message is stored once.
    client_id = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001 (NULL: no id given)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    meta = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # The conversation's sequence number when this message was stored (None: internal notes).
    seq = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["conversation_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "client_id"],
                condition=models.Q(client_id__isnull=False),
                name="message_client_id_unique_per_conversation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.text[:60]}"


class PendingTurn(models.Model):
    """A customer message the agent owes an answer: written with the message, deleted with the
    turn that answers it. The sweeper re-dispatches any that wait too long, so a lost queue
    entry, a failed enqueue or a dead worker never leaves a message unanswered."""

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="pending_turn")
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="pending_turns")
    created_at = models.DateTimeField(auto_now_add=True)
    # When the sweeper may next dispatch it again if it is still here.
    due_at = models.DateTimeField(db_index=True)
    dispatches = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["message_id"]

    def __str__(self) -> str:
        return f"pending turn for message {self.message_id}"


class Handoff(TimestampedModel):
    """A conversation handed to people, with why and what they need to pick it up."""

    class Reason(models.TextChoices):
        ROUTER = "router", "the customer asked for a person"
        BUTTON = "button", "the customer pressed 'Talk to a person'"
        TOOL_FAILURES = "tool_failures", "tool calls kept failing"
        GUARDRAIL = "guardrail", "a guardrail blocked an answer"
        OFFLINE = "offline", "the offline engine could not help"
        STEP_LIMIT = "step_limit", "the agent ran out of steps"
        MODEL_DOWN = "model_down", "no model endpoint answered"
        AGENT = "agent", "the agent transferred the chat"
        MODEL_REFUSED = "model_refused", "the model refused, or its provider's filter stopped it"

    class Status(models.TextChoices):
        WAITING = "waiting"
        CLAIMED = "claimed"
        RESOLVED = "resolved"
        RELEASED = "released"  # handed back to the agent

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="handoffs")
    reason = models.CharField(max_length=16, choices=Reason.choices)
    priority = models.PositiveSmallIntegerField(default=2, help_text="1 is the most urgent")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING, db_index=True)
    summary = models.TextField(blank=True)
    context = models.JSONField(default=dict, blank=True, help_text="entities and the agent's last steps")
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    # When the SLA task last raised the priority, so each overdue period raises it once.
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["priority", "created_at"]

    def __str__(self) -> str:
        return f"handoff of {self.conversation_id} ({self.reason})"


class QueueSettings(models.Model):
    """The handoff queue's settings, edited in admin: one row (pk 1)."""

    sla_minutes = models.PositiveIntegerField(
        default=5, help_text="a chat waiting longer than this has its priority raised (one step per period)"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "queue settings"
        verbose_name_plural = "queue settings"

    def __str__(self) -> str:
        return f"queue settings (SLA {self.sla_minutes} min)"

    @classmethod
    def current(cls) -> "QueueSettings":
        settings_row, _ = cls.objects.get_or_create(pk=1)
        return settings_row
