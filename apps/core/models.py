from django.db import models


class TimestampedModel(models.Model):
    """Creation and modification times for rows people look at in the back office."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ConfigGeneration(models.Model):
    """A token that changes whenever a row of one configuration table changes.

    Written only by database triggers (apps/core/generations.py), in the transaction of the write
    itself, so a reader that sees the new rows sees the new token too, whoever wrote them.
    """

    table = models.CharField(max_length=100, primary_key=True)
    token = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.table}: {self.token}"
