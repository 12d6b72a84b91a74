from django.db import models


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("audit events are append-only")

    def delete(self):
        raise TypeError("audit events are append-only")


class AuditEvent(models.Model):
    """One entry of an append-only, hash-chained trail.

    Events form one chain per stream (a conversation, or "system"): `seq` counts up from 1
    and `hash` covers the previous event's hash, so an edited or removed row breaks the chain.
    """

    class Kind(models.TextChoices):
        ROUTE = "route"
        THOUGHT = "thought"
        ACTION = "action"
        OBSERVATION = "observation"
        GUARDRAIL = "guardrail"
        ANSWER = "answer"
        HANDOFF = "handoff"
        PERMISSION_DENIED = "permission_denied"
        SUPERVISOR_ACTION = "supervisor_action"
        ADMIN_CHANGE = "admin_change"
        MODEL = "model"
        MESSAGE = "message"  # a message stored (customer, system); answers and replies have their own
        STATUS = "status_change"  # a conversation moved along its allowed transitions

    stream = models.CharField(max_length=64)
    seq = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=32, choices=Kind.choices, db_index=True)
    actor = models.CharField(max_length=128, help_text="who acted: a principal label")
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(db_index=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["stream", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["stream", "seq"], name="audit_event_stream_seq_unique")
        ]

    def __str__(self) -> str:
        return f"{self.stream}#{self.seq} {self.kind}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("audit events are append-only")


class AuditStreamHead(models.Model):
    """The newest event of each stream. An append locks this row, so a stream's events are
    appended one at a time however many writers race (each waits for the one before to commit);
    and a verifier can tell when the newest events of a stream, or all of them, were deleted."""

    stream = models.CharField(max_length=64, primary_key=True)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.stream} at #{self.seq}"
