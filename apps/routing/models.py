"""The router's rows: the labelled examples it learns from and its trained versions."""

from django.db import models

from apps.core.models import TimestampedModel


class RouterExample(TimestampedModel):
    """A labelled customer message the router learns from (or is evaluated on)."""

    class Label(models.TextChoices):
        SMALLTALK = "smalltalk"
        FAQ = "faq"
        LOOKUP = "lookup"
        TRANSACTION = "transaction"
        COMPLAINT = "complaint"
        HUMAN = "human"

    class Split(models.TextChoices):
        TRAIN = "train"
        HELDOUT = "heldout", "held out (never trained on)"

    text = models.CharField(max_length=1000)
    label = models.CharField(max_length=16, choices=Label.choices, db_index=True)
    source = models.CharField(max_length=32, default="admin", help_text="own, bitext, clinc150, admin")
    split = models.CharField(max_length=8, choices=Split.choices, default=Split.TRAIN)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["label", "id"]
        constraints = [
            models.UniqueConstraint(fields=["text", "source"], name="router_example_unique_text_source")
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.text[:60]}"


class RouterModel(models.Model):
    """A trained, versioned router. The newest active one serves."""

    version = models.PositiveIntegerField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    labels = models.JSONField()
    artifact = models.BinaryField(help_text="the serialised classifier")
    metrics = models.JSONField(default=dict)
    trained_on = models.PositiveIntegerField(default=0, help_text="number of training examples")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"router v{self.version}"
