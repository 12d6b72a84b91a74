import secrets

from django.conf import settings
from django.core.validators import RegexValidator
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
    # The website whose embedded chat started the conversation; with `customer` set at the start,
    # that site vouched for the customer with a signed identity.
    embed_site = models.ForeignKey(
        "conversations.EmbedSite",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversations",
    )
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


class CannedReply(TimestampedModel):
    """A ready answer supervisors insert into a reply; edited in the back office."""

    title = models.CharField(max_length=80, help_text="what supervisors pick it by, e.g. 'Refund timing'")
    shortcut = models.SlugField(
        max_length=30, unique=True, help_text="typed after '/' in the console's reply box, e.g. 'refund'"
    )
    text = models.TextField(help_text="the reply; {first_name} becomes the customer's first name")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "canned replies"

    def __str__(self) -> str:
        return self.title


class ReadMark(models.Model):
    """How far one reader has read a conversation: the customer, or one supervisor."""

    CUSTOMER = "customer"

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="read_marks")
    # "customer", or "user:<pk>" for a member of staff.
    reader = models.CharField(max_length=40)
    last_read_id = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "reader"], name="read_mark_unique_per_reader")
        ]

    def __str__(self) -> str:
        return f"{self.reader} read {self.conversation_id} up to {self.last_read_id}"

    @staticmethod
    def staff_reader(user_id: int) -> str:
        return f"user:{user_id}"


def _embed_key() -> str:
    return secrets.token_urlsafe(12)


def _embed_secret() -> str:
    return secrets.token_urlsafe(32)


class EmbedSite(TimestampedModel):
    """A website that embeds the chat with one script tag: where it may be framed, its colour,
    and the secret it signs its customers' identities with (HMAC-SHA256)."""

    name = models.CharField(max_length=100)
    key = models.SlugField(
        max_length=40, unique=True, default=_embed_key, help_text="public: goes in the script tag"
    )
    secret = models.CharField(
        max_length=100,
        default=_embed_secret,
        help_text="private: the site's server signs identities with it; never put it in a page",
    )
    allowed_origins = models.TextField(
        help_text="one origin per line, e.g. https://shop.example.com (scheme, host and port if any)"
    )
    theme_color = models.CharField(
        max_length=7,
        default="#2563eb",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "A colour like #2563eb.")],
    )
    active = models.BooleanField(default=True)
    unexpiring_signatures = models.BooleanField(
        "accept signatures without an expiry",
        default=False,
        help_text=(
            "older integrations sign the identity alone: such a signature stays valid until the "
            "secret changes. Leave off for new sites (they sign identity and expiry)"
        ),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def origins(self) -> list[str]:
        return [line.strip().rstrip("/") for line in self.allowed_origins.splitlines() if line.strip()]
